#!/usr/bin/env bash
# Start a throwaway PostgreSQL cluster for the test suite and print its SQLAlchemy URL.
#
# Installs Debian's PostgreSQL when no server is found (CI runs as root), initialises a
# cluster in $TRADEWAR_PG_DIR (default /tmp/tradewar-pg) owned by the 'postgres' user,
# starts it on 127.0.0.1:$TRADEWAR_PG_PORT (default 54329) and creates the database
# 'tradewar_test'.  Idempotent: a running cluster is reused.  On failure it prints nothing
# on stdout (the PostgreSQL tests then skip, saying why) and explains on stderr.
set -u
PORT=${TRADEWAR_PG_PORT:-54329}
DIR=${TRADEWAR_PG_DIR:-/tmp/tradewar-pg}
DB=tradewar_test

find_bin() {
  for candidate in "$(command -v "$1" 2>/dev/null)" /usr/lib/postgresql/*/bin/"$1"; do
    [ -n "$candidate" ] && [ -x "$candidate" ] && { echo "$candidate"; return 0; }
  done
  return 1
}

if ! find_bin pg_ctl >/dev/null || ! find_bin initdb >/dev/null; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "start-postgres: installing Debian's postgresql ..." >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >/dev/null 2>&1 \
      || { echo "start-postgres: apt-get install postgresql failed" >&2; exit 0; }
  else
    echo "start-postgres: no PostgreSQL server found and cannot install it (not root)" >&2
    exit 0
  fi
fi
PG_CTL=$(find_bin pg_ctl); INITDB=$(find_bin initdb)

as_owner() {
  if [ "$(id -u)" = "0" ]; then
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

if [ ! -f "$DIR/PG_VERSION" ]; then
  mkdir -p "$DIR"
  [ "$(id -u)" = "0" ] && chown postgres "$DIR" 2>/dev/null
  as_owner "$INITDB" -D "$DIR" -A trust -U postgres --no-sync >/dev/null 2>&1 \
    || { echo "start-postgres: initdb failed in $DIR" >&2; exit 0; }
fi
if ! as_owner "$PG_CTL" -D "$DIR" status >/dev/null 2>&1; then
  as_owner "$PG_CTL" -D "$DIR" -l "$DIR/server.log" -w -t 60 \
    -o "-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60" start >/dev/null 2>&1 \
    || { echo "start-postgres: server did not start; see $DIR/server.log" >&2; exit 0; }
fi
PSQL=$(find_bin psql || echo psql)
if ! "$PSQL" -h 127.0.0.1 -p "$PORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$DB'" postgres 2>/dev/null | grep -q 1; then
  "$PSQL" -h 127.0.0.1 -p "$PORT" -U postgres -c "CREATE DATABASE $DB" postgres >/dev/null 2>&1 \
    || { echo "start-postgres: could not create database $DB" >&2; exit 0; }
fi
echo "postgresql+psycopg://postgres@127.0.0.1:$PORT/$DB"
