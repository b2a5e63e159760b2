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
# The test server keeps PostgreSQL's defaults (128 MB of shared buffers); measured against, the server is set up as a
# production server would be: a quarter of the machine's memory as shared buffers (6 GB of 24, which holds a million
# queued posts' 5.4 GB, so a write need not first evict a page), a background writer that keeps clean buffers ahead of
# the backends, and checkpoints far enough apart that WAL is not mostly full-page images.
export LAYERS_PG_SETTINGS=${LAYERS_PG_SETTINGS:-$'shared_buffers = 6GB\nbgwriter_delay = 50ms\nbgwriter_lru_maxpages = 1000\nmax_wal_size = 16GB\ncheckpoint_timeout = 15min'}
# --pg-statements: the server records each statement's cost (pg_stat_statements), which the queue's levels report.
if [[ " $* " == *" --pg-statements "* ]]; then
    LAYERS_PG_SETTINGS+=$'\nshared_preload_libraries = \'pg_stat_statements\''
fi
layers_pg_start
dotnet "tests/Layers.Benchmarks/bin/Release/net10.0/Layers.Benchmarks.dll" --pg "$LAYERS_TEST_PG_ADMIN" "$@"
