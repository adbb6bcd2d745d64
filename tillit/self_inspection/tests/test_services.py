"""Egenkontroll services: the calendar, adoption on the workflow engine, sampling (same seed → same
sample), the personnummer guard on the population, the condition rule and the share arithmetic,
and the reminders."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tillit.assessments.models import Answer
from tillit.assessments.services import answer_save
from tillit.self_inspection.models import Method, Programme, Round
from tillit.self_inspection.reminders import round_reminders
from tillit.self_inspection.selectors import criterion_rows, round_results
from tillit.self_inspection.services import item_add, programme_adopt, programme_create, round_start
from tillit.self_inspection.tests.conftest import carry_out, start
from tillit.workflow.services import TransitionError

pytestmark = pytest.mark.django_db


def test_an_item_puts_one_round_per_month_in_the_calendar(org, programme):
    rounds = list(Round.objects.order_by("due_on"))
    assert [(r.code, r.due_on) for r in rounds] == [
        ("2025-VUX1-AKT-04", date(2025, 4, 30)),
        ("2025-VUX1-AKT-10", date(2025, 10, 31)),
    ]
    assert rounds[0].title == "Aktgranskning av utredningar (apr 2025)"
    assert programme.items.get().month_names == "apr, okt"


def test_item_validation(org, chef, programme, aktgranskning):
    with pytest.raises(ValidationError, match="finns redan"):
        item_add(actor=chef, programme=programme, code="AKT", title="X", method="observation", months=[1])
    with pytest.raises(ValidationError, match="minst en månad"):
        item_add(actor=chef, programme=programme, code="OBS", title="X", method="observation", months=[])
    with pytest.raises(ValidationError, match="behöver en mall"):
        item_add(actor=chef, programme=programme, code="J", title="X", method=Method.JOURNALGRANSKNING, months=[2])
    with pytest.raises(PermissionDenied):
        item_add(actor=org.user("utredare"), programme=programme, code="O", title="X", method="observation", months=[2])
    with pytest.raises(PermissionDenied):
        programme_create(actor=chef, unit=org.vux2, year=2025)  # a sibling unit


def test_adoption_needs_items_and_the_decision_and_freezes_the_programme(org, chef, programme):
    kvu = org.user("kvalitetsutvecklare")
    empty = programme_create(actor=chef, unit=org.vux1, year=2026)
    with pytest.raises(TransitionError, match="minst en kontroll"):
        programme_adopt(actor=kvu, programme=empty, decision_reference="SN § 1")
    with pytest.raises(TransitionError, match="nämndens beslut"):
        programme_adopt(actor=kvu, programme=programme, decision_reference=" ")
    with pytest.raises(PermissionDenied):  # the enhetschef keeps the programme; adoption is recorded above her
        programme_adopt(actor=chef, programme=programme, decision_reference="SN § 88")
    adopted = programme_adopt(actor=kvu, programme=programme, decision_reference="SN § 88")
    assert (adopted.state, adopted.decision_reference, adopted.is_adopted) == ("antaget", "SN § 88", True)
    assert list(adopted.transitions.values_list("to_state", flat=True)) == ["utkast", "antaget"]
    with pytest.raises(ValidationError, match="antaget"):
        item_add(
            actor=chef,
            programme=Programme.objects.get(pk=programme.pk),
            code="B",
            title="X",
            method="observation",
            months=[3],
        )


def test_the_same_seed_draws_the_same_sample(org, chef, programme):
    population = "\n".join(f"BOU-2025-{i:03d}" for i in range(1, 41))
    april, october = Round.objects.order_by("due_on")
    april = start(april, chef, population=population, size=10, seed=4242)
    october = start(october, chef, population=population, size=10, seed=4242)
    first = list(april.assessment.cases.order_by("position").values_list("case_number", flat=True))
    second = list(october.assessment.cases.order_by("position").values_list("case_number", flat=True))
    assert first == second and len(set(first)) == 10
    assert april.assessment.seed == 4242
    with pytest.raises(ValidationError, match="redan startad"):
        start(Round.objects.get(pk=april.pk), chef)


def test_a_share_of_the_population_rounds_up(org, chef, programme):
    round_ = round_start(
        actor=chef,
        round_=Round.objects.order_by("due_on").first(),
        performer=chef,
        performed_on=date(2025, 4, 15),
        population="45",
        sample_share=10,
        seed=1,
    )
    assert round_.assessment.sample_size == 5  # 4.5 rounded up
    assert round_.assessment.cases.first().label.startswith("Ärende nr ")


def test_population_refuses_personnummer_and_names(org, chef, programme):
    round_ = Round.objects.order_by("due_on").first()
    with pytest.raises(ValidationError, match="personnummer"):
        start(round_, chef, population="BOU-1\n19121212-1212", size=1)
    with pytest.raises(ValidationError, match="aldrig namn"):
        start(round_, chef, population="BOU-1\nAnna Andersson", size=1)
    assert Round.objects.get(pk=round_.pk).assessment is None


def test_condition_rule_and_share_arithmetic(org, chef, programme):
    round_ = start(Round.objects.order_by("due_on").first(), chef)
    assessment = round_.assessment
    plan, within, views = assessment.template.items.order_by("position")
    first = assessment.cases.order_by("position").first()
    answer_save(actor=chef, assessment=assessment, item=plan, case=first, value="nej")
    with pytest.raises(ValidationError, match="villkoret"):
        answer_save(actor=chef, assessment=assessment, item=within, case=first, value="ja")
    answer_save(actor=chef, assessment=assessment, item=views, case=first, value="ej_aktuellt")
    # Cases 2–4: plan ja in three; within six weeks ja, nej, ja; views ja, nej, nej.
    carry_out(
        round_,
        chef,
        [("nej", "", "ej_aktuellt"), ("ja", "ja", "ja"), ("ja", "nej", "nej"), ("ja", "ja", "nej")],
    )
    rows = {r.ref: r.tally for r in criterion_rows(round_results(round_))}
    assert (rows["1"].met, rows["1"].not_met, rows["1"].not_applicable, rows["1"].share) == (3, 1, 0, 0.75)
    # "upprättad inom sex veckor" applies only where a plan exists: the first case is not applicable.
    assert (rows["2"].met, rows["2"].not_met, rows["2"].not_applicable) == (2, 1, 1)
    assert rows["2"].share == pytest.approx(2 / 3)
    # Ej aktuellt counts neither as met nor as not met: 1 ÷ (1 + 2).
    assert (rows["3"].met, rows["3"].not_met, rows["3"].not_applicable) == (1, 2, 1)
    assert Answer.objects.filter(assessment=assessment).count() == 11


def test_comparison_with_the_previous_round(org, chef, programme):
    april, october = Round.objects.order_by("due_on")
    carry_out(start(april, chef), chef, [("ja", "nej", "ja"), ("nej", "", "ja"), ("nej", "", "nej"), ("nej", "", "ja")])
    carry_out(
        start(october, chef), chef, [("ja", "ja", "ja"), ("ja", "ja", "ja"), ("nej", "", "nej"), ("ja", "nej", "ja")]
    )
    rows = {r.ref: r for r in criterion_rows(round_results(Round.objects.get(pk=october.pk)))}
    assert rows["1"].previous.share == 0.25 and rows["1"].tally.share == 0.75
    assert rows["1"].change == 50.0
    assert rows["2"].change == 66.7  # 2 of 3 against 0 of 1, in percentage points (one decimal)


def test_reminders_before_the_deadline_and_when_it_has_passed(org, chef, programme):
    april = Round.objects.order_by("due_on").first()
    assert list(round_reminders(date(2025, 4, 1))) == []
    soon = list(round_reminders(date(2025, 4, 20)))
    assert [r.key for r in soon] == [f"self_inspection:{april.pk}:snart:20250430"]
    assert chef.pk in soon[0].recipient_ids and org.user("kvalitetsutvecklare").pk in soon[0].recipient_ids
    assert "2025-VUX1-AKT-04" in soon[0].message and "ska vara klar senast 2025-04-30" in soon[0].message
    late = list(round_reminders(date(2025, 5, 3)))
    assert [r.key for r in late] == [f"self_inspection:{april.pk}:forsenad:20250430"]
    carry_out(start(april, chef), chef, [("ja", "ja", "ja")] * 4)
    assert list(round_reminders(date(2025, 5, 3))) == []
