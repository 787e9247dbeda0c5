#!/usr/bin/env bash
# Installs what is missing, builds in Release, and runs the command line on the bundled
# samples: every built-in filter applied to the PNG and the SVG, one result per filter.
# Usage: scripts/run.sh [output directory]   (default: out/samples)
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

ks_build
out="${1:-$KS_ROOT/out/samples}"
filters=(
    emboss3x3 emboss5x5 sharpen3x3 sharpen5x5
    "box:size=5" "motion:size=9,angle=45" binomial5x5
    "custom:kernel=\"5x7: 0,0,1,0,0, 0,1,1,1,0, 0,1,2,1,0, 1,2,10,2,1, 0,1,2,1,0, 0,1,1,1,0, 0,0,1,0,0\",factor=0.03125"
    "gaussian:size=5,sigma=1.5" "gaussian-sharpen:size=5,sigma=1.5,amount=1"
    laplace8 sobel-x
)
args=()
for f in "${filters[@]}"; do args+=(-f "$f"); done
"$KS_BUILD/app/kernel-studio-cli" each "$KS_ROOT/resources/samples/photo.png" \
    "$KS_ROOT/resources/samples/shapes.svg" "${args[@]}" -d "$out"
ks_log "results are in $out"
