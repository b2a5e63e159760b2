#!/usr/bin/env bash
# Throwaway PostgreSQL server for the test suite.
#
# Sourced by scripts/test.sh, which calls layers_pg_start and (from its exit
# trap) layers_pg_stop. It can also be run directly to get a server for local
# work: `scripts/postgres.sh` starts one, prints the connection strings and
# keeps it running until Ctrl-C.
#
# The server lives in a fresh temporary directory, listens on 127.0.0.1 only,
# on a free port, with trust authentication and durability turned off (it is
# deleted afterwards anyway). initdb refuses to run as root, so when started as
# root the server runs as the system user $LAYERS_PG_USER (created if missing).
#
# After layers_pg_start these are set and exported:
#   LAYERS_TEST_PG        connection string for the layers_test database
#   LAYERS_TEST_PG_ADMIN  same server, database "postgres" (to create more databases)
#   LAYERS_TEST_PG_PORT   the port
#   LAYERS_PG_BINDIR      the PostgreSQL bin directory in use
#
# LAYERS_PG_SETTINGS, when set, is appended to postgresql.conf (lines of "name = value").

LAYERS_PG_USER=${LAYERS_PG_USER:-layerspg}
LAYERS_PG_SUPERUSER=${LAYERS_PG_SUPERUSER:-postgres}
LAYERS_PG_DATABASE=${LAYERS_PG_DATABASE:-layers_test}
LAYERS_PG_START_TIMEOUT=${LAYERS_PG_START_TIMEOUT:-60}

_layers_pg_tmp=""
_layers_pg_data=""
_layers_pg_pid=""
_layers_pg_as_other_user=0

_layers_pg_log() { echo "[postgres] $*" >&2; }

_layers_pg_has_server() {
    [[ -n ${1:-} && -x $1/initdb && -x $1/pg_ctl && -x $1/postgres ]]
}

