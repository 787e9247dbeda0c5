#!/usr/bin/env bash
# Starts the editor on the bundled sample (or FILE) in a virtual X server, waits for the first
# full render and saves a picture of the window.   Usage: scripts/screenshot.sh [OUT.png] [FILE]
# (default: docs/screenshot.png), with the stack of docs/screenshot-recipe.json (a median and a
# sharpen limited to a region). The Xvfb smoke test runs the same flow.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

ks_build
out="${1:-$KS_ROOT/docs/screenshot.png}"
mkdir -p "$(dirname "$out")"
shift || true
# A config directory of its own, so the picture never depends on this user's saved layout.
XDG_CONFIG_HOME="$(mktemp -d)" xvfb-run -a -s "-screen 0 1400x900x24" \
    "$KS_BUILD/app/kernel-studio" -platform xcb --screenshot "$out" \
    --recipe "$KS_ROOT/docs/screenshot-recipe.json" "$@"
