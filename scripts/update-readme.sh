#!/usr/bin/env bash
# Writes the README's filter tables from the filter declarations (kernel-studio-cli list
# --markdown), between the filters:begin and filters:end markers. tst_cli fails when they differ.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
ks_build >&2
tables="$(QT_QPA_PLATFORM=offscreen "$KS_BUILD/app/kernel-studio-cli" list --markdown)"
TABLES="$tables" python3 - "$KS_ROOT/README.md" <<'PY'
import os, re, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
begin = re.search(r"<!-- filters:begin[^>]*-->\n", text)
end = text.index("<!-- filters:end -->")
text = text[:begin.end()] + os.environ["TABLES"].rstrip("\n") + "\n" + text[end:]
open(path, "w", encoding="utf-8").write(text)
PY
