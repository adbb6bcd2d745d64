"""Kvalitetsberättelse: JSON figures vs hand-written SQL computing the same figures; PDF + DOCX.

Usage: python bench/bench_report.py [--rounds 5] [--year YYYY]
Ratios are against baselines measured in the same run (the machines here are noisy).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tillit.settings")
os.environ.setdefault("TILLIT_TESTING", "0")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from tillit.accounts.models import User  # noqa: E402
from tillit.events.models import Event  # noqa: E402
from tillit.org.models import Unit  # noqa: E402
from tillit.reports.document import build_document, render_docx, render_pdf  # noqa: E402
from tillit.reports.figures import compute_figures  # noqa: E402
from tillit.reports.models import QualityReport  # noqa: E402
from tillit.reports.services import report_create  # noqa: E402


def hand_sql(year: int, scope: Unit) -> dict:
    """The same figures with plain SQL: the cost floor an ORM implementation is compared with."""
    month = (
        "strftime('%%Y-%%m', e.reported_on)" if connection.vendor == "sqlite" else "to_char(e.reported_on, 'YYYY-MM')"
    )
    with connection.cursor() as c:
        c.execute("SELECT id, path FROM org_unit WHERE path LIKE %s", [scope.path + "%"])
        units = c.fetchall()
        ids = [u[0] for u in units]
        placeholders = ",".join(["%s"] * len(ids))
        where = f"e.unit_id IN ({placeholders}) AND e.reported_on BETWEEN %s AND %s"
        this = [*ids, f"{year}-01-01", f"{year}-12-31"]
        prev = [*ids, f"{year - 1}-01-01", f"{year - 1}-12-31"]
        out: dict = {}
        c.execute(f"SELECT kind, COUNT(*) FROM events_event e WHERE {where} GROUP BY kind", this)
        out["count"] = dict(c.fetchall())
        c.execute(f"SELECT kind, COUNT(*) FROM events_event e WHERE {where} GROUP BY kind", prev)
        out["previous"] = dict(c.fetchall())
        c.execute(f"SELECT kind, unit_id, COUNT(*) FROM events_event e WHERE {where} GROUP BY kind, unit_id", this)
        out["by_unit"] = c.fetchall()
        c.execute(
            "SELECT e.kind, cat.label, COUNT(*) FROM events_event e "
            "JOIN events_category cat ON cat.id = e.category_id "
            f"WHERE {where} GROUP BY e.kind, cat.label",
            this,
        )
        out["by_category"] = c.fetchall()
        c.execute(
            f"SELECT kind, outcome, closure_reason, COUNT(*) FROM events_event e WHERE {where} AND outcome <> '' "
            "GROUP BY kind, outcome, closure_reason",
            this,
        )
        out["by_outcome"] = c.fetchall()
        for key, params in (("ivo", this), ("ivo_previous", prev)):
            c.execute(
                f"SELECT kind, COUNT(*) FROM events_event e WHERE {where} AND ivo_notified_on IS NOT NULL "
                "GROUP BY kind",
                params,
            )
            out[key] = dict(c.fetchall())
        c.execute(
            f"SELECT kind, COUNT(*) FROM events_event e WHERE {where} AND (closed_on IS NULL OR closed_on > %s) "
            "GROUP BY kind",
            [*this, f"{year}-12-31"],
        )
        out["open_at_end"] = dict(c.fetchall())
        c.execute(
            f"SELECT kind, reported_on, closed_on, replied_on FROM events_event e WHERE {where} "
            "AND (closed_on IS NOT NULL OR replied_on IS NOT NULL)",
            this,
        )
        days: dict[str, list[int]] = defaultdict(list)
        for kind, reported, closed, _replied in c.fetchall():
            if closed:
                days[kind].append((_as_date(closed) - _as_date(reported)).days)
        out["median_days_to_close"] = {k: statistics.median(v) for k, v in days.items()}
        c.execute(
            "SELECT e.kind, COUNT(*), SUM(CASE WHEN d.met_on <= d.due_on THEN 1 ELSE 0 END) "
            "FROM events_eventdeadline d "
            f"JOIN events_event e ON e.id = d.event_id WHERE {where} AND (d.met_on IS NOT NULL OR d.due_on < %s) "
            "GROUP BY e.kind",
            [*this, f"{year}-12-31"],
        )
        out["within"] = c.fetchall()
        c.execute(
            # Åtgärder have a generic source since the platform issue: join through the content type.
            "SELECT a.action_type, COUNT(*) FROM actions_action a "
            "JOIN django_content_type ct ON ct.id = a.source_type_id AND ct.app_label = 'events' AND ct.model = 'event' "
            f"JOIN events_event e ON e.id = a.source_id WHERE {where} GROUP BY a.action_type",
            this,
        )
        out["actions"] = dict(c.fetchall())
        c.execute(
            f"SELECT e.kind, {month}, COUNT(*) FROM events_event e WHERE e.unit_id IN ({placeholders}) "
            "AND e.reported_on BETWEEN %s AND %s GROUP BY e.kind, 2",
            [*ids, f"{year - 1}-01-01", f"{year}-12-31"],
        )
        out["monthly"] = c.fetchall()
    return out


def _as_date(value):
    from datetime import date

    return value if isinstance(value, date) else date.fromisoformat(str(value))


def timed(fn, rounds: int) -> list[float]:
    fn()
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - started)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--year", type=int, default=timezone.localdate().year - 1)
    args = parser.parse_args()
    scope = Unit.objects.filter(parent=None).order_by("pk").first()
    year_events = Event.objects.filter(reported_on__year=args.year).count()
    print(f"Tillit report bench: {Event.objects.count()} events ({year_events} in {args.year}) on {connection.vendor}")

    sql = timed(lambda: hand_sql(args.year, scope), args.rounds)
    orm = timed(lambda: compute_figures(year=args.year, scope=scope), args.rounds)
    s50, o50 = statistics.median(sql), statistics.median(orm)
    print(f"{'baseline: hand-written SQL figures':<44} p50 {s50 * 1000:9.1f} ms")
    print(f"{'compute_figures (JSON contract)':<44} p50 {o50 * 1000:9.1f} ms  ratio {o50 / s50:5.2f}× (goal ≤ 2×)")

    author = User.objects.get(username="kvalitetsutvecklare")  # the demo municipality's
    report = QualityReport.objects.filter(year=args.year, scope=scope, adopted_at=None).first() or report_create(
        actor=author, year=args.year, scope=scope
    )
    doc_time = statistics.median(timed(lambda: build_document(report), 1))
    doc = build_document(report)
    pdf_time = statistics.median(timed(lambda: render_pdf(doc), 1))
    docx_time = statistics.median(timed(lambda: render_docx(doc), 1))
    total = doc_time + pdf_time + docx_time
    print(f"{'document (figures + charts)':<44} {doc_time:9.2f} s")
    print(f"{'render PDF / DOCX':<44} {pdf_time:9.2f} s / {docx_time:.2f} s")
    print(f"{'PDF + DOCX for the year (one build)':<44} {total:9.2f} s  (goal ≤ 10 s; {total / o50:.1f}× the figures)")
    # Sanity: both paths agree on the per-kind counts.
    assert hand_sql(args.year, scope)["count"] == {
        k: v["count"] for k, v in compute_figures(year=args.year, scope=scope)["events"].items() if v["count"]
    }


if __name__ == "__main__":
    main()
