#!/usr/bin/env bash
# Shared by the benchmark scripts (source it). Starts a throwaway PostgreSQL from the project's embedded binaries
# and the packaged application against it; everything started here stops when the calling script exits.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
OUT=${BENCH_OUT:-$ROOT/bench/out}
APP_PORT=${APP_PORT:-18080}
BASE=http://127.0.0.1:$APP_PORT
ADMIN_TOKEN=bench-admin-$RANDOM$RANDOM
JAVA=${JAVA:-java}
# The JVM options the container image's run-java.sh gives the application in a pod with the Kubernetes manifests'
# 512 MiB limit, with the image's settings (src/main/docker/Dockerfile.jvm: JAVA_MAX_MEM_RATIO=30, GC_TIME_RATIO=99,
# GC_MIN/MAX_HEAP_FREE_RATIO=40/70, GC_ADAPTIVE_SIZE_POLICY_WEIGHT=10, GC_METASPACE_SIZE=96); -XX:MaxRAM stands in
# for the container's memory limit.
CONTAINER_JAVA_OPTS="-XX:MaxRAM=512m -XX:MaxRAMPercentage=30.0 -XX:+UseParallelGC -XX:MinHeapFreeRatio=40 \
-XX:MaxHeapFreeRatio=70 -XX:GCTimeRatio=99 -XX:AdaptiveSizePolicyWeight=10 -XX:MetaspaceSize=96m -XX:+ExitOnOutOfMemoryError"
APP_JAVA_OPTS=${APP_JAVA_OPTS:-$CONTAINER_JAVA_OPTS}
mkdir -p "$OUT"
cd "$ROOT"

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

need_tools() {
    for tool in wrk curl; do
        if ! command -v "$tool" >/dev/null; then
            log "installing $tool (Debian package)"
            (apt-get install -y "$tool" || (apt-get update && apt-get install -y "$tool")) >/dev/null 2>&1 \
                || { echo "please install $tool" >&2; exit 1; }
        fi
    done
}

# Packages the application (unless BENCH_SKIP_BUILD=1 and it exists) and records the class path of its tools.
build_app() {
    if [ "${BENCH_SKIP_BUILD:-0}" != 1 ] || [ ! -f target/quarkus-app/quarkus-run.jar ]; then
        log "packaging the application"
        ./mvnw -B -q package -DskipTests >&2
    fi
    [ -f target/bench-classpath.txt ] || ./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >&2
    TOOLS_CP="target/classes:$(cat target/bench-classpath.txt)"
}

# Starts PostgreSQL; it runs until this shell exits (its stdin is a pipe held by this shell).
start_db() {
    coproc DB { exec "$JAVA" -cp "$TOOLS_CP" io.connectionhub.devdb.StandalonePostgres ${DB_FLAGS:-}; }
    local line
    while read -r -u "${DB[0]}" line; do
        case "$line" in
            READY=1) break ;;
            *=*) eval "export $line" ;;
        esac
    done
    log "PostgreSQL up (pid $POSTGRES_PID; $POSTGRES_SETTINGS)"
}

# Runs one SQL statement in the benchmark's database (through StandalonePostgres); fails the script if it fails.
db_sql() {
    local answer
    echo "$1" >&"${DB[1]}"
    read -r -u "${DB[0]}" answer
    [ "$answer" = DONE ] || die "$1: $answer"
}

# A database at rest before a measurement: a bulk load's dead tuples vacuumed, its statistics fresh, its dirty
# pages written, so that autovacuum and the checkpointer do not run into the figures of the next phase.
db_settle() {
    db_sql "VACUUM ANALYZE"
    db_sql "CHECKPOINT"
}

# Exports what the packaged application needs besides the database: fresh keys, the admin token, the port.
app_env() {
    eval "$("$JAVA" -cp "$TOOLS_CP" io.connectionhub.devdb.GenerateKeys)"
    export CONNECTIONHUB_JWT_SIGNING_KEY CONNECTIONHUB_ENCRYPTION_KEY
    export CONNECTIONHUB_ADMIN_TOKEN=$ADMIN_TOKEN QUARKUS_HTTP_PORT=$APP_PORT CONNECTIONHUB_PUBLIC_URL=$BASE
}

# Starts the packaged application against the database; APP_PID is its process.
start_app() {
    app_env
    export QUARKUS_LOG_CONSOLE_LEVEL=WARN
    # shellcheck disable=SC2086
    "$JAVA" $APP_JAVA_OPTS ${APP_EXTRA_OPTS:-} -jar target/quarkus-app/quarkus-run.jar >"$OUT/app.log" 2>&1 &
    APP_PID=$!
    echo "app_java_opts=\"$APP_JAVA_OPTS\"" >>"$OUT/results.env"
    for _ in $(seq 1 300); do
        if curl -sf "$BASE/q/health/ready" >/dev/null 2>&1; then
            log "application up (pid $APP_PID, $APP_JAVA_OPTS)"
            return
        fi
        kill -0 "$APP_PID" 2>/dev/null || { cat "$OUT/app.log" >&2; exit 1; }
        sleep 0.1
    done
    echo "the application did not become ready" >&2
    exit 1
}

