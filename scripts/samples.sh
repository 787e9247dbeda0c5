#!/usr/bin/env bash
# Installs what is missing, builds in Release, and runs the command line on the bundled
# samples: every filter of the reference example applied to the PNG and the SVG, one result
# per filter.   Usage: scripts/samples.sh [output directory]   (default: out/samples)
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

ks_build
out="${1:-$KS_ROOT/out/samples}"
"$KS_BUILD/app/kernel-studio-cli" each "$KS_ROOT/resources/samples/photo.png" \
    "$KS_ROOT/resources/samples/shapes.svg" --example -d "$out"
ks_log "results are in $out"
