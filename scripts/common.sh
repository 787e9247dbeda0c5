# Sourced by run.sh, test.sh and bench.sh: installs the Debian packages that are missing,
# then configures and builds in Release. Quick when everything is already in place.
set -euo pipefail

KS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
KS_BUILD="${KS_BUILD_DIR:-$KS_ROOT/build}"

# What building and testing need on a bare Debian 12 machine.
KS_PACKAGES=(
    g++ cmake ninja-build pkg-config
    qt6-base-dev qt6-svg-dev libqt6svg6 qt6-image-formats-plugins
    fonts-dejavu-core xvfb xauth
    libbenchmark-dev libfftw3-dev zlib1g-dev libpng-dev libtiff-dev
    python3-dev pybind11-dev python3-pybind11 python3-numpy python3-pytest python3-opencv
    parallel python3-jsonschema
    clang libclang-rt-14-dev # scripts/fuzz.sh: libFuzzer harnesses (tests/fuzz)
    libexiv2-dev qt6-l10n-tools qt6-tools-dev                       # metadata, translations
    desktop-file-utils appstream bash-completion man-db shared-mime-info  # install checks
    python3-pyatspi at-spi2-core openbox dbus dbus-x11              # tests/atspi: AT-SPI client under Xvfb
)

# The Python module is built for, and tested with, the Debian interpreter the packages above
# serve (a python3 earlier on PATH, e.g. pyenv's, has none of them).
KS_PYTHON="${KS_PYTHON:-/usr/bin/python3}"

ks_log() { printf 'kernel-studio: %s\n' "$*" >&2; }

# Installs each named package that dpkg does not list as installed.
ks_require_packages() {
    local missing=() pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0

    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || { ks_log "missing packages: ${missing[*]} (run as root or install sudo)"; exit 1; }
        sudo=(sudo)
    fi
    ks_log "installing: ${missing[*]}"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
}

# Configures once (arguments are extra CMake options; the last -DCMAKE_BUILD_TYPE wins),
# then builds what changed.
ks_build() {
    ks_require_packages "${KS_PACKAGES[@]}"
    if [ ! -f "$KS_BUILD/build.ninja" ]; then
        cmake -S "$KS_ROOT" -B "$KS_BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release \
            -DPython3_EXECUTABLE="$KS_PYTHON" "$@" >/dev/null
    fi
    # KS_BUILD_TARGETS (space-separated) builds only those, e.g. the suites test.sh --tsan runs.
    local targets=()
    [ -n "${KS_BUILD_TARGETS:-}" ] && read -r -a targets <<< "$KS_BUILD_TARGETS" && targets=(--target "${targets[@]}")
    cmake --build "$KS_BUILD" --parallel "$(nproc)" "${targets[@]}"
}
