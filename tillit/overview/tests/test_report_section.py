"""The report's "Mönster och trender": drafted from the trend signals (plain Swedish, the false-alarm
line), the `signals` figures, and a run chart that never draws a small count at its value."""

from __future__ import annotations

import random
from datetime import date

import pytest

from tillit.core.charts import to_svg
from tillit.overview.report_sections import chart
from tillit.reports import engine
from tillit.trends.models import EventMonthCount
from tillit.trends.selectors import months_ending
from tillit.trends.tests.test_spc import _poisson

pytestmark = pytest.mark.django_db


def fill(unit, counts, category="lakemedel"):
    EventMonthCount.objects.bulk_create(
        EventMonthCount(unit=unit, kind="avvikelse", category=category, month=m, count=c)
        for m, c in zip(months_ending(2025), counts, strict=True)
    )


def test_a_shift_is_told_in_plain_swedish_with_the_false_alarm_line(org):
    rng = random.Random(5)
    fill(org.ald1, [_poisson(rng, 3) for _ in range(15)] + [_poisson(rng, 9) for _ in range(9)])
    stable = random.Random(1)
    fill(org.vux1, [_poisson(stable, 6) for _ in range(24)], category="fall")
    draft = engine.draft(scope=org.soc, year=2025)
    section = draft.section("trender")
    assert section.title == "Mönster och trender" and section.chart == "signals"
    keys = [s.key for s in draft.sections]
    assert keys.index("trender") < keys.index("analys")  # the events' analysis follows
    assert "Avvikelser om läkemedel i Hemtjänst Norr har legat över medianen nio månader i rad sedan april." in (
        section.text
    )
    assert "Boendestöd" not in section.text  # the stable series does not signal
    assert "2 serier bevakas" in section.text and "av en slump" in section.text
    figures = draft.figures.published["signals"]
    assert figures["watched"] == 2 and figures["expected_false_alarms"] == 0.1
    assert [s["series"] for s in figures["series"]] == [{"kind": "avvikelse", "unit": "ALD1", "category": "lakemedel"}]
    assert section.tables[0]["rows"][0][0] == "Avvikelser om läkemedel i Hemtjänst Norr"


def test_no_signal_says_so(org):
    stable = random.Random(1)
    fill(org.vux1, [_poisson(stable, 6) for _ in range(24)])
    text = engine.draft(scope=org.soc, year=2025).section("trender").text
    assert "Den serie som bevakas visar inga tecken på förändring" in text


def test_the_chart_hides_small_counts(org):
    counts = [2, 3, 1, 2, 3, 2, 4, 3, 2, 1, 3, 2, 9, 10, 8, 11, 9, 12, 10, 9, 8, 11, 10, 9]
    fill(org.ald1, counts)
    figures = engine.draft(scope=org.soc, year=2025).figures.all
    spec = chart(figures)
    shown = [row["value"] for row in spec["data"]["values"]]
    assert not any(v in (1, 2, 3, 4) for v in shown)  # small counts are drawn at the band's middle
    assert any(row["mark"].startswith("färre än 5") for row in spec["data"]["values"])
    assert "<svg" in to_svg(spec)
    assert figures["signals"]["series"][0]["values"] == counts  # the JSON stays raw (docs/figures.md)
    assert date(2025, 12, 1).strftime("%Y-%m") == figures["signals"]["window"]["to"]


def test_a_past_run_across_new_year_names_both_years():
    from tillit.trends import spc
    from tillit.trends.selectors import months_until

    months = months_until(date(2026, 10, 1))  # November 2024 – October 2026
    values = [2, 3, 2, 1, 3] + [9] * 12 + [2, 3, 1, 2, 3, 2, 2]
    text = spc.explain_run_chart(spc.run_chart(values), subject="Avvikelser", periods=months)
    assert "från april 2025 till mars 2026" in text
