#!/usr/bin/env bash
# Installs what is missing, builds in Release and runs the whole test suite with ctest.
# Exits non-zero on any failure.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

ks_build
export QT_QPA_PLATFORM=offscreen
cd "$KS_BUILD"
ctest --output-on-failure --parallel "$(nproc)" "$@"
