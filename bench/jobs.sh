#!/usr/bin/env bash
# Long work (issue 4 goals): import of a 1,000,000-user file (upload to completed, peak RSS of the app), then the
# purge of that 1,000,000-user connection while wrk keeps GET /api/v2/connections/{id} busy on another one.
# Usage: bench/jobs.sh            (BENCH_USERS=1000000)
source "$(dirname "$0")/lib.sh"
USERS=${BENCH_USERS:-1000000}

need_tools
build_app
start_db
start_app

new_tenant "bench-jobs"
CONNECTION=$(create_connection "bench-import")
FILE=$OUT/users-$USERS.ndjson
if [ ! -s "$FILE" ]; then
    log "writing $FILE"
    awk -v n="$USERS" 'BEGIN { for (i = 0; i < n; i++) printf "{\"email\":\"user%d@bench.example\",\"email_verified\":true,\"given_name\":\"Given%d\",\"family_name\":\"Family\",\"user_metadata\":{\"plan\":\"basic\"}}\n", i, i }' >"$FILE"
fi
record import_file_mb "$(( $(stat -c %s "$FILE") / 1048576 ))"

job_status() { curl -sf -H "Authorization: Bearer $TOKEN" "$BASE/api/v2/jobs/$1"; }
await_job() {
    local job
    while true; do
        job=$(job_status "$1")
        case "$job" in *'"status":"completed"'*|*'"status":"failed"'*) echo "$job"; return ;; esac
        sleep 0.1
    done
}
now_ms() { date +%s%3N; }

log "import: $USERS users"
record import_rss_before_mb "$(current_rss "$APP_PID")"
start_rss "$APP_PID"
cpu_before=$(cpu_ticks)
started=$(now_ms)
JOB=$(curl -sf -H "Authorization: Bearer $TOKEN" -F "users=@$FILE" -F "connection_id=$CONNECTION" \
    "$BASE/api/v2/jobs/users-imports" | json_field id)
uploaded=$(now_ms)
result=$(await_job "$JOB")
finished=$(now_ms)
record_cpu import "$cpu_before" "$(cpu_ticks)" "$(( (finished - started) / 1000 ))"
stop_rss
echo "$result" >"$OUT/import-job.json"
case "$result" in *'"status":"completed"'*) ;; *) echo "import failed: $result" >&2; exit 1 ;; esac
record import_upload_s "$(awk -v a="$started" -v b="$uploaded" 'BEGIN {printf "%.1f", (b - a) / 1000}')"
record import_total_s "$(awk -v a="$started" -v b="$finished" 'BEGIN {printf "%.1f", (b - a) / 1000}')"
record import_rows_per_s "$(awk -v n="$USERS" -v a="$started" -v b="$finished" 'BEGIN {printf "%d", n / ((b - a) / 1000)}')"
record import_peak_rss_mb "$(peak_rss)"
record import_inserted "$(echo "$result" | sed -E 's/.*"inserted":([0-9]+).*/\1/')"

TARGET=$(create_connection "bench-get-during-purge")
db_settle
log "warming up GET /api/v2/connections/$TARGET"
wrk_run "${BENCH_WARMUP_SECONDS:-30}" -H "Authorization: Bearer $TOKEN" "$BASE/api/v2/connections/$TARGET" >/dev/null
WINDOW=${BENCH_PURGE_WINDOW:-75}
log "purge of $USERS users, wrk GET for ${WINDOW}s around it"
wrk_run "$WINDOW" -H "Authorization: Bearer $TOKEN" "$BASE/api/v2/connections/$TARGET" >"$OUT/purge-wrk.txt" &
WRK=$!
sleep 5
cpu_before=$(cpu_ticks)
started=$(now_ms)
location=$(curl -sf -D - -o /dev/null -X DELETE -H "Authorization: Bearer $TOKEN" "$BASE/api/v2/connections/$CONNECTION" \
    | awk -F': ' 'tolower($1) == "location" {print $2}' | tr -d '\r')
result=$(await_job "${location##*/}")
finished=$(now_ms)
record_cpu purge "$cpu_before" "$(cpu_ticks)" "$(( (finished - started) / 1000 ))"
wait "$WRK"
read -r rps p50 p99 errors <"$OUT/purge-wrk.txt"
echo "$result" >"$OUT/purge-job.json"
record purge_total_s "$(awk -v a="$started" -v b="$finished" 'BEGIN {printf "%.1f", (b - a) / 1000}')"
record purge_rows_per_s "$(awk -v n="$USERS" -v a="$started" -v b="$finished" 'BEGIN {printf "%d", n / ((b - a) / 1000)}')"
record purge_deleted "$(echo "$result" | sed -E 's/.*"deleted":([0-9]+).*/\1/')"
record get_during_purge_rps "$rps"
record get_during_purge_p50_ms "$p50"
record get_during_purge_p99_ms "$p99"
record get_during_purge_non2xx "$errors"
record postgres_settings "\"$POSTGRES_SETTINGS\""
