#!/usr/bin/env bash
# What an ACS request costs before any SAML work, next to bench/signin.sh's ACS figure: one of its signed responses
# (URL-encoded, about 10 KB) posted by wrk (2 threads, 16 connections) to ACS addresses that answer before checking
# anything, each with its error page (404):
#   1. malformed_token: a token that cannot be one (no database read);
#   2. unknown_token: a well-formed token no connection has (one indexed read).
# What is left of the ACS's time is the checks and the sign-in's reads and writes. Prints the figures with the CPU
# split (application / PostgreSQL / the rest, wrk included, in % of one core) and records them in bench/out/results.env.
# Usage: bench/acs-floor.sh   (BENCH_RUNS=3 runs of BENCH_SECONDS=10 s each after a 10 s warm-up)
source "$(dirname "$0")/lib.sh"
RUNS=${BENCH_RUNS:-3}
SECONDS_PER_RUN=${BENCH_SECONDS:-10}
: >"$OUT/results.env"
record load_average_at_start "\"$(cut -d' ' -f1-3 /proc/loadavg)\""

need_tools
build_app
[ -f target/test-classes/io/connectionhub/bench/SignInBench.class ] || ./mvnw -B -q test-compile >&2
BENCH_CP="target/test-classes:$TOOLS_CP"
start_db
start_app
new_tenant "bench-acs-floor"
BODIES=$OUT/saml-acs-bodies.txt
eval "$("$JAVA" -cp "$BENCH_CP" io.connectionhub.bench.SignInBench acs "$BASE" "$TOKEN" 1 "$BODIES")"

measure() {   # name, ACS path
    local status rps=() p50=() p99=() r m50 m99 e before started
    status=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/x-www-form-urlencoded' \
        --data-binary "@$BODIES" "$BASE$2")
    [ "$status" = 404 ] || die "$2 answered $status, not the 404 error page"
    WRK_THREADS=2 WRK_CONNECTIONS=16 wrk_run 10 -s "$BENCH_DIR/wrk/post-one.lua" "$BASE$2" -- "$BODIES" >/dev/null
    before=$(own_cpu_ticks); started=$(date +%s)
    for _ in $(seq 1 "$RUNS"); do
        read -r r m50 m99 e <<<"$(WRK_THREADS=2 WRK_CONNECTIONS=16 wrk_run "$SECONDS_PER_RUN" \
            -s "$BENCH_DIR/wrk/post-one.lua" "$BASE$2" -- "$BODIES")"
        rps+=("$r"); p50+=("$m50"); p99+=("$m99")
    done
    record_cpu "$1" "$before" "$(own_cpu_ticks)" "$(( $(date +%s) - started ))"
    record "${1}_rps" "$(median "${rps[@]}")"
    record "${1}_p50_ms" "$(median "${p50[@]}")"
    record "${1}_p99_ms" "$(median "${p99[@]}")"
}

measure malformed_token "/saml/sp/acs/not-a-token"
measure unknown_token "/saml/sp/acs/$(printf 'A%.0s' $(seq 1 34))"
record load_average_at_end "\"$(cut -d' ' -f1-3 /proc/loadavg)\""