stop_all() {
    [ -n "${APP_PID:-}" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
    [ -n "${DB_PID:-}" ] && kill "$DB_PID" 2>/dev/null || true
}
trap stop_all EXIT

json_field() { sed -E "s/.*\"$1\":\"?([^\",}]*)\"?.*/\1/"; }

# A new tenant; exports TOKEN (every management scope).
new_tenant() {
    local created
    created=$(curl -sf -X POST "$BASE/admin/v1/tenants" -H "Authorization: Bearer $ADMIN_TOKEN" \
        -H 'Content-Type: application/json' -d "{\"name\":\"$1\"}")
    local id secret
    id=$(echo "$created" | json_field client_id)
    secret=$(echo "$created" | json_field client_secret)
    TOKEN=$(curl -sf -X POST "$BASE/oauth/token" -H 'Content-Type: application/json' \
        -d "{\"grant_type\":\"client_credentials\",\"client_id\":\"$id\",\"client_secret\":\"$secret\"}" | json_field access_token)
    export TOKEN
}

create_connection() {
    curl -sf -X POST "$BASE/api/v2/connections" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
        -d "{\"name\":\"$1\",\"strategy\":\"${2:-auth0}\"}" | json_field id
}

# Runs wrk; prints "<requests/s> <p50 ms> <p99 ms> <non-2xx>".
wrk_run() {
    local seconds=$1; shift
    local report
    report=$(wrk -t"${WRK_THREADS:-2}" -c"${WRK_CONNECTIONS:-16}" -d"${seconds}s" --latency "$@")
    echo "$report" >>"$OUT/wrk.log"
    local rps p50 p99 errors
    rps=$(echo "$report" | awk '/Requests\/sec/ {print $2}')
    p50=$(echo "$report" | awk '$1=="50%" {print $2}')
    p99=$(echo "$report" | awk '$1=="99%" {print $2}')
    errors=$(echo "$report" | awk '/Non-2xx/ {print $5}')
    echo "$rps $(to_ms "$p50") $(to_ms "$p99") ${errors:-0}"
}

to_ms() {
    case "$1" in
        *us) awk -v v="${1%us}" 'BEGIN {printf "%.2f", v / 1000}' ;;
        *ms) awk -v v="${1%ms}" 'BEGIN {printf "%.2f", v}' ;;
        *s) awk -v v="${1%s}" 'BEGIN {printf "%.2f", v * 1000}' ;;
        *) echo "$1" ;;
    esac
}

# The median of the numbers given as arguments.
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

# Samples the resident set size (MiB) of a process every 200 ms until stop_rss; peak_rss prints the highest.
start_rss() {
    RSS_FILE=$OUT/rss.$1.samples
    : >"$RSS_FILE"
    ( while [ ! -f "$RSS_FILE.stop" ] && kill -0 "$1" 2>/dev/null; do
        awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$1/status" >>"$RSS_FILE" 2>/dev/null || true
        sleep 0.2
      done ) &
    RSS_SAMPLER=$!
}
stop_rss() { touch "$RSS_FILE.stop"; wait "$RSS_SAMPLER" 2>/dev/null || true; rm -f "$RSS_FILE.stop"; }
peak_rss() { sort -n "$RSS_FILE" | tail -1; }
current_rss() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$1/status"; }

# CPU used so far, in clock ticks: "<application> <PostgreSQL, all its processes> <whole machine, busy>".
cpu_ticks() {
    local app pg total
    app=$(awk '{print $14 + $15}' "/proc/$APP_PID/stat")
    pg=$(for pid in $(pgrep -x postgres); do awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null; done | awk '{s += $1} END {print s + 0}')
    total=$(awk '/^cpu / {print $2 + $3 + $4 + $7 + $8}' /proc/stat)
    echo "$app $pg $total"
}

# CPU used so far, in clock ticks: "<application> <this benchmark's PostgreSQL> <whole machine, busy>". Unlike
# lib.sh's cpu_ticks, PostgreSQL is only the server started here (the postmaster with its ended children's CPU, and its
# live children), not every postgres process on a shared machine.
own_cpu_ticks() {
    local app pg total
    app=$(awk '{print $14 + $15}' "/proc/$APP_PID/stat")
    pg=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$POSTGRES_PID/stat")
    for child in $(pgrep -P "$POSTGRES_PID"); do
        pg=$((pg + $(awk '{print $14 + $15}' "/proc/$child/stat" 2>/dev/null || echo 0)))
    done
    total=$(awk '/^cpu / {print $2 + $3 + $4 + $7 + $8}' /proc/stat)
    echo "$app $pg $total"
}

# Records where the CPU went between two cpu_ticks (or own_cpu_ticks) snapshots, in % of one core (all cores busy = 100 % x cores).
record_cpu() {   # name, "before" snapshot, "after" snapshot, seconds between them
    local hz seconds=$4
    hz=$(getconf CLK_TCK)
    [ "$seconds" -ge 1 ] || seconds=1
    read -r a1 p1 t1 <<<"$2"
    read -r a2 p2 t2 <<<"$3"
    record "${1}_cpu_app_pct" "$(( (a2 - a1) * 100 / hz / seconds ))"
    record "${1}_cpu_postgres_pct" "$(( (p2 - p1) * 100 / hz / seconds ))"
    record "${1}_cpu_rest_pct" "$(( ((t2 - t1) - (a2 - a1) - (p2 - p1)) * 100 / hz / seconds ))"
}

record() { echo "$1=$2" >>"$OUT/results.env"; log "$1 = $2"; }
