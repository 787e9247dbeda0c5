#!/usr/bin/env bash
# Installs what is missing, builds in Release and runs the whole test suite with ctest.
# Exits non-zero on any failure.
#   scripts/test.sh              the suite on the Release build (build/)
#   scripts/test.sh --sanitize   the suite built with AddressSanitizer and UBSan (build-sanitize/)
#   scripts/test.sh --tsan       the suites that run threads, built with ThreadSanitizer
#                                (build-tsan/); a data race fails the test that hit it
#                                (tests/tsan.supp names the hand-offs inside Qt it cannot see)
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
elif [ "${1:-}" = "--tsan" ]; then
    shift
    KS_BUILD="${KS_BUILD_DIR:-$KS_ROOT/build-tsan}"
    cmake_args=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DKS_BUILD_PYTHON=OFF
                "-DCMAKE_CXX_FLAGS=-fsanitize=thread -fno-omit-frame-pointer")
    # ignore_noninstrumented_modules: what Qt's own (uninstrumented) code does inside its
    # interceptors (malloc, memmove, mutex teardown) is not checked; our code still is.
    export TSAN_OPTIONS="suppressions=$KS_ROOT/tests/tsan.supp:print_suppressions=0:second_deadlock_stack=1:ignore_noninstrumented_modules=1"
    # Only the suites that run the engine's workers: TSan slows everything ~10x, and CI's time
    # is shared with the Release and ASan runs. Not tst_previewcontroller: its threads are
    # QtConcurrent's, every hand-off inside Qt where TSan cannot see it (all it reported was
    # those), and at TSan's speed its renders outlast the suite's waits.
    tsan_suites=(tst_engine tst_recursivegaussian tst_nonlinearfilters tst_deconvolution)
    export KS_BUILD_TARGETS="${tsan_suites[*]}"
    tsan_filter="^($(IFS='|'; echo "${tsan_suites[*]}"))\$"
    set -- -R "$tsan_filter" "$@"
fi
ks_build "${cmake_args[@]}"
export QT_QPA_PLATFORM=offscreen
cd "$KS_BUILD"
ctest --output-on-failure --parallel "$(nproc)" "$@"
