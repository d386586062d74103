#!/usr/bin/env bash
# Start-up of the packaged application: wall clock from exec to the first 200 of /q/health/live, and the resident
# memory (VmRSS) at that moment, over several runs per variant:
#
#   jdk17        JDK 17, fast-jar
#   jdk25        JDK 25, fast-jar
#   jdk25-aot    JDK 25 with an AOT cache (JEP 483/514/515) from a training run (-XX:AOTCacheOutput)
#   jdk17-cds    JDK 17 with a dynamic AppCDS archive from a training run (-XX:ArchiveClassesAtExit)
# Both archive variants run the legacy-jar layout (quarkus.package.jar.type=legacy-jar, packaged once more into
# target/legacy-jar): the JDK loads and links ahead of time only the archived classes of its own class loaders,
# and the fast-jar loads the application through Quarkus's class loader (bench/README.md has why and the figures).
#   jdk17-replica      as jdk17, with Flyway inactive, as the Kubernetes replicas start (a job migrates before them)
#   jdk25-aot-replica  as jdk25-aot, with Flyway inactive (training too)
# and, as the floor under these figures on the same machine, two reference services under bench/floor, each packaged
# as a fast-jar (JDK 17) and a legacy-jar (JDK 25 AOT cache, trained by a few requests):
#   floor-rest-jdk17, floor-rest-jdk25-aot    the smallest Quarkus service: one REST resource and the health checks
#   floor-stack-jdk17, floor-stack-jdk25-aot  Connection Hub's extensions around one entity, resource and migration
# When asked for in BENCH_VARIANTS, also:
#   jdk25-aot-fast-jar  the same training and cache, on the fast-jar (to compare)
#   jdk17-cds-fast-jar  the same AppCDS archive, on the fast-jar (to compare)
#   jdk25-aot-quarkus   the archive Quarkus makes itself at package time (no requests trained; packages the
#                       application once more, with that JDK): appcds.enabled + use-aot, -XX:AOTCache=app.aot
#   jdk17-cds-quarkus   the same with JDK 17: appcds.enabled, -XX:SharedArchiveFile=app-cds.jsa
#
# Needs only this repository, a JDK 17 and (for the JDK 25 variants) a JDK 25, and curl; no Docker and no installed
# database: a throwaway PostgreSQL is started from the same binaries the tests use (bench/lib.sh).
#
# Usage: bench/startup.sh [runs]           (default 5 runs per variant)
# Environment:
#   JAVA17_HOME, JAVA25_HOME   the JDKs (default: looked up under /usr/lib/jvm; a missing one skips its variants)
#   BENCH_VARIANTS             which variants, e.g. "jdk17 jdk25-aot" (default: all but the opt-in ones)
#   BENCH_JAVA_OPTS            extra JVM options for every run, e.g. "-Xmx256m"; "container": the image's (lib.sh)
#   BENCH_REBUILD=1            package the application even if target/quarkus-app looks current
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
BENCH_OUT=$OUT
BENCH_ROOT=$ROOT

RUNS="${1:-5}"
VARIANTS="${BENCH_VARIANTS:-jdk17 jdk25 jdk25-aot jdk17-cds jdk17-replica jdk25-aot-replica floor-rest-jdk17
  floor-rest-jdk25-aot floor-stack-jdk17 floor-stack-jdk25-aot}"
[ "${BENCH_JAVA_OPTS:-}" = container ] && BENCH_JAVA_OPTS=$CONTAINER_JAVA_OPTS
read -r -a EXTRA_OPTS <<< "${BENCH_JAVA_OPTS:-}"
APP_PID=""

cleanup() {
  if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then
    kill -KILL "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
  fi
  APP_PID=""
  stop_all
}
trap cleanup EXIT
trap 'exit 130' INT TERM

java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }

find_jdk() {
  local major="$1" given="$2" candidate
  if [[ -n "$given" ]]; then
    [[ -x "$given/bin/java" ]] || die "no bin/java under $given"
    echo "$given/bin/java"
    return
  fi
  for candidate in "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
    if [[ -x "$candidate" && "$(java_major "$candidate")" == "$major" ]]; then
      echo "$candidate"
      return
    fi
  done
}

