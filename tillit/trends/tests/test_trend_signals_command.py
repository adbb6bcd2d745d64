"""`trend_signals` reads the monthly aggregate the events' services keep: a real shift in one unit
and category is signalled, a stable series is not, and the aggregate follows reports, re-classified
categories, conversions, imports and bulk loads."""

from __future__ import annotations

import json
import random
from datetime import date

import pytest
from django.core.management import call_command

from tillit.events.models import Category, Event
from tillit.events.services import event_report
from tillit.events.services.monthly import month_counts_rebuild
from tillit.trends.models import EventMonthCount

pytestmark = pytest.mark.django_db


def _bulk(unit, kind, category, per_month: list[int], year: int) -> None:
    rows = []
    for i, n in enumerate(per_month):
        month = date(year - 1 + i // 12, i % 12 + 1, 10)
        rows += [
            Event(reference=f"T-{unit.code}-{category.code}-{i}-{k}", kind=kind, state="avslutad", unit=unit,
                  category=category, reported_on=month, reported_at=f"{month}T12:00:00Z", closed_on=month)
            for k in range(n)
        ]  # fmt: skip
    Event.objects.bulk_create(rows)


def test_a_shift_is_signalled_and_a_stable_series_is_not(org, capsys):
    rng = random.Random(7)
    lakemedel, fall = Category.objects.get(code="lakemedel"), Category.objects.get(code="fall")
    _bulk(
        org.ald1,
        "avvikelse",
        lakemedel,
        [*([2, 3] * 6), *([8, 9] * 6)],
        2026,
    )
    _bulk(org.vux1, "avvikelse", fall, [rng.choice([3, 4, 5]) for _ in range(24)], 2026)
    month_counts_rebuild()
    call_command("trend_signals", "--year", "2026", "--unit", "SOC", "--format", "json")
    found = {s["series"]["unit"]: s for s in json.loads(capsys.readouterr().out)}
    shifted, stable = found["ALD1"], found["VUX1"]
    assert shifted["series"] == {"kind": "avvikelse", "unit": "ALD1", "category": "lakemedel"}
    assert shifted["run_signal"] and shifted["longest_run"] > shifted["longest_run_max"]
    assert not stable["run_signal"] and not stable["crossing_signal"]
    assert set(shifted) >= {
        "n_useful", "longest_run", "longest_run_max", "crossings", "crossings_min",
        "run_signal", "crossing_signal", "points_outside_limits",
    }  # fmt: skip
    call_command("trend_signals", "--year", "2026", "--unit", "VUX", "--format", "json")
    assert [s["series"]["unit"] for s in json.loads(capsys.readouterr().out)] == ["VUX1"]


def _count(unit, category: str = "") -> int:
    return sum(EventMonthCount.objects.filter(unit=unit, category=category).values_list("count", flat=True))


def test_the_aggregate_follows_reports_and_reclassification(org):
    from tillit.events.services import event_classify

    event = event_report(actor=org.user("medarbetare"), kind="avvikelse", unit=org.vux1, description="x").event
    assert _count(org.vux1) == 1
    event_classify(
        actor=org.user("enhetschef"), event=event, category=Category.objects.get(code="fall"), god_vard_area=""
    )
    assert _count(org.vux1) == 0 and _count(org.vux1, "fall") == 1
    month_counts_rebuild()
    assert _count(org.vux1, "fall") == 1 and EventMonthCount.objects.count() == 1
