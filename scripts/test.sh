#!/usr/bin/env bash
# Runs every test of the repository.
#
#   scripts/test.sh [extra dotnet test arguments, e.g. --filter FullyQualifiedName~Layers]
#
# Starts a throwaway PostgreSQL server (see scripts/postgres.sh), builds the
# solution once in Release, runs each test project under tests/ one after the
# other and prints, as its last line, "N passed, N failed" (", N skipped" when
# some were skipped). Exits non-zero when the build fails, a test fails, or no
# test ran. PostgreSQL is stopped and its data deleted on every exit path.
#
# Environment (all optional):
#   LAYERS_TEST_SOLUTION      solution or project to build     (default: Layers.sln)
#   LAYERS_TEST_PROJECTS      space-separated globs of the test projects, relative
#                             to the repository root          (default: tests/*Tests/*.csproj)
#   LAYERS_TEST_RESULTS_DIR   where the .trx files go         (default: TestResults)
#   LAYERS_TEST_CONFIGURATION build configuration             (default: Release)
#
#   LAYERS_TEST_TOOLS_DIR     where the Node.js test tools are installed
#                             (default: ~/.cache/layers-test-tools, outside the repository)
#
# Exported to the tests: LAYERS_TEST_PG, LAYERS_TEST_PG_ADMIN, LAYERS_TEST_PG_PORT; and, for the OpenAPI lint,
# browser and generated-client tests, LAYERS_NODE_MODULES, LAYERS_REDOCLY, LAYERS_CHROMIUM and LAYERS_KIOTA. Those
# tools come from the npm registry (@redocly/cli, playwright-core, openapi-typescript, openapi-fetch, typescript,
# @stoplight/prism-cli, pinned below), NuGet (the Kiota dotnet tool) and Debian (chromium, installed when missing
# and running as root); a test whose tool cannot be had is reported as skipped, saying why.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