seconds_since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.3f", b - a }'; }

# Starts the application in the background (APP_PID) with the given JVM options; logs to $BENCH_OUT/<label>.log.
# It runs from APP_DIR (default target/quarkus-app), where Quarkus-made archives expect to be run from.
launch() {
  local java="$1" label="$2"
  shift 2
  (cd "${APP_DIR:-$BENCH_ROOT/target/quarkus-app}" && exec "$java" "${EXTRA_OPTS[@]}" "$@" -jar quarkus-run.jar) \
    > "$BENCH_OUT/$label.log" 2>&1 &
  APP_PID=$!
}

# Packages the application with Quarkus's own archive generation, using the given JDK, into $BENCH_OUT/<label>.
package_with_archive() {
  local java="$1" label="$2"
  shift 2
  log "  packaging with $* (JDK $(java_major "$java"))"
  (cd "$BENCH_ROOT" && JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$java")")")" ./mvnw -B -q package \
      -DskipTests -Dquarkus.package.jar.appcds.enabled=true -Dquarkus.package.jar.appcds.use-container=false "$@") \
    > "$BENCH_OUT/$label-package.log" 2>&1 || die "packaging failed; see $BENCH_OUT/$label-package.log"
  rm -rf "${BENCH_OUT:?}/$label"
  cp -a "$BENCH_ROOT/target/quarkus-app" "$BENCH_OUT/$label"
}

# Copies a legacy-jar package (runner jar and lib/) from $1 to $2, with the runner jar named quarkus-run.jar, so that
# it is run like the fast-jar.
copy_legacy_jar() {
  rm -rf "${2:?}"
  mkdir -p "$2"
  cp -a "$1/lib" "$2/lib"
  cp -a "$1/"*-runner.jar "$2/quarkus-run.jar"
}

# Packages the legacy-jar layout (once per run of this script) into target/legacy-jar, and copies it to
# $BENCH_OUT/legacy-jar.
LEGACY_DIR=""
legacy_jar() {
  if [[ -z "$LEGACY_DIR" ]]; then
    log "  packaging the legacy-jar layout"
    (cd "$BENCH_ROOT" && ./mvnw -B -q package -DskipTests -Dquarkus.package.jar.type=legacy-jar \
        -Dquarkus.package.output-directory=legacy-jar) > "$BENCH_OUT/legacy-jar-package.log" 2>&1 \
      || die "packaging failed; see $BENCH_OUT/legacy-jar-package.log"
    LEGACY_DIR="$BENCH_OUT/legacy-jar"
    copy_legacy_jar "$BENCH_ROOT/target/legacy-jar" "$LEGACY_DIR"
  fi
}

# Packages the reference service bench/floor/<name> (once per run of this script), with the Quarkus version of the
# application, as a fast-jar into $BENCH_OUT/floor-<name>/fast-jar and a legacy-jar into .../legacy-jar.
FLOOR_PACKAGED=" "
floor_app() {
  local name="$1" project="$BENCH_ROOT/bench/floor/$1" dest="$BENCH_OUT/floor-$1" version
  [[ "$FLOOR_PACKAGED" == *" $name "* ]] && return
  version="$(sed -n 's:.*<quarkus.platform.version>\(.*\)</quarkus.platform.version>.*:\1:p' "$BENCH_ROOT/pom.xml" | head -1)"
  log "  packaging bench/floor/$name (Quarkus $version)"
  (cd "$BENCH_ROOT" && ./mvnw -B -q -f "$project/pom.xml" clean package -DskipTests \
      -Dquarkus.platform.version="$version" \
    && ./mvnw -B -q -f "$project/pom.xml" package -DskipTests -Dquarkus.platform.version="$version" \
      -Dquarkus.package.jar.type=legacy-jar -Dquarkus.package.output-directory=legacy-jar) \
    > "$BENCH_OUT/floor-$name-package.log" 2>&1 || die "packaging failed; see $BENCH_OUT/floor-$name-package.log"
  rm -rf "${dest:?}"
  mkdir -p "$dest"
  cp -a "$project/target/quarkus-app" "$dest/fast-jar"
  copy_legacy_jar "$project/target/legacy-jar" "$dest/legacy-jar"
  FLOOR_PACKAGED+="$name "
}

