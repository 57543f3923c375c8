#!/usr/bin/env bash
# Sourced by .ci/run: starts a throwaway PostgreSQL on loopback so the feedback store's tests also run on the
# database that several replicas share (FeedbackStorePostgresTest), and exports MBC_TEST_POSTGRESQL_URL for them.
# Debian's postgresql is installed when missing. Where no server can be had, the tests say so and skip: the H2
# tests still run, and CI's log shows the line below.
start_test_postgres() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  if [ -z "$bin" ] && command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) || true
    bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  fi
  if [ -z "$bin" ]; then
    echo "ci: no PostgreSQL server available; FeedbackStorePostgresTest will skip" >&2
    return 0
  fi
  # PostgreSQL refuses to run as root: run it as the package's postgres user when we are root.
  local as=()
  if [ "$(id -u)" = 0 ]; then
    if ! id postgres >/dev/null 2>&1; then
      echo "ci: no postgres user to run PostgreSQL as; FeedbackStorePostgresTest will skip" >&2
      return 0
    fi
    as=(runuser -u postgres --)
  fi
  PG_DIR=$(mktemp -d /tmp/mbc-ci-pg.XXXXXX)
  chmod 777 "$PG_DIR"
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  if ! "${as[@]}" "$bin/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 >"$PG_DIR/initdb.log" 2>&1 \
     || ! "${as[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 30 \
          -o "-p $port -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null; then
    echo "ci: PostgreSQL did not start (logs in $PG_DIR); FeedbackStorePostgresTest will skip" >&2
    return 0
  fi
  if ! "${as[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres mbccds; then
    echo "ci: could not create the test database; FeedbackStorePostgresTest will skip" >&2
    "${as[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1 || true
    return 0
  fi
  export MBC_TEST_POSTGRESQL_URL="jdbc:postgresql://127.0.0.1:$port/mbccds" MBC_TEST_POSTGRESQL_USER=postgres
  PG_STOP=("${as[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -m fast stop)
  echo "ci: PostgreSQL for the feedback store's tests on 127.0.0.1:$port" >&2
}

stop_test_postgres() {
  if [ -n "${PG_STOP:-}" ]; then "${PG_STOP[@]}" >/dev/null 2>&1 || true; fi
  if [ -n "${PG_DIR:-}" ]; then rm -rf "$PG_DIR"; fi
}
