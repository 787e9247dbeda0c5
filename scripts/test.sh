#!/usr/bin/env bash
# Installs what is missing, builds in Release and runs the whole test suite with ctest.
# Exits non-zero on any failure.
#   scripts/test.sh              the suite on the Release build (build/)
#   scripts/test.sh --sanitize   the suite built with AddressSanitizer and UBSan (build-sanitize/)
# Other arguments go to ctest, e.g. scripts/test.sh -R tst_engine
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

cmake_args=()
if [ "${1:-}" = "--sanitize" ]; then
    shift
    KS_BUILD="${KS_BUILD_DIR:-$KS_ROOT/build-sanitize}"
    # No Python module here: python3 itself is not built with ASan, so it cannot load an
    # ASan-built extension (the Release suite runs the module's pytest).
    cmake_args=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DKS_BUILD_PYTHON=OFF
                "-DCMAKE_CXX_FLAGS=-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer")
    export LSAN_OPTIONS="suppressions=$KS_ROOT/tests/lsan.supp:print_suppressions=0"
fi
ks_build "${cmake_args[@]}"
export QT_QPA_PLATFORM=offscreen
cd "$KS_BUILD"
ctest --output-on-failure --parallel "$(nproc)" "$@"
