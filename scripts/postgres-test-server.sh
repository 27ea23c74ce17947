#!/usr/bin/env bash
# Start a throwaway PostgreSQL cluster for the store tests and print its URL on stdout:
#
#   export SPOTREP_TEST_POSTGRES_URL="$(scripts/postgres-test-server.sh)"
#   scripts/postgres-test-server.sh stop      # stop it and delete its data
#
# Installs Debian's postgresql when no server binaries are found (needs root and apt).
# The cluster runs as a non-root user, listens on 127.0.0.1 only (port $SPOTREP_PG_PORT,
# default 55432), trusts local connections and keeps its data under $SPOTREP_PG_DIR
# (default /tmp/spotrep-pg-PORT). Running it again while the cluster is up just prints the URL.
# Everything but the URL goes to stderr.
set -euo pipefail

PORT="${SPOTREP_PG_PORT:-55432}"
DIR="${SPOTREP_PG_DIR:-/tmp/spotrep-pg-$PORT}"
DB=spotrep_test
SUPERUSER=spotrep
URL="postgresql://$SUPERUSER@127.0.0.1:$PORT/$DB"

log() { echo "postgres-test-server: $*" >&2; }

pg_bin() {
    ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

install_postgres() {
    if [ "$(id -u)" -ne 0 ]; then
        log "no PostgreSQL server found and not root: install the 'postgresql' package"
        exit 1
    fi
    log "installing Debian's postgresql"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq --no-install-recommends postgresql >&2
}

# the server refuses to run as root: use the package's 'postgres' user (or a system user)
run_user() {
    if [ "$(id -u)" -ne 0 ]; then
        id -un
    elif id postgres >/dev/null 2>&1; then
        echo postgres
    else
        useradd --system --no-create-home spotrep-pg >&2 2>/dev/null || true
        echo spotrep-pg
    fi
}

as_user() {
    local user="$1"
    shift
    if [ "$(id -un)" = "$user" ]; then
        "$@"
    else
        runuser -u "$user" -- "$@"
    fi
}

BIN="$(pg_bin)"
if [ -z "$BIN" ]; then
    install_postgres
    BIN="$(pg_bin)"
fi
USER_NAME="$(run_user)"

if [ "${1:-start}" = "stop" ]; then
    if [ -d "$DIR/data" ]; then
        as_user "$USER_NAME" "$BIN/pg_ctl" -D "$DIR/data" -m fast stop >&2 || true
    fi
    rm -rf "$DIR"
    log "stopped and removed $DIR"
    exit 0
fi

if [ -d "$DIR/data" ] && as_user "$USER_NAME" "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1
then
    log "already running in $DIR"
    echo "$URL"
    exit 0
fi

rm -rf "$DIR"
mkdir -p "$DIR"
chown "$USER_NAME" "$DIR"
chmod 700 "$DIR"
log "initializing a cluster in $DIR as $USER_NAME"
as_user "$USER_NAME" "$BIN/initdb" -D "$DIR/data" -U "$SUPERUSER" -A trust -E UTF8 \
    --no-sync >&2
# durability is pointless for a throwaway test database: trade it for speed
as_user "$USER_NAME" "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >&2
as_user "$USER_NAME" "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U "$SUPERUSER" "$DB"
log "running on 127.0.0.1:$PORT (log: $DIR/server.log)"
echo "$URL"
