#!/usr/bin/env bash
# Sign-in through a SAML connection under load (issue 16 goals, on this 2-core machine: the ACS validates >= 1,000
# distinct signed responses/s with p99 <= 50 ms at 16 concurrent; the whole flow sustains >= 300 sign-ins/s).
#  1. The ACS alone: a samlp connection allowing IdP-initiated sign-in, whose IdP certificate is the bench signer's
#     (io.connectionhub.bench.SignInBench, with the tests' independent signer TestIdp); BENCH_ACS_RESPONSES distinct
#     signed responses made before the timed part, each posted once by wrk (bench/wrk/saml-acs.lua), 16 connections;
#     an answer other than a 303 with a code counts as an error.
#  2. The whole flow: SignInBench's load generator, 16 sign-ins at a time, each GET /authorize (SP-initiated, PKCE),
#     a response signed to its AuthnRequest, POST ACS, /oauth/token, GET /userinfo.
# Both record the CPU split (application / PostgreSQL / load generator / rest of the machine) in bench/out/results.env.
# Usage: bench/signin.sh   (BENCH_RUNS=3 runs of BENCH_SECONDS=10 s each after BENCH_WARMUP_SECONDS=20 s of warm-up)
source "$(dirname "$0")/lib.sh"
RUNS=${BENCH_RUNS:-3}
SECONDS_PER_RUN=${BENCH_SECONDS:-10}
WARMUP=${BENCH_WARMUP_SECONDS:-20}
RESPONSES=${BENCH_ACS_RESPONSES:-60000}
CONCURRENCY=${BENCH_CONCURRENCY:-16}
: >"$OUT/results.env"
record load_average_at_start "\"$(cut -d' ' -f1-3 /proc/loadavg)\""

need_tools
build_app
[ -f target/test-classes/io/connectionhub/bench/SignInBench.class ] || ./mvnw -B -q test-compile >&2
BENCH_CP="target/test-classes:$TOOLS_CP"
start_db
start_app
new_tenant "bench-signin"

# --- 1. the ACS alone
BODIES=$OUT/saml-acs-bodies.txt
log "signing $RESPONSES distinct IdP-initiated responses (untimed)"
eval "$("$JAVA" -cp "$BENCH_CP" io.connectionhub.bench.SignInBench acs "$BASE" "$TOKEN" "$RESPONSES" "$BODIES")"
log "ACS $ACS_PATH"
NEXT_LINE=1

acs_run() {   # seconds; prints "<requests/s> <p50 ms> <p99 ms> <errors> <wrk CPU ticks>" and moves NEXT_LINE on
    local seconds=$1 report used bad exhausted cpu hz
    hz=$(getconf CLK_TCK)
    report=$( { TIMEFORMAT='cpu %U %S'; time wrk -t"${WRK_THREADS:-2}" -c"$CONCURRENCY" -d"${seconds}s" --latency --timeout 10s \
        -s "$BENCH_DIR/wrk/saml-acs.lua" "$BASE$ACS_PATH" -- "$BODIES" "$NEXT_LINE" "${WRK_THREADS:-2}"; } 2>&1 )
    echo "$report" >>"$OUT/wrk.log"
    read -r used bad exhausted <<<"$(echo "$report" | sed -nE 's/^used=([0-9]+) bad=([0-9]+) exhausted=([0-9]+)$/\1 \2 \3/p')"
    [ "$exhausted" = 0 ] || die "the signed responses ran out after line $used; set BENCH_ACS_RESPONSES higher"
    NEXT_LINE=$((used + 1))
    cpu=$(echo "$report" | awk -v hz="$hz" '$1 == "cpu" {printf "%d", ($2 + $3) * hz}')
    local rps p50 p99 socket_errors
    rps=$(echo "$report" | awk '/Requests\/sec/ {print $2}')
    p50=$(echo "$report" | awk '$1=="50%" {print $2}')
    p99=$(echo "$report" | awk '$1=="99%" {print $2}')
    socket_errors=$(echo "$report" | awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}')
    echo "$rps $(to_ms "$p50") $(to_ms "$p99") $((bad + ${socket_errors:-0})) $cpu"
}

log "ACS: warm-up ${WARMUP} s"
acs_run "$WARMUP" >/dev/null
rps=(); p50=(); p99=(); errors=0; wrk_cpu=0
before=$(cpu_ticks); started=$(date +%s)
for _ in $(seq 1 "$RUNS"); do
    read -r r m50 m99 e c <<<"$(acs_run "$SECONDS_PER_RUN")"
    log "ACS run: $r responses/s, p99 $m99 ms, $e errors"
    rps+=("$r"); p50+=("$m50"); p99+=("$m99"); errors=$((errors + e)); wrk_cpu=$((wrk_cpu + c))
done
after=$(cpu_ticks); elapsed=$(( $(date +%s) - started ))
record_cpu acs "$before" "$after" "$elapsed"
record acs_cpu_generator_pct "$(( wrk_cpu * 100 / $(getconf CLK_TCK) / elapsed ))"
record acs_rps "$(median "${rps[@]}")"
record acs_p50_ms "$(median "${p50[@]}")"
record acs_p99_ms "$(median "${p99[@]}")"
record acs_errors "$errors"
record acs_responses_used "$((NEXT_LINE - 1))"
[ "$errors" = 0 ] || die "ACS: $errors answers were not a 303 with a code (see $OUT/wrk.log, $OUT/app.log)"

# --- 2. the whole flow
log "flow: $CONCURRENCY concurrent sign-ins, warm-up ${WARMUP} s, $RUNS runs of $SECONDS_PER_RUN s"
"$JAVA" -cp "$BENCH_CP" io.connectionhub.bench.SignInBench flow "$BASE" "$TOKEN" "$CONCURRENCY" "$WARMUP" \
    "$SECONDS_PER_RUN" "$RUNS" "$APP_PID" >"$OUT/flow.out"
while IFS='=' read -r key value; do record "$key" "$value"; done <"$OUT/flow.out"
record load_average_at_end "\"$(cut -d' ' -f1-3 /proc/loadavg)\""
grep -q '^flow_errors=0$' "$OUT/flow.out" || die "flow: some sign-ins failed (see the log above and $OUT/app.log)"
