"""The monthly aggregate, the signals computed from it, and re-phasing (only by a person, with a reason)."""

from __future__ import annotations

import random
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tillit.audit.models import AuditEvent
from tillit.trends.models import EventMonthCount
from tillit.trends.selectors import event_series_key, months_ending, series_signals
from tillit.trends.services import event_month_count_adjust, series_phase_start
from tillit.trends.tests.test_spc import _poisson

pytestmark = pytest.mark.django_db


def _fill(unit, kind: str, category: str, counts: list[int], year: int) -> None:
    EventMonthCount.objects.bulk_create(
        EventMonthCount(unit=unit, kind=kind, category=category, month=m, count=c)
        for m, c in zip(months_ending(year), counts, strict=True)
    )


def test_months_ending_a_year():
    months = months_ending(2025)
    assert len(months) == 24 and months[0] == date(2024, 1, 1) and months[-1] == date(2025, 12, 1)


def test_adjust_counts_per_month_and_never_below_zero(org):
    event_month_count_adjust(unit=org.vux1, kind="avvikelse", category="lakemedel", day=date(2025, 3, 14), delta=1)
    event_month_count_adjust(unit=org.vux1.pk, kind="avvikelse", category="lakemedel", day=date(2025, 3, 2), delta=1)
    row = EventMonthCount.objects.get()
    assert (row.month, row.count) == (date(2025, 3, 1), 2)
    event_month_count_adjust(unit=org.vux1, kind="avvikelse", category="lakemedel", day=date(2025, 3, 30), delta=-2)
    with pytest.raises(ValidationError):
        event_month_count_adjust(unit=org.vux1, kind="avvikelse", category="lakemedel", day=date(2025, 3, 1), delta=-1)


def test_a_shift_in_one_unit_signals_and_a_stable_unit_does_not(org):
    rng = random.Random(20261101)
    _fill(
        org.ald1,
        "avvikelse",
        "lakemedel",
        [_poisson(rng, 4) for _ in range(12)] + [_poisson(rng, 8) for _ in range(12)],
        2025,
    )
    stable_rng = random.Random(1)
    _fill(org.vux1, "avvikelse", "fall", [_poisson(stable_rng, 6) for _ in range(24)], 2025)
    rows = {r["series"]["unit"]: r for r in series_signals(unit_ids=None, year=2025)}
    assert set(rows) == {"ALD1", "VUX1"}
    shifted, stable = rows["ALD1"], rows["VUX1"]
    assert shifted["run_signal"] or shifted["crossing_signal"] or shifted["points_outside_limits"]
    assert not (stable["run_signal"] or stable["crossing_signal"] or stable["points_outside_limits"])
    # Scope: only the units asked for.
    assert [r["series"]["unit"] for r in series_signals(unit_ids={org.vux1.pk}, year=2025)] == ["VUX1"]


def test_a_frozen_baseline_flags_the_months_after_the_shift(org):
    counts = [4, 3, 5, 4, 4, 3, 5, 4, 4, 3, 5, 4] + [12] * 12
    _fill(org.ald1, "avvikelse", "lakemedel", counts, 2025)
    key = event_series_key("avvikelse", "ALD1", "lakemedel")
    with pytest.raises(ValidationError, match="skälet"):
        series_phase_start(
            actor=org.user("kvalitetsutvecklare"), series_key=key, unit=org.vux1, starts_on=date(2024, 1, 1), reason=" "
        )
    with pytest.raises(PermissionDenied):
        series_phase_start(
            actor=org.user("enhetschef"), series_key=key, unit=org.vux1, starts_on=date(2024, 1, 1), reason="Ny rutin"
        )
    series_phase_start(
        actor=org.user("kvalitetsutvecklare"),
        series_key=key,
        unit=org.vux1,
        starts_on=date(2024, 1, 1),
        reason="Baslinje: första året",
        baseline_months=12,
    )
    assert AuditEvent.objects.filter(object_type="trends.seriesphase", detail__series=key).exists()
    (row,) = series_signals(unit_ids=None, year=2025)
    # Baseline CL = 4, upper limit 4 + 3·2 = 10: every month of 2025 lies above.
    assert row["points_outside_limits"] == [f"2025-{m:02d}" for m in range(1, 13)]
    assert row["run_signal"]
