#!/usr/bin/env bash
# Usage: bench/run.sh [N ...]   (default: 10000 100000 1000000)
# Builds a fresh benchmark database per size next to the normal one and runs the benchmarks.
set -euo pipefail
# Filing events sends receipts: keep them in memory, not on the console.
export EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend
cd "$(dirname "$0")/.."
sizes=("${@:-10000 100000 1000000}")
for n in ${sizes[@]}; do
  if [ -z "${DATABASE_URL:-}" ]; then
    db="var/bench-$n.sqlite3"
    export DATABASE_URL="sqlite:///$PWD/$db"
    fresh=1; [ -f "$db" ] && fresh=0
  else
    fresh=1
  fi
  echo "== $n events ($DATABASE_URL)"
  .venv/bin/python manage.py migrate -v0
  if [ "$fresh" = 1 ]; then
    .venv/bin/python manage.py demo_data >/dev/null
    .venv/bin/python manage.py generate_events --events "$n"
  fi
  .venv/bin/python bench/bench_events.py --rounds 50
  .venv/bin/python bench/bench_report.py --rounds 5
  .venv/bin/python bench/bench_trends.py --rounds 5
  unset DATABASE_URL
done
