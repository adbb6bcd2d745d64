#!/usr/bin/env bash
# Creates .venv with the pinned (hash-checked) dependencies and fetches front-end packages.
# Usage: scripts/bootstrap.sh [runtime|dev]   — re-runnable; only does what is missing or changed.
set -euo pipefail
cd "$(dirname "$0")/.."
MODE="${1:-runtime}"
PY="${PYTHON:-python3}"
UV_VERSION="0.13.8"

if [ ! -x .tools/bin/uv ]; then
    echo "==> Installing uv ${UV_VERSION} (package installer) into .tools/"
    "$PY" -m venv .tools
    .tools/bin/pip install --quiet --disable-pip-version-check "uv==${UV_VERSION}" 2> >(grep -v "is ignored" >&2)
fi
if [ ! -x .venv/bin/python ]; then
    echo "==> Creating .venv"
    "$PY" -m venv .venv
fi

LOCKS=(requirements.txt)
[ "$MODE" = dev ] && LOCKS+=(requirements-dev.txt)
STAMP=".venv/.synced-$MODE"
# A dev install contains the runtime one: don't uninstall the test tools for `make run`.
if [ "$MODE" = runtime ] && [ -f .venv/.synced-dev ] && [ -z "$(find requirements*.txt -newer .venv/.synced-dev)" ]; then
    STAMP=.venv/.synced-dev
fi
if [ ! -f "$STAMP" ] || [ -n "$(find "${LOCKS[@]}" -newer "$STAMP" 2>/dev/null)" ]; then
    echo "==> Installing pinned Python packages (${LOCKS[*]})"
    VIRTUAL_ENV="$PWD/.venv" .tools/bin/uv pip sync --quiet --require-hashes "${LOCKS[@]}"
    rm -f .venv/.synced-*
    touch "$STAMP"
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "==> Installing front-end packages from the npm registry (htmx, axe-core)"
    npm ci --silent --no-audit --no-fund
fi
