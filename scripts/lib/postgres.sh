#!/usr/bin/env bash
# Database bootstrap shared by scripts/run, scripts/test and scripts/bench.
# Sourced, not run. After `treatment_db_ensure <database>` the variable TREATMENT_DB holds a connection string.
# With TREATMENT_DB already set, nothing local is created: that server is used as it is.

TREATMENT_PG_PORT="${TREATMENT_PG_PORT:-55432}"
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

pg_log() { echo "[postgres] $*" >&2; }

pg_bin_dir() {
  local d
  if command -v pg_ctl >/dev/null 2>&1 && command -v initdb >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v pg_ctl)")"; return 0
  fi
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/pg_ctl" ] && [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  return 1
}

pg_install_if_missing() {
  pg_bin_dir >/dev/null && return 0
  pg_log "PostgreSQL server binaries not found; installing Debian's postgresql package"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null \
    || { pg_log "could not install postgresql (apt-get failed)"; return 1; }
  pg_bin_dir >/dev/null || { pg_log "postgresql installed but pg_ctl/initdb still not found"; return 1; }
}

# Runs a command as the cluster owner: postgres when we are root (initdb refuses root), ourselves otherwise.
pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

pg_data_dir() {
  local inside="$repo_root/.data/pg"
  if [ "$(id -u)" -ne 0 ]; then echo "$inside"; return; fi
  mkdir -p "$repo_root/.data"
  # The postgres user must traverse every parent folder; CI clones may sit under a private home.
  if runuser -u postgres -- test -x "$repo_root/.data" 2>/dev/null; then
    echo "$inside"
  else
    local key; key=$(printf '%s' "$repo_root" | sha1sum | cut -c1-12)
    echo "/var/lib/postgresql/treatment-$key/pg"
  fi
}

pg_ensure_server() {
  pg_install_if_missing || return 1
  local bin data log
  bin="$(pg_bin_dir)"; data="$(pg_data_dir)"; log="$(dirname "$data")/postgres.log"
  if [ ! -f "$data/PG_VERSION" ]; then
    pg_log "creating a private cluster in $data"
    mkdir -p "$data"
    [ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "$(dirname "$data")"
    chmod 700 "$data"
    pg_as_owner "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null \
      || { pg_log "initdb failed"; return 1; }
    cat >> "$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $TREATMENT_PG_PORT
unix_socket_directories = '$data'
max_connections = 300
shared_buffers = 512MB
work_mem = 32MB
maintenance_work_mem = 256MB
synchronous_commit = on
fsync = on
max_wal_size = 4GB
timezone = 'UTC'
CONF
  fi
  if pg_as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
    return 0
  fi
  pg_log "starting PostgreSQL on 127.0.0.1:$TREATMENT_PG_PORT"
  pg_as_owner "$bin/pg_ctl" -D "$data" -l "$log" -w -t 60 start >/dev/null \
    || { pg_log "pg_ctl start failed; see $log"; tail -n 20 "$log" >&2; return 1; }
}

# Where the product's processes reach the private cluster: its Unix socket, which skips the loopback TCP stack
# (docs/decisions/008), or 127.0.0.1 when the socket is missing or its path too long for a socket address.
pg_client_host() {
  local dir; dir="$(pg_data_dir)"
  if [ -S "$dir/.s.PGSQL.$TREATMENT_PG_PORT" ] && [ $(( ${#dir} + 16 )) -lt 104 ]; then echo "$dir"; else echo 127.0.0.1; fi
}

pg_psql() { psql -h 127.0.0.1 -p "$TREATMENT_PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

# treatment_db_ensure DBNAME: exports TREATMENT_DB for DBNAME on the private cluster (or keeps the given one).
treatment_db_ensure() {
  local db="$1"
  if [ -n "${TREATMENT_DB:-}" ]; then
    pg_log "using the server named by TREATMENT_DB (no local cluster)"
    export TREATMENT_DB; return 0
  fi
  pg_ensure_server || return 1
  if ! command -v psql >/dev/null 2>&1; then PATH="$(pg_bin_dir):$PATH"; fi
  if [ "$(pg_psql -d postgres -c "select 1 from pg_database where datname='$db'")" != "1" ]; then
    pg_psql -d postgres -c "create database \"$db\" encoding 'UTF8' template template0" \
      || { pg_log "could not create database $db"; return 1; }
  fi
  export TREATMENT_DB="Host=$(pg_client_host);Port=$TREATMENT_PG_PORT;Database=$db;Username=postgres;Maximum Pool Size=100;Max Auto Prepare=64;Auto Prepare Min Usages=2"
}