# Migrates the database (once per run of this script) with one untimed start of the application, for the variants
# that start with Flyway inactive.
MIGRATED=""
migrate_once() {
  if [[ -z "$MIGRATED" ]]; then
    log "  migrating the database with one start of the application"
    APP_DIR="" launch "$1" migrate
    wait_live "$EPOCHREALTIME" > /dev/null || die "the application does not start"
    stop_app
    MIGRATED=1
  fi
}

# A pipe nobody writes to: `read -t` on it is a sleep without forking a process.
exec {NAP_FD}<> <(:)
nap() { read -r -t "$1" -u "$NAP_FD" _ || true; }

# Polls /q/health/live until it answers 200; prints the seconds since $1. The port is probed with bash's own
# /dev/tcp every 5 ms (no process per probe, so the poller takes little CPU from the starting JVM); curl runs once
# the port accepts connections, which Quarkus opens as the last step of its start.
wait_live() {
  local started="$1" code
  while true; do
    if { exec {probe}<> "/dev/tcp/127.0.0.1/$APP_PORT"; } 2> /dev/null; then
      exec {probe}>&-
      code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$APP_PORT/q/health/live" || true)"
      if [[ "$code" == 200 ]]; then
        seconds_since "$started"
        return 0
      fi
    fi
    if ! kill -0 "$APP_PID" 2> /dev/null; then
      log "the application exited before serving; see its log in $BENCH_OUT"
      return 1
    fi
    nap 0.005
  done
}

