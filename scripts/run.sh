#!/usr/bin/env bash
# Installs what is missing, builds in Release and opens the editor.
# Usage: scripts/run.sh [FILE]   (default: the bundled sample photo)
# With no display it says so in one line and exits non-zero; scripts/samples.sh runs the
# command line on the samples instead.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

ks_build
exec "$KS_BUILD/app/kernel-studio" "$@"
