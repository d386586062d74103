#!/usr/bin/env bash
# The connections API under load (issue 3 goals): GET by id, POST with unique names, and the checkpoint list of a
# tenant with 100,000 connections on its first and 1,000th page. wrk on the same machine, 16 connections.
# Usage: bench/api.sh            (BENCH_RUNS=3 runs of BENCH_SECONDS=15 s each, after a warm-up)
source "$(dirname "$0")/lib.sh"
RUNS=${BENCH_RUNS:-3}
SECONDS_PER_RUN=${BENCH_SECONDS:-15}
LIST_SIZE=${BENCH_LIST_SIZE:-100000}

need_tools
build_app
start_db
start_app

measure() {   # name, then wrk arguments; records the medians of RUNS runs
    local name=$1; shift
    wrk_run "${BENCH_WARMUP_SECONDS:-30}" "$@" >/dev/null   # warm-up: C2 needs about half a minute of load here
    local rps=() p99=() p50=() errors=0 result before started
    before=$(cpu_ticks); started=$(date +%s)
    for _ in $(seq 1 "$RUNS"); do
        read -r r m50 m99 e <<<"$(wrk_run "$SECONDS_PER_RUN" "$@")"
        rps+=("$r"); p50+=("$m50"); p99+=("$m99"); errors=$((errors + e))
    done
    record_cpu "$name" "$before" "$(cpu_ticks)" "$(( $(date +%s) - started ))"
    record "${name}_rps" "$(median "${rps[@]}")"
    record "${name}_p50_ms" "$(median "${p50[@]}")"
    record "${name}_p99_ms" "$(median "${p99[@]}")"
    record "${name}_non2xx" "$errors"
    if [ "$errors" -gt 0 ]; then
        echo "$name: $errors responses were not 2xx; the figures above are not valid (see $OUT/wrk.log, $OUT/app.log)" >&2
        exit 1
    fi
}

new_tenant "bench-get"
ID=$(create_connection "bench-target")
log "GET /api/v2/connections/$ID"
measure get_connection -H "Authorization: Bearer $TOKEN" "$BASE/api/v2/connections/$ID"

new_tenant "bench-post"
log "POST /api/v2/connections (unique names)"
measure create_connection -H "Authorization: Bearer $TOKEN" -s "$BENCH_DIR/wrk/create-connection.lua" "$BASE/api/v2/connections"

new_tenant "bench-list"
log "seeding $LIST_SIZE connections"
total_connections() {
    curl -sf -H "Authorization: Bearer $TOKEN" "$BASE/api/v2/connections?per_page=1&include_totals=true" | json_field total
}
# wrk runs for its whole duration even after every thread stopped, so seed in 20 s rounds until the tenant is full.
while [ "$(total_connections)" -lt "$LIST_SIZE" ]; do
    missing=$((LIST_SIZE - $(total_connections)))
    WRK_THREADS=2 WRK_CONNECTIONS=16 wrk_run 20 -H "Authorization: Bearer $TOKEN" -s "$BENCH_DIR/wrk/create-connection.lua" \
        "$BASE/api/v2/connections" -- "$(( (missing + 1) / 2 ))" >/dev/null
done
FIRST="$BASE/api/v2/connections?take=50"
from=""
db_settle
pages=$(( LIST_SIZE / 50 - 1 )); [ "$pages" -gt 999 ] && pages=999
for _ in $(seq 1 "$pages"); do
    from=$(curl -sf -H "Authorization: Bearer $TOKEN" "$FIRST${from:+&from=$from}" | json_field next)
done
log "list: first page, and page $((pages + 1)) (from=$from)"
measure list_first_page -H "Authorization: Bearer $TOKEN" "$FIRST"
measure list_page_1000 -H "Authorization: Bearer $TOKEN" "$FIRST&from=$from"
record list_connections_in_tenant "$(total_connections)"
