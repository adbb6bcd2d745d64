"""Trend signals: every monthly series' signals for the whole municipality, read from the monthly
aggregate, against reading the aggregate's rows alone (the baseline, same run). The cost should
follow units × months, not the number of events: compare the absolute time across sizes
(bench/run.sh 10000 1000000), where the goal is that 1,000,000 events stay within 2× of 10,000.

Usage: python bench/bench_trends.py [--rounds 5] [--year YYYY]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tillit.settings")
os.environ.setdefault("TILLIT_TESTING", "0")

import django

django.setup()

from django.utils import timezone  # noqa: E402

from tillit.events.models import Event  # noqa: E402
from tillit.trends.models import EventMonthCount  # noqa: E402
from tillit.trends.selectors import series_signals  # noqa: E402


def timed(fn, rounds: int) -> float:
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--year", type=int, default=timezone.localdate().year - 1)
    args = parser.parse_args()
    events, rows = Event.objects.count(), EventMonthCount.objects.count()
    baseline = timed(
        lambda: list(EventMonthCount.objects.values_list("unit_id", "kind", "category", "month", "count")), args.rounds
    )
    signals = timed(lambda: series_signals(unit_ids=None, year=args.year), args.rounds)
    found = series_signals(unit_ids=None, year=args.year)
    print(
        f"trend signals: {events:,} events, {rows:,} aggregate rows, {len(found)} series with ≥10 useful points: "
        f"{signals * 1000:.0f} ms (reading the aggregate alone {baseline * 1000:.0f} ms, {signals / baseline:.1f}×)"
    )


if __name__ == "__main__":
    main()
