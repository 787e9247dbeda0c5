#!/usr/bin/env bash
# Installs the build into a fresh temporary prefix and validates every installed desktop file:
# both binaries (--version and --help without a display), the .desktop file
# (desktop-file-validate), the AppStream metainfo (appstreamcli validate --no-net), the hicolor
# icons (SVG and 16-512 px PNGs of the right size), the MIME types the .desktop file claims
# (known to shared-mime-info), the man pages (man's own warnings) and the bash completion
# (filter names from `list`). Run by ctest as install_validate; exits non-zero on any failure.
#   scripts/check-install.sh [BUILD_DIR]
set -euo pipefail
build="$(cd "${1:-$(dirname "${BASH_SOURCE[0]}")/../build}" && pwd)"
prefix="$(mktemp -d)"
trap 'rm -rf "$prefix"' EXIT
failures=0
fail() { printf 'check-install: FAIL: %s\n' "$*" >&2; failures=$((failures + 1)); }
ok() { printf 'check-install: ok: %s\n' "$*"; }

cmake --install "$build" --prefix "$prefix" >/dev/null
share="$prefix/share"

for exe in kernel-studio kernel-studio-cli; do
    bin="$prefix/bin/$exe"
    [ -x "$bin" ] || { fail "$bin is not installed"; continue; }
    version=$(env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$bin" --version 2>&1) || fail "$exe --version failed: $version"
    [[ $version == *0.* ]] && ok "$exe --version: $version" || fail "$exe --version printed '$version'"
    env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$bin" --help >/dev/null 2>&1 && ok "$exe --help without a display" \
        || fail "$exe --help failed without a display"
done

desktop="$share/applications/kernel-studio.desktop"
if out=$(desktop-file-validate "$desktop" 2>&1) && [ -z "$out" ]; then ok "desktop-file-validate"; else fail "desktop-file-validate: $out"; fi

# The component ID kernel-studio matches the .desktop file and the binary; an rDNS ID needs the
# project's own domain (see the metainfo's comment), so that one warning is reported as info.
metainfo="$share/metainfo/kernel-studio.metainfo.xml"
if out=$(appstreamcli validate --no-net --override=cid-desktopapp-is-not-rdns=info "$metainfo" 2>&1); then
    ok "appstreamcli validate --no-net"
else
    fail "appstreamcli: $out"
fi

[ -s "$share/icons/hicolor/scalable/apps/kernel-studio.svg" ] && ok "scalable icon" || fail "no scalable icon"
for size in 16 22 24 32 48 64 128 256 512; do
    png="$share/icons/hicolor/${size}x${size}/apps/kernel-studio.png"
    got=$(python3 -c 'import struct,sys; d=open(sys.argv[1],"rb").read(24); print("%dx%d" % struct.unpack(">II", d[16:24]) if d[:8]==b"\x89PNG\r\n\x1a\n" else "not a PNG")' "$png" 2>/dev/null || echo missing)
    [ "$got" = "${size}x${size}" ] || fail "$png is $got"
done
ok "hicolor PNG icons 16-512 px"

mimes=$(sed -n 's/^MimeType=//p' "$desktop" | tr ';' ' ')
[ -n "$mimes" ] || fail "the .desktop file claims no MIME types"
for mime in $mimes; do
    [ -f "/usr/share/mime/$mime.xml" ] || fail "MIME type $mime is unknown to shared-mime-info"
done
ok "MIME types: $mimes"

for page in kernel-studio kernel-studio-cli; do
    man1="$share/man/man1/$page.1"
    [ -s "$man1" ] || { fail "no man page $man1"; continue; }
    warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$man1" 2>&1 >/dev/null || true)
    [ -z "$warnings" ] || fail "man $page: $warnings"
    grep -q -- "\\\\-\\\\-help" "$man1" || fail "man $page lacks the --help text"
done
grep -q 'colorspace' "$share/man/man1/kernel-studio-cli.1" || fail "the cli man page lacks apply's options"
ok "man pages"

completion="$share/bash-completion/completions/kernel-studio-cli"
if [ -f /usr/share/bash-completion/bash_completion ] && [ -f "$completion" ]; then
    got=$(PATH="$prefix/bin:$PATH" bash -c '
        source /usr/share/bash-completion/bash_completion
        source "$1"
        COMP_WORDS=(kernel-studio-cli apply in.png -f gau); COMP_CWORD=4
        COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}
        _kernel_studio_cli; echo "${COMPREPLY[*]}"
        COMP_WORDS=(kernel-studio-cli ap); COMP_CWORD=1
        COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}
        _kernel_studio_cli; echo "${COMPREPLY[*]}"' _ "$completion" 2>&1)
    [[ $got == *"gaussian:"*"gaussian-sharpen:"* && $got == *apply* ]] && ok "bash completion: ${got//$'\n'/ | }" \
        || fail "bash completion gave '$got'"
else
    fail "no bash completion (or bash-completion is not installed)"
fi

[ $failures -eq 0 ] || { echo "check-install: $failures failure(s)" >&2; exit 1; }
echo "check-install: every installed file validates"
