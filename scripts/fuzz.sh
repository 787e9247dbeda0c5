#!/usr/bin/env bash
# Builds the libFuzzer harnesses (tests/fuzz/) with clang, ASan and UBSan in build-fuzz/ and
# runs them. Exits non-zero on any finding (crash, sanitizer report, failed round trip,
# timeout or memory blow-up); the input that found it is kept in build-fuzz/findings/.
#   scripts/fuzz.sh NAME SECONDS    one harness: kerneltext, filterspec, recipe, presets,
#                                   imageload, striprows or engine
#   scripts/fuzz.sh all SECONDS     each of them for SECONDS
# Seeds are in tests/fuzz/corpus/NAME/; what a run adds goes to build-fuzz/corpus/NAME/.
# KS_FUZZ_SEED fixes libFuzzer's random seed (CI sets it, so that a red run can be replayed with
# the same command on a fresh clone); without it each run explores anew.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

KS_FUZZERS=(kerneltext filterspec recipe presets imageload striprows engine)
name="${1:-}"
seconds="${2:-}"
if [ -z "$name" ] || ! [[ "$seconds" =~ ^[0-9]+$ ]]; then
    ks_log "usage: scripts/fuzz.sh NAME|all SECONDS (NAME: ${KS_FUZZERS[*]})"
    exit 2
fi
if [ "$name" = all ]; then
    names=("${KS_FUZZERS[@]}")
elif [[ " ${KS_FUZZERS[*]} " == *" $name "* ]]; then
    names=("$name")
else
    ks_log "no fuzzer '$name' (there are: ${KS_FUZZERS[*]})"
    exit 2
fi

KS_BUILD="${KS_BUILD_DIR:-$KS_ROOT/build-fuzz}"
ks_require_packages "${KS_PACKAGES[@]}"
if [ ! -f "$KS_BUILD/build.ninja" ]; then
    CC=clang CXX=clang++ cmake -S "$KS_ROOT" -B "$KS_BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DKS_BUILD_FUZZERS=ON -DKS_BUILD_TESTS=OFF -DKS_BUILD_PYTHON=OFF \
        "-DCMAKE_CXX_FLAGS=-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer" \
        >/dev/null
fi
cmake --build "$KS_BUILD" --parallel "$(nproc)" --target "${names[@]/#/fuzz_}"

export QT_QPA_PLATFORM=offscreen
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}" # Qt's caches (fonts, plugins) live until exit
failed=()
for n in "${names[@]}"; do
    mkdir -p "$KS_BUILD/corpus/$n" "$KS_BUILD/findings" "$KS_BUILD/logs"
    log="$KS_BUILD/logs/$n.log"
    ks_log "fuzzing $n for ${seconds} s (log: $log)"
    # -timeout: one input taking 20 s is a hang; -rss_limit_mb: above 2.5 GB is a blow-up
    # (images up to MaxImagePixels legitimately take 1 GiB). The log stays in a file: a minute
    # of image decoding prints a million lines of decoder warnings.
    seed=()
    [ -n "${KS_FUZZ_SEED:-}" ] && seed=(-seed="$KS_FUZZ_SEED")
    if "$KS_BUILD/tests/fuzz/fuzz_$n" "${seed[@]}" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2560 \
        -print_final_stats=1 -artifact_prefix="$KS_BUILD/findings/$n-" \
        "$KS_BUILD/corpus/$n" "$KS_ROOT/tests/fuzz/corpus/$n" >"$log" 2>&1; then
        grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb)' "$log" >&2 || true
    else
        tail -n 80 "$log" >&2
        failed+=("$n")
    fi
done
if [ ${#failed[@]} -gt 0 ]; then
    ks_log "findings in: ${failed[*]} (inputs in $KS_BUILD/findings/)"
    exit 1
fi
