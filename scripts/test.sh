#!/usr/bin/env bash
# The whole test suite: lint, migrations check, pytest on SQLite (with the browser tests) and
# again on PostgreSQL in a throwaway cluster started here and stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHONDONTWRITEBYTECODE=1
scripts/bootstrap.sh dev

# Debian packages the tests need: chromium (Playwright drives it), poppler-utils (pdftoppm reads
# generated PDFs), postgresql-15 (the second database).
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v pdftoppm >/dev/null || need+=(poppler-utils)
[ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql-15)
if [ ${#need[@]} -gt 0 ]; then
    echo "==> apt-get install ${need[*]}"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

PY=.venv/bin/python
WORKERS="${TEST_WORKERS:-2}"

echo "==> ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check .

echo "==> migrations are complete"
TILLIT_TESTING=1 $PY manage.py makemigrations --check --dry-run >/dev/null

echo "==> pytest on SQLite (with browser tests)"
.venv/bin/pytest -q -n "$WORKERS" "$@"

echo "==> pytest on PostgreSQL (throwaway cluster)"
PGBIN=/usr/lib/postgresql/15/bin
PGTMP="$(mktemp -d /tmp/tillit-pg.XXXXXX)"
AS=()
if [ "$(id -u)" -eq 0 ]; then
    # initdb refuses to run as root: the cluster belongs to the postgres system user.
    chown postgres "$PGTMP"
    AS=(runuser -u postgres --)
fi
stop_pg() {
    "${AS[@]}" "$PGBIN/pg_ctl" -D "$PGTMP/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PGTMP"
}
trap stop_pg EXIT
"${AS[@]}" "$PGBIN/initdb" -D "$PGTMP/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
"${AS[@]}" "$PGBIN/pg_ctl" -D "$PGTMP/data" -w -l "$PGTMP/log" \
    -o "-k $PGTMP -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
DATABASE_URL="postgres://postgres@/tillit?host=$PGTMP" .venv/bin/pytest -q -n "$WORKERS" -m "not browser" "$@"
echo "==> all tests passed"