SOLUTION=${LAYERS_TEST_SOLUTION:-Layers.sln}
PROJECT_GLOBS=${LAYERS_TEST_PROJECTS:-tests/*Tests/*.csproj}
RESULTS_DIR=${LAYERS_TEST_RESULTS_DIR:-$ROOT/TestResults}
CONFIGURATION=${LAYERS_TEST_CONFIGURATION:-Release}

export DOTNET_NOLOGO=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# No MSBuild nodes left behind holding the console after the run.
export MSBUILDDISABLENODEREUSE=1

# shellcheck source=scripts/postgres.sh
source "$ROOT/scripts/postgres.sh"

summary_printed=0
print_summary() { # passed failed skipped
    local line="$1 passed, $2 failed"
    if (( $3 > 0 )); then line+=", $3 skipped"; fi
    echo "$line"
    summary_printed=1
}

on_exit() {
    local rc=$?
    trap - EXIT INT TERM
    layers_pg_stop || true
    # Something went wrong before the tests ran: still close with a summary line.
    if (( summary_printed == 0 )); then
        echo "test run aborted (exit code $rc)" >&2
        print_summary 0 0 0
        (( rc != 0 )) || rc=1
    fi
    exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Sums the <Counters> of .trx files; prints "total passed failed skipped".
# Errors, timeouts and aborts count as failed; skipped tests are the ones
# counted in total but not executed.
TRX_COUNTERS_AWK='
BEGIN { RS = "<" }
/^Counters[ \t\r\n]/ {
    s = $0
    while (match(s, /[A-Za-z]+="[0-9]+"/)) {
        kv = substr(s, RSTART, RLENGTH)
        eq = index(kv, "=")
        c[substr(kv, 1, eq - 1)] += substr(kv, eq + 2, length(kv) - eq - 2)
        s = substr(s, RSTART + RLENGTH)
    }
}
END {
    skipped = c["total"] - c["executed"]
    if (skipped < c["notExecuted"]) skipped = c["notExecuted"]
    printf "%d %d %d %d\n", c["total"], c["passed"], \
        c["failed"] + c["error"] + c["timeout"] + c["aborted"], skipped
}'

# --- test projects ---------------------------------------------------------
projects=()
shopt -s nullglob
for glob in $PROJECT_GLOBS; do
    for p in $glob; do projects+=("$p"); done
done
shopt -u nullglob
if (( ${#projects[@]} == 0 )); then
    echo "no test projects found (looked for: $PROJECT_GLOBS)" >&2
    exit 1
fi

# --- build -------------------------------------------------------------------
echo "==> dotnet build $SOLUTION -c $CONFIGURATION"
if ! dotnet build "$SOLUTION" -c "$CONFIGURATION" -nologo -nodeReuse:false -v:quiet -clp:"ErrorsOnly;NoSummary"; then
    echo "build failed" >&2
    exit 1
fi

# --- test tools: OpenAPI linter and browser --------------------------------------
REDOCLY_VERSION=2.77.0
PLAYWRIGHT_VERSION=1.65.1
# The generated-client tests: TypeScript client tools and the validating proxy (npm), Kiota (a NuGet dotnet tool).
NPM_CLIENT_TOOLS=(openapi-typescript@7.13.0 openapi-fetch@0.17.0 typescript@5.9.3 @types/node@20.19.9 @stoplight/prism-cli@5.16.0)
KIOTA_VERSION=1.38.0
TOOLS_DIR=${LAYERS_TEST_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/layers-test-tools}

tool_version() { # package → installed version, or nothing
    node -e 'try { process.stdout.write(require(process.argv[1]).version) } catch {}' \
        "$TOOLS_DIR/node_modules/$1/package.json" 2>/dev/null || true
}

install_test_tools() {
    if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
        echo "node/npm not found: the OpenAPI lint and browser tests will be skipped" >&2
        return 0
    fi

    local missing=0
    [[ $(tool_version @redocly/cli) == "$REDOCLY_VERSION" && $(tool_version playwright-core) == "$PLAYWRIGHT_VERSION" ]] || missing=1
    for spec in "${NPM_CLIENT_TOOLS[@]}"; do
        [[ $(tool_version "${spec%@*}") == "${spec##*@}" ]] || missing=1
    done
    if (( missing )); then
        echo "==> npm install @redocly/cli@$REDOCLY_VERSION playwright-core@$PLAYWRIGHT_VERSION ${NPM_CLIENT_TOOLS[*]} ($TOOLS_DIR)"
        mkdir -p "$TOOLS_DIR"
        [[ -f $TOOLS_DIR/package.json ]] || echo '{ "private": true }' > "$TOOLS_DIR/package.json"
        # playwright-core never downloads a browser; the machine's Chromium is used.
        if ! (cd "$TOOLS_DIR" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund --loglevel=error \
                --save-exact "@redocly/cli@$REDOCLY_VERSION" "playwright-core@$PLAYWRIGHT_VERSION" "${NPM_CLIENT_TOOLS[@]}" >&2); then
            echo "npm install failed: the OpenAPI lint, browser and generated-client tests will be skipped" >&2
        fi
    fi

    if [[ ! -x $TOOLS_DIR/kiota/kiota ]] || ! "$TOOLS_DIR/kiota/kiota" --version 2>/dev/null | grep -q "^$KIOTA_VERSION"; then
        echo "==> dotnet tool install Microsoft.OpenApi.Kiota $KIOTA_VERSION ($TOOLS_DIR/kiota)"
        rm -rf "$TOOLS_DIR/kiota"
        dotnet tool install Microsoft.OpenApi.Kiota --version "$KIOTA_VERSION" --tool-path "$TOOLS_DIR/kiota" >&2 \
            || echo "Kiota could not be installed: the generated-client tests will be skipped" >&2
    fi
    if [[ -x $TOOLS_DIR/kiota/kiota ]]; then
        export LAYERS_KIOTA=$TOOLS_DIR/kiota/kiota
    fi

    export LAYERS_NODE_MODULES=$TOOLS_DIR/node_modules
    if [[ -x $TOOLS_DIR/node_modules/.bin/redocly ]]; then
        export LAYERS_REDOCLY=$TOOLS_DIR/node_modules/.bin/redocly
    fi

    if ! command -v chromium >/dev/null 2>&1; then
        if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
            echo "==> apt-get install chromium"
            { DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium \
                || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium; }; } >&2 \
                || echo "apt-get could not install chromium: the browser tests will be skipped" >&2
        else
            echo "chromium is missing and cannot be installed here (needs root and apt-get): the browser tests will be skipped" >&2
        fi
    fi

    # Docker Compose checks docker-compose.yml (`docker compose` when the plugin is there, else Debian's docker-compose).
    if ! docker compose version >/dev/null 2>&1 && ! command -v docker-compose >/dev/null 2>&1; then
        if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
            echo "==> apt-get install docker-compose"
            { DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends docker-compose \
                || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends docker-compose; }; } >&2 \
                || echo "apt-get could not install docker-compose: the compose check will be skipped" >&2
        fi
    fi

    if command -v chromium >/dev/null 2>&1; then
        LAYERS_CHROMIUM=$(command -v chromium)
        export LAYERS_CHROMIUM
    fi
}

install_test_tools

# --- database ----------------------------------------------------------------
echo "==> starting PostgreSQL"
layers_pg_start

# --- tests -------------------------------------------------------------------
mkdir -p "$RESULTS_DIR"
trx_files=()
failed_runs=0
for proj in "${projects[@]}"; do
    name=$(basename "$proj" .csproj)
    trx="$RESULTS_DIR/$name.trx"
    rm -f "$trx"
    echo "==> dotnet test $proj"
    rc=0
    dotnet test "$proj" -c "$CONFIGURATION" --no-build \
        --logger "trx;LogFileName=$name.trx" --results-directory "$RESULTS_DIR" "$@" || rc=$?
    if [[ -f $trx ]]; then
        trx_files+=("$trx")
    fi
    if (( rc != 0 )); then
        echo "dotnet test $proj exited with code $rc" >&2
        # A run can die without recording a failed test (crashed test host,
        # missing results file): make sure it still counts as a failure.
        counted=0
        if [[ -f $trx ]]; then
            read -r _ _ counted _ < <(awk "$TRX_COUNTERS_AWK" "$trx")
        fi
        if (( counted == 0 )); then failed_runs=$((failed_runs + 1)); fi
    fi
done

# --- summary -----------------------------------------------------------------
total=0 passed=0 failed=0 skipped=0
if (( ${#trx_files[@]} > 0 )); then
    read -r total passed failed skipped < <(awk "$TRX_COUNTERS_AWK" "${trx_files[@]}")
fi
failed=$((failed + failed_runs))

echo "results: $RESULTS_DIR"
status=0
if (( failed > 0 )); then
    status=1
elif (( total == 0 )); then
    echo "no test ran" >&2
    status=1
fi
layers_pg_stop
print_summary "$passed" "$failed" "$skipped"
exit "$status"
