#!/usr/bin/env bash
# Start Tillit with the demo municipality on the embedded SQLite database (var/tillit.sqlite3).
# Re-runnable: migrations and demo data only add what is missing; nothing is ever deleted.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh runtime
PY=.venv/bin/python
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"
export SITE_URL="${SITE_URL:-http://$HOST:$PORT}"

echo "==> Migrating the database"
$PY manage.py migrate --noinput -v0
$PY manage.py collectstatic --noinput -v0
echo "==> Demo municipality (Exempelby kommun)"
$PY manage.py demo_data
$PY manage.py send_reminders --ensure-scheduled
$PY manage.py run_retention --ensure-scheduled
$PY manage.py compute_kpis --ensure-scheduled

echo "==> Starting the background worker (reminders, nightly gallring, monthly KPIs)"
mkdir -p var && $PY manage.py db_worker --queue-name default >var/worker.log 2>&1 &
WORKER=$!
trap 'kill $WORKER 2>/dev/null || true' EXIT INT TERM

echo
echo "Tillit: $SITE_URL/  — logga in med någon av demoanvändarna ovan. Avsluta med Ctrl+C."
echo
.venv/bin/gunicorn tillit.wsgi:application --bind "$HOST:$PORT" --workers "${WEB_WORKERS:-2}" \
    --access-logfile - --log-level warning --timeout "${WEB_TIMEOUT:-120}" \
    --logger-class tillit.core.access_log.PrivateAccessLogger \
    --access-logformat '%(h)s %(t)s "%(m)s %(U)s" %(s)s %(b)s %(L)s'