# Prints the directory holding initdb/pg_ctl/postgres; installs the server
# packages (as root, through apt) when none is found.
layers_pg_find_bindir() {
    local dir
    if [[ -n ${LAYERS_PG_BINDIR:-} ]] && _layers_pg_has_server "$LAYERS_PG_BINDIR"; then
        echo "$LAYERS_PG_BINDIR"; return 0
    fi
    if command -v pg_config >/dev/null 2>&1; then
        dir=$(pg_config --bindir 2>/dev/null || true)
        if _layers_pg_has_server "$dir"; then echo "$dir"; return 0; fi
    fi
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if _layers_pg_has_server "$dir"; then echo "$dir"; return 0; fi
    if command -v initdb >/dev/null 2>&1; then
        dir=$(dirname "$(readlink -f "$(command -v initdb)")")
        if _layers_pg_has_server "$dir"; then echo "$dir"; return 0; fi
    fi

    if [[ $(id -u) -ne 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
        _layers_pg_log "PostgreSQL server binaries not found; install the 'postgresql' package (or set LAYERS_PG_BINDIR)"
        return 1
    fi
    _layers_pg_log "PostgreSQL server binaries not found; installing the postgresql package"
    export DEBIAN_FRONTEND=noninteractive
    { apt-get update && apt-get install -y --no-install-recommends postgresql; } >&2 || return 1
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    if _layers_pg_has_server "$dir"; then echo "$dir"; return 0; fi
    _layers_pg_log "PostgreSQL installed but no server binaries found under /usr/lib/postgresql"
    return 1
}

# Runs a command as the user owning the server (cwd = the temp dir, so that the
# server user never needs access to the caller's working directory).
_layers_pg_run() {
    if [[ $_layers_pg_as_other_user -eq 0 ]]; then
        (cd "$_layers_pg_tmp" && "$@")
    elif command -v runuser >/dev/null 2>&1; then
        (cd "$_layers_pg_tmp" && runuser -u "$LAYERS_PG_USER" -- "$@")
    else
        local cmd
        cmd=$(printf '%q ' "$@")
        (cd "$_layers_pg_tmp" && su -s /bin/sh "$LAYERS_PG_USER" -c "$cmd")
    fi
}

_layers_pg_ensure_user() {
    id -u "$LAYERS_PG_USER" >/dev/null 2>&1 && return 0
    _layers_pg_log "creating system user $LAYERS_PG_USER"
    if command -v useradd >/dev/null 2>&1; then
        useradd --system --user-group --no-create-home --home-dir /nonexistent \
            --shell /usr/sbin/nologin "$LAYERS_PG_USER"
    else
        adduser --system --group --no-create-home --home /nonexistent "$LAYERS_PG_USER"
    fi
}

# Prints "yes" when something accepts connections on 127.0.0.1:$1.
_layers_pg_port_busy() {
    if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then echo yes; fi
}

_layers_pg_pick_port() {
    local port i
    for i in $(seq 1 200); do
        port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
        if [[ -z $(_layers_pg_port_busy "$port") ]]; then echo "$port"; return 0; fi
    done
    return 1
}

layers_pg_start() {
    local bindir port attempt deadline conn log ready
    bindir=$(layers_pg_find_bindir) || return 1
    export LAYERS_PG_BINDIR="$bindir"

    if [[ $(id -u) -eq 0 ]]; then
        _layers_pg_as_other_user=1
        _layers_pg_ensure_user || return 1
        _layers_pg_tmp=$(mktemp -d /tmp/layers-pg.XXXXXX) || return 1
        chown "$LAYERS_PG_USER:" "$_layers_pg_tmp"
    else
        _layers_pg_as_other_user=0
        _layers_pg_tmp=$(mktemp -d "${TMPDIR:-/tmp}/layers-pg.XXXXXX") || return 1
    fi
    chmod 700 "$_layers_pg_tmp"
    _layers_pg_data="$_layers_pg_tmp/data"

    if ! _layers_pg_run "$bindir/initdb" -D "$_layers_pg_data" -U "$LAYERS_PG_SUPERUSER" \
            --auth=trust --encoding=UTF8 --locale=C --no-sync >"$_layers_pg_tmp/initdb.log" 2>&1; then
        _layers_pg_log "initdb failed:"
        cat "$_layers_pg_tmp/initdb.log" >&2
        return 1
    fi

    # Local TCP connections only, no password; durability off (data is thrown away).
    cat >>"$_layers_pg_data/postgresql.conf" <<EOF

# settings for the throwaway test server
listen_addresses = '127.0.0.1'
unix_socket_directories = '$_layers_pg_tmp'
max_connections = 300
fsync = off
synchronous_commit = off
full_page_writes = off
logging_collector = off
EOF
    # Extra settings, one per line (the benchmark sizes the server's memory as a production server would be).
    if [[ -n ${LAYERS_PG_SETTINGS:-} ]]; then
        printf '%s\n' "$LAYERS_PG_SETTINGS" >>"$_layers_pg_data/postgresql.conf"
    fi
    cat >"$_layers_pg_data/pg_hba.conf" <<EOF
local all all trust
host  all all 127.0.0.1/32 trust
EOF

    for attempt in 1 2 3 4 5; do
        port=$(_layers_pg_pick_port) || { _layers_pg_log "no free port found"; return 1; }
        # The log file is created by the server user itself (pg_ctl -l).
        log="$_layers_pg_tmp/server-$attempt.log"
        ready=0
        if _layers_pg_run "$bindir/pg_ctl" -D "$_layers_pg_data" -l "$log" \
                -o "-p $port" -W start >"$_layers_pg_tmp/pg_ctl.out" 2>&1; then
            deadline=$(( SECONDS + LAYERS_PG_START_TIMEOUT ))
            while (( SECONDS < deadline )); do
                if "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port" -U "$LAYERS_PG_SUPERUSER" -d postgres -t 1; then
                    ready=1; break
                fi
                # The postmaster gave up (e.g. the port was taken in the meantime)?
                if ! _layers_pg_run "$bindir/pg_ctl" -D "$_layers_pg_data" status >/dev/null 2>&1 \
                        && grep -q 'FATAL\|PANIC' "$log" 2>/dev/null; then
                    break
                fi
                sleep 0.1
            done
        fi
        if (( ready )); then
            _layers_pg_pid=$(head -n 1 "$_layers_pg_data/postmaster.pid" 2>/dev/null || true)
            break
        fi
        _layers_pg_log "server did not come up on port $port (attempt $attempt):"
        cat "$_layers_pg_tmp/pg_ctl.out" >&2 || true
        tail -n 20 "$log" >&2 2>/dev/null || true
        _layers_pg_run "$bindir/pg_ctl" -D "$_layers_pg_data" -m immediate stop >/dev/null 2>&1 || true
        port=""
    done
    [[ -n $port ]] || return 1

    if ! "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U "$LAYERS_PG_SUPERUSER" -d postgres \
            -c "CREATE DATABASE \"$LAYERS_PG_DATABASE\"" >&2; then
        _layers_pg_log "could not create database $LAYERS_PG_DATABASE"
        return 1
    fi

    conn="Host=127.0.0.1;Port=$port;Username=$LAYERS_PG_SUPERUSER"
    export LAYERS_TEST_PG_PORT="$port"
    # For tests that stop and restart the server (outage drills): where it lives and who owns it.
    export LAYERS_TEST_PG_DATA="$_layers_pg_data"
    export LAYERS_TEST_PG_DIR="$_layers_pg_tmp"
    if [[ $_layers_pg_as_other_user -eq 1 ]]; then export LAYERS_TEST_PG_OWNER="$LAYERS_PG_USER"; else export LAYERS_TEST_PG_OWNER=""; fi
    export LAYERS_TEST_PG="$conn;Database=$LAYERS_PG_DATABASE;Pooling=true;Maximum Pool Size=50"
    export LAYERS_TEST_PG_ADMIN="$conn;Database=postgres;Pooling=true;Maximum Pool Size=50"
    _layers_pg_log "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') ready on 127.0.0.1:$port (pid ${_layers_pg_pid:-?}, data $_layers_pg_data)"
}

# Stops the server and deletes its directory. Safe to call more than once and
# when the server never started.
layers_pg_stop() {
    local deadline
    if [[ -n $_layers_pg_data && -f $_layers_pg_data/postmaster.pid && -n ${LAYERS_PG_BINDIR:-} ]]; then
        _layers_pg_run "$LAYERS_PG_BINDIR/pg_ctl" -D "$_layers_pg_data" -m immediate -t 30 stop >/dev/null 2>&1 || true
    fi
    if [[ -n $_layers_pg_pid ]]; then
        deadline=$(( SECONDS + 15 ))
        while kill -0 "$_layers_pg_pid" 2>/dev/null && (( SECONDS < deadline )); do sleep 0.1; done
        if kill -0 "$_layers_pg_pid" 2>/dev/null; then
            _layers_pg_log "server $_layers_pg_pid still running; killing it"
            kill -KILL "$_layers_pg_pid" 2>/dev/null || true
        fi
        _layers_pg_pid=""
    fi
    if [[ -n $_layers_pg_tmp && -d $_layers_pg_tmp ]]; then
        rm -rf "$_layers_pg_tmp"
    fi
    _layers_pg_tmp=""
    _layers_pg_data=""
}

# Run directly: start a server and keep it until interrupted.
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
    set -euo pipefail
    trap 'layers_pg_stop' EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
    layers_pg_start
    echo "LAYERS_TEST_PG=\"$LAYERS_TEST_PG\""
    echo "LAYERS_TEST_PG_ADMIN=\"$LAYERS_TEST_PG_ADMIN\""
    echo "PostgreSQL is running; press Ctrl-C to stop it and delete its data." >&2
    while kill -0 "$_layers_pg_pid" 2>/dev/null; do sleep 1; done
fi