rss_mb() { awk '/^VmRSS:/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

stop_app() {
  kill -TERM "$APP_PID" 2>/dev/null || true
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=""
}

# A few requests touching the main paths (admin API, token, management API, health, metrics, OpenAPI, 404).
exercise() {
  local base="http://127.0.0.1:$APP_PORT" tenant client_id client_secret token i
  for i in 1 2 3; do
    tenant="$(curl -sf -H "Authorization: Bearer $CONNECTIONHUB_ADMIN_TOKEN" -H 'Content-Type: application/json' \
      -d "{\"name\":\"bench-$RANDOM$RANDOM\"}" "$base/admin/v1/tenants")"
    client_id="$(sed -n 's/.*"client_id":"\([^"]*\)".*/\1/p' <<< "$tenant")"
    client_secret="$(sed -n 's/.*"client_secret":"\([^"]*\)".*/\1/p' <<< "$tenant")"
    token="$(curl -sf -H 'Content-Type: application/json' \
      -d "{\"grant_type\":\"client_credentials\",\"client_id\":\"$client_id\",\"client_secret\":\"$client_secret\"}" \
      "$base/oauth/token" | sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p')"
    curl -sf -o /dev/null -H "Authorization: Bearer $token" "$base/api/v2/clients"
    curl -sf -o /dev/null -H "Authorization: Bearer $token" "$base/api/v2/clients?include_totals=true"
    curl -s -o /dev/null "$base/api/v2/clients"
    curl -s -o /dev/null "$base/no-such-path"
    curl -sf -o /dev/null "$base/q/health/ready"
    curl -sf -o /dev/null "$base/q/metrics"
    curl -sf -o /dev/null "$base/q/openapi"
  done
}

# What trains the reference services: each of their endpoints, three times.
exercise_floor() {
  local base="http://127.0.0.1:$APP_PORT" i path
  for i in 1 2 3; do
    for path in /hello /items/1 /q/health/live /q/health/ready /q/metrics /q/openapi /no-such-path; do
      curl -s -o /dev/null "$base$path" || true
    done
  done
}

# Training run: start with the recording option, exercise (EXERCISE: the function that does it), stop; the JVM
# writes the archive as it exits.
train() {
  local java="$1" label="$2" archive="$3"
  shift 3
  rm -f "$archive"
  log "  training run for $label"
  launch "$java" "$label-training" "$@"
  wait_live "$EPOCHREALTIME" > /dev/null || die "training run failed"
  "${EXERCISE:-exercise}"
  stop_app
  [[ -s "$archive" ]] || die "no archive written at $archive; see $BENCH_OUT/$label-training.log"
  log "  archive: $archive ($(du -h "$archive" | cut -f1))"
}

# Prints "median min max" of the numbers given.
stats() {
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END {
    m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%s %s %s", m, v[1], v[NR] }'
}

measure() {
  local java="$1" label="$2" run seconds rss times=() rsses=()
  shift 2
  # One untimed start first: warms the page cache for this JDK and the archive.
  launch "$java" "$label" "$@"
  wait_live "$EPOCHREALTIME" > /dev/null || die "$label does not start"
  stop_app
  for run in $(seq 1 "$RUNS"); do
    local started="$EPOCHREALTIME"
    launch "$java" "$label" "$@"
    seconds="$(wait_live "$started")" || die "$label failed on run $run"
    rss="$(rss_mb "$APP_PID")"
    stop_app
    times+=("$seconds")
    rsses+=("$rss")
    log "  $label run $run: ${seconds}s, RSS ${rss} MB"
  done
  read -r t_med t_min t_max <<< "$(stats "${times[@]}")"
  read -r r_med r_min r_max <<< "$(stats "${rsses[@]}")"
  printf '%-21s %-9s %5s   %6.3f %6.3f %6.3f   %5.0f %5.0f %5.0f\n' "$label" "$("$java" -XshowSettings:properties \
    -version 2>&1 | sed -n 's/^ *java.runtime.version = //p' | cut -d+ -f1)" "$RUNS" "$t_med" "$t_min" "$t_max" \
    "$r_med" "$r_min" "$r_max" >> "$RESULTS"
}

# One archive variant: a training run writes the archive, then the measured runs use it. Arguments: the JDK, the
# variant, the archive's file extension, the option that writes it, the option that reads it, and the option that
# insists on it. It runs the application in APP_DIR.
archive_variant() {
  local java="$1" variant="$2" archive="$BENCH_OUT/$2.$3" write="$4" use="$5" insist="$6"
  train "$java" "$variant" "$archive" "$write=$archive"
  measure "$java" "$variant" "$use=$archive" "$insist"
}

# Both archive kinds, by the variant's name: *-aot* the JDK 25 AOT cache, *-cds* the JDK 17 AppCDS archive.
archive() {
  case "$1" in
    *-aot*)
      # AOTMode=on: fail instead of silently running without the cache.
      archive_variant "$JAVA25" "$1" aot -XX:AOTCacheOutput -XX:AOTCache -XX:AOTMode=on ;;
    *-cds*)
      # Xshare:on: fail instead of silently running without the archive.
      archive_variant "$JAVA17" "$1" jsa -XX:ArchiveClassesAtExit -XX:SharedArchiveFile -Xshare:on ;;
  esac
}

mkdir -p "$BENCH_OUT"
JAVA17="$(find_jdk 17 "${JAVA17_HOME:-}")"
JAVA25="$(find_jdk 25 "${JAVA25_HOME:-}")"
[[ -n "$JAVA17" ]] || log "no JDK 17 found (set JAVA17_HOME): skipping its variants"
[[ -n "$JAVA25" ]] || log "no JDK 25 found (set JAVA25_HOME): skipping its variants"

build_app
start_db
app_env
log "application on port $APP_PORT, $RUNS runs per variant"

RESULTS="$BENCH_OUT/startup-$(date +%Y%m%d-%H%M%S).txt"
{
  echo "# Connection Hub start-up: exec to first 200 of /q/health/live; RSS (VmRSS) at that moment"
  echo "# $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM, load $(cut -d' ' -f1-3 /proc/loadavg), JVM options: ${BENCH_JAVA_OPTS:-none}"
  printf '%-21s %-9s %5s   %-20s   %s\n' variant jdk runs "seconds med/min/max" "RSS MB med/min/max"
} > "$RESULTS"

for variant in $VARIANTS; do
  case "$variant" in
    jdk17)
      [[ -n "$JAVA17" ]] || continue
      log "jdk17: fast-jar"
      measure "$JAVA17" jdk17
      ;;
    jdk25)
      [[ -n "$JAVA25" ]] || continue
      log "jdk25: fast-jar"
      measure "$JAVA25" jdk25
      ;;
    jdk25-aot | jdk25-aot-fast-jar | jdk17-cds | jdk17-cds-fast-jar)
      [[ -n "$JAVA25" && "$variant" == *-aot* || -n "$JAVA17" && "$variant" == *-cds* ]] || continue
      log "$variant: $([[ "$variant" == *-aot* ]] && echo "AOT cache" || echo "AppCDS archive")"
      APP_DIR=""
      if [[ "$variant" != *-fast-jar ]]; then
        legacy_jar
        APP_DIR="$LEGACY_DIR"
      fi
      archive "$variant"
      APP_DIR=""
      ;;
    jdk17-replica)
      [[ -n "$JAVA17" ]] || continue
      log "jdk17-replica: fast-jar, Flyway inactive"
      migrate_once "$JAVA17"
      QUARKUS_FLYWAY_ACTIVE=false measure "$JAVA17" jdk17-replica
      ;;
    jdk25-aot-replica)
      [[ -n "$JAVA25" ]] || continue
      log "jdk25-aot-replica: AOT cache, Flyway inactive"
      migrate_once "$JAVA25"
      legacy_jar
      APP_DIR="$LEGACY_DIR" QUARKUS_FLYWAY_ACTIVE=false archive jdk25-aot-replica
      ;;
    floor-rest-jdk17 | floor-stack-jdk17)
      [[ -n "$JAVA17" ]] || continue
      log "$variant: bench/floor's reference service, fast-jar"
      floor="${variant#floor-}"
      floor_app "${floor%%-*}"
      APP_DIR="$BENCH_OUT/floor-${floor%%-*}/fast-jar" measure "$JAVA17" "$variant"
      ;;
    floor-rest-jdk25-aot | floor-stack-jdk25-aot)
      [[ -n "$JAVA25" ]] || continue
      log "$variant: bench/floor's reference service, AOT cache"
      floor="${variant#floor-}"
      floor_app "${floor%%-*}"
      APP_DIR="$BENCH_OUT/floor-${floor%%-*}/legacy-jar" EXERCISE=exercise_floor archive "$variant"
      ;;
    jdk25-aot-quarkus)
      [[ -n "$JAVA25" ]] || continue
      log "jdk25-aot-quarkus: AOT cache made by quarkus.package.jar.appcds.use-aot"
      package_with_archive "$JAVA25" jdk25-aot-quarkus -Dquarkus.package.jar.appcds.use-aot=true
      APP_DIR="$BENCH_OUT/jdk25-aot-quarkus" measure "$JAVA25" jdk25-aot-quarkus -XX:AOTCache=app.aot -XX:AOTMode=on
      ;;
    jdk17-cds-quarkus)
      [[ -n "$JAVA17" ]] || continue
      log "jdk17-cds-quarkus: AppCDS archive made by quarkus.package.jar.appcds.enabled"
      package_with_archive "$JAVA17" jdk17-cds-quarkus
      APP_DIR="$BENCH_OUT/jdk17-cds-quarkus" measure "$JAVA17" jdk17-cds-quarkus -XX:SharedArchiveFile=app-cds.jsa \
        -Xshare:on
      ;;
    *) die "unknown variant $variant (jdk17, jdk25, jdk25-aot, jdk17-cds, jdk17-replica, jdk25-aot-replica, floor-rest-jdk17, floor-rest-jdk25-aot, floor-stack-jdk17, floor-stack-jdk25-aot, jdk25-aot-fast-jar, jdk17-cds-fast-jar, jdk25-aot-quarkus, jdk17-cds-quarkus)" ;;
  esac
done

echo
cat "$RESULTS"
log "written to $RESULTS"
