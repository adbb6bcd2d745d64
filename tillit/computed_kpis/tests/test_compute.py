"""Tillit's own KPIs: each computation (per unit and up the tree, per year and month), the storage
as KPI values (idempotent; stale values removed), the command and the monthly task's schedule."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from tillit.actions.models import Action, ActionEffect, ActionStatus
from tillit.computed_kpis import computations as c
from tillit.computed_kpis.definitions import (
    COMPLAINT_ANSWER_DAYS,
    EFFECT_FOLLOWED_UP,
    RECEIVED_IN_TIME,
    REPORTS_PER_1000,
)
from tillit.computed_kpis.services import computed_kpis_compute
from tillit.computed_kpis.tasks import next_run_after, years_to_compute
from tillit.events.models import Event, EventDeadline
from tillit.events.services import event_report
from tillit.kpis.models import Kpi, KpiSource, KpiValue, UnitDenominator
from tillit.kpis.services import unit_denominator_set
from tillit.trends.models import EventMonthCount

pytestmark = pytest.mark.django_db
TODAY = date(2026, 6, 15)


def _event(org, kind: str, unit, reported_on: date) -> Event:
    event = event_report(actor=org.user("medarbetare"), kind=kind, unit=unit, description="x").event
    Event.objects.filter(pk=event.pk).update(reported_on=reported_on)
    event.reported_on = reported_on
    return event


def _value(code: str, unit, year: int = 2026, month: int = 0) -> KpiValue:
    return KpiValue.objects.get(kpi__code=code, unit=unit, year=year, month=month)


# --- pure roll-ups ---------------------------------------------------------------------------------


def test_share_cells_count_in_the_unit_and_every_unit_above_for_month_and_year():
    ancestors = {3: [1, 2, 3], 4: [1, 2, 4]}
    cells = c.share_cells([(3, 1, True), (3, 1, False), (4, 2, True)], ancestors)
    assert cells[(3, 1)].value == 50.0 and cells[(3, 0)].value == 50.0
    assert cells[(4, 2)].value == 100.0
    assert (cells[(1, 0)].numerator, cells[(1, 0)].denominator) == (2, 3)
    assert (2, 3) not in cells  # no observation in March: no value, not 0 %


def test_median_cells_use_the_median_not_the_mean():
    cells = c.median_cells([(3, 5, 1.0), (3, 5, 2.0), (3, 5, 30.0)], {3: [1, 3]})
    assert cells[(3, 5)].value == 2.0 and cells[(1, 0)].denominator == 3


def test_rate_cells_only_for_units_with_a_denominator_and_months_that_are_over():
    ancestors = {3: [1, 3], 4: [1, 4]}
    cells = c.rate_cells([(3, 1, 2), (4, 1, 5)], {3: 200, 1: 1000}, ancestors, last_month=2)
    assert cells[(3, 1)].value == 10.0  # 2 per 200 brukare = 10 per 1,000
    assert cells[(3, 2)].value == 0.0  # a month without reports is a real zero
    assert (3, 3) not in cells  # not over yet
    assert cells[(1, 0)].value == 7.0  # the parent's own denominator, its whole subtree: 7 per 1,000
    assert not any(unit == 4 for unit, _ in cells)  # no denominator entered for unit 4


def test_rate_cells_of_a_unit_without_its_own_denominator_sum_the_units_below():
    ancestors = {3: [1, 2, 3], 4: [1, 2, 4], 5: [1, 5]}
    cells = c.rate_cells([(3, 1, 2), (4, 1, 6), (5, 1, 100)], {3: 200, 4: 600}, ancestors, last_month=1)
    assert (cells[(2, 0)].numerator, cells[(2, 0)].denominator, cells[(2, 0)].value) == (8, 800, 10.0)
    assert cells[(1, 0)].value == 10.0  # unit 5 has no denominator: neither its size nor its reports count


# --- against the database ------------------------------------------------------------------------


def test_share_of_avvikelser_received_within_the_service_level(org):
    in_time = _event(org, "avvikelse", org.vux1, date(2026, 3, 2))
    late = _event(org, "avvikelse", org.vux1, date(2026, 3, 3))
    pending = _event(org, "avvikelse", org.vux2, date(2026, 6, 14))  # deadline not passed: not counted
    not_received = _event(org, "avvikelse", org.vux2, date(2026, 4, 1))  # passed, never received: late
    for event, due, met in (
        (in_time, date(2026, 3, 5), date(2026, 3, 4)),
        (late, date(2026, 3, 6), date(2026, 3, 9)),
        (pending, date(2026, 6, 17), None),
        (not_received, date(2026, 4, 6), None),
    ):
        EventDeadline.objects.filter(event=event, code="mottagen").update(due_on=due, met_on=met)
    computed_kpis_compute(year=2026, today=TODAY)
    assert _value(RECEIVED_IN_TIME.code, org.vux1).value == 50.0
    assert _value(RECEIVED_IN_TIME.code, org.vux1, month=3).numerator == 1
    assert _value(RECEIVED_IN_TIME.code, org.vux2).value == 0.0
    soc = _value(RECEIVED_IN_TIME.code, org.soc)
    assert (soc.numerator, soc.denominator) == (1, 3)
    assert Kpi.objects.get(code=RECEIVED_IN_TIME.code).source == KpiSource.COMPUTED


def test_median_days_to_answer_a_complaint(org):
    for reported, replied in ((date(2026, 2, 1), date(2026, 2, 11)), (date(2026, 2, 3), date(2026, 2, 7))):
        event = _event(org, "klagomal", org.ald1, reported)
        Event.objects.filter(pk=event.pk).update(replied_on=replied)
    _event(org, "klagomal", org.ald1, date(2026, 2, 5))  # not answered yet: not counted
    late = _event(org, "klagomal", org.ald1, date(2026, 5, 1))
    Event.objects.filter(pk=late.pk).update(replied_on=date(2026, 6, 10))
    computed_kpis_compute(year=2026, today=TODAY)
    assert _value(COMPLAINT_ANSWER_DAYS.code, org.ald1, month=2).value == 7.0  # median of 10 and 4
    year = _value(COMPLAINT_ANSWER_DAYS.code, org.ald1)
    assert (year.value, year.denominator) == (10.0, 3)  # median of 4, 10, 40


def test_reports_per_1000_brukare_where_a_denominator_is_entered(org):
    unit_denominator_set(actor=org.user("kvalitetsutvecklare"), unit=org.vux1, year=2026, value=250)
    EventMonthCount.objects.bulk_create(
        [
            EventMonthCount(unit=org.vux1, kind="avvikelse", category="", month=date(2026, 1, 1), count=4),
            EventMonthCount(unit=org.vux1, kind="lex_sarah", category="", month=date(2026, 2, 1), count=1),
            EventMonthCount(unit=org.vux1, kind="klagomal", category="", month=date(2026, 2, 1), count=9),
            EventMonthCount(unit=org.vux2, kind="avvikelse", category="", month=date(2026, 2, 1), count=3),
        ]
    )
    computed_kpis_compute(year=2026, today=TODAY)
    assert _value(REPORTS_PER_1000.code, org.vux1, month=1).value == 16.0
    assert _value(REPORTS_PER_1000.code, org.vux1).value == 20.0  # 5 reports (not the complaints) / 250
    assert not KpiValue.objects.filter(kpi__code=REPORTS_PER_1000.code, unit=org.vux2).exists()
    assert not KpiValue.objects.filter(kpi__code=REPORTS_PER_1000.code, month=7).exists()  # July not over


def test_share_of_actions_with_effect_follow_up_done(org):
    source = _event(org, "avvikelse", org.vux1, date(2026, 1, 10))

    def action(due: date, effect: str = "", status: str = ActionStatus.GENOMFORD) -> None:
        Action.objects.create(
            source=source,
            unit=org.vux1,
            action_type="ny_rutin",
            description="x",
            owner=org.user("enhetschef"),
            due_on=date(2026, 1, 31),
            status=status,
            effect_followup_due=due,
            effect=effect,
        )

    action(date(2026, 3, 1), ActionEffect.GOD)
    action(date(2026, 3, 20))  # due and not followed up
    action(date(2026, 4, 1), status=ActionStatus.STRUKEN)  # struck out: not counted
    action(date(2026, 9, 1))  # not due yet: not counted
    computed_kpis_compute(year=2026, today=TODAY)
    assert _value(EFFECT_FOLLOWED_UP.code, org.vux1).value == 50.0
    assert _value(EFFECT_FOLLOWED_UP.code, org.vux1, month=3).denominator == 2
    assert not KpiValue.objects.filter(kpi__code=EFFECT_FOLLOWED_UP.code, month=4).exists()


def test_recomputing_is_idempotent_and_removes_values_that_no_longer_apply(org):
    unit_denominator_set(actor=None, unit=org.vux1, year=2026, value=100)
    first = computed_kpis_compute(year=2026, today=TODAY)
    assert first.created == 21  # the year and January–June for VUX1, VUX and SOC: 0 reports per 1,000
    again = computed_kpis_compute(year=2026, today=TODAY)
    assert (again.created, again.updated, again.deleted) == (0, 0, 0)
    UnitDenominator.objects.all().delete()
    gone = computed_kpis_compute(year=2026, today=TODAY)
    assert gone.deleted == 21 and not KpiValue.objects.exists()


def test_command_computes_a_year(org, capsys):
    unit_denominator_set(actor=None, unit=org.vux1, year=2025, value=100)
    call_command("compute_kpis", "--year", "2025", "--today", "2026-06-15")
    assert "39 nya värden" in capsys.readouterr().out  # VUX1 and the units above it, 13 periods each
    assert KpiValue.objects.filter(year=2025, month=12).count() == 3


def test_monthly_task_runs_on_the_first_and_covers_the_month_just_ended():
    tz = timezone.get_current_timezone()
    assert next_run_after(datetime(2026, 6, 15, 12, tzinfo=tz)).date() == date(2026, 7, 1)
    assert next_run_after(datetime(2026, 12, 1, 1, tzinfo=tz)) == datetime(2026, 12, 1, 3, 15, tzinfo=tz)
    assert years_to_compute(date(2027, 1, 1)) == [2026, 2027]
    assert years_to_compute(date(2026, 7, 1)) == [2026]


def test_demo_step_enters_unit_sizes_and_computes_idempotently(org):
    from tillit.computed_kpis.demo import demo_step

    _event(org, "avvikelse", org.vux1, date(2026, 3, 2))
    assert "beräknade för 2024–2026" in demo_step(rng=None, today=TODAY)
    assert KpiValue.objects.filter(kpi__code=REPORTS_PER_1000.code, unit=org.soc, year=2026, month=3).exists()
    assert UnitDenominator.objects.filter(year=2024).count() == 5  # the five lowest units of the test org
    assert demo_step(rng=None, today=TODAY).endswith(": 0 nya eller ändrade värden.")
