#!/usr/bin/env bash
# Measures the service on this machine: builds Release, starts a throwaway PostgreSQL, runs the benchmark tool
# (tests/Layers.Benchmarks) against the built service in PostgreSQL mode, prints a table and writes
# artifacts/benchmark-results.json. Extra arguments go to the tool (e.g. --seconds 10 --burst 2000).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=scripts/postgres.sh
source "$ROOT/scripts/postgres.sh"
trap 'layers_pg_stop || true' EXIT INT TERM
dotnet build Layers.sln -c Release -nologo -v:quiet -clp:"ErrorsOnly;NoSummary" -nodeReuse:false
# The test server keeps PostgreSQL's defaults (128 MB of shared buffers); measured against, the server gets memory as
# a production server would (a quarter of this machine's would be 6 GB; 2 GB holds a million queued posts' indexes).
export LAYERS_PG_SETTINGS=${LAYERS_PG_SETTINGS:-$'shared_buffers = 2GB\nmax_wal_size = 4GB'}
# --pg-statements: the server records each statement's cost (pg_stat_statements), which the queue's levels report.
if [[ " $* " == *" --pg-statements "* ]]; then
    LAYERS_PG_SETTINGS+=$'\nshared_preload_libraries = \'pg_stat_statements\''
fi
layers_pg_start
dotnet "tests/Layers.Benchmarks/bin/Release/net10.0/Layers.Benchmarks.dll" --pg "$LAYERS_TEST_PG_ADMIN" "$@"
