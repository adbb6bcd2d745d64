"""The `self_inspection` figures (docs/figures.md) and the drafted section "Egenkontroll", which
replaces the guidance text: shares with n and change, small n suppressed; and the demo."""

from __future__ import annotations

import random
from datetime import date

import pytest

from tillit.reports import engine
from tillit.self_inspection.demo import demo_step
from tillit.self_inspection.figures import self_inspection_figures
from tillit.self_inspection.models import Programme, Round
from tillit.self_inspection.tests.conftest import carry_out, start

pytestmark = pytest.mark.django_db

APRIL = [("ja", "nej", "ja"), ("nej", "", "ja"), ("nej", "", "nej"), ("nej", "", "ja")]
OCTOBER = [("ja", "ja", "ja"), ("ja", "ja", "ja"), ("nej", "", "nej"), ("ja", "nej", "ja")]


@pytest.fixture
def two_rounds(org, chef, programme):
    april, october = Round.objects.order_by("due_on")
    carry_out(start(april, chef, population="30", size=4), chef, APRIL)
    carry_out(start(october, chef, population="30", size=4), chef, OCTOBER)
    return april, october


def test_figures_per_round_and_criterion(org, chef, two_rounds):
    from tillit.actions.services import action_create

    action_create(
        actor=chef,
        source=two_rounds[1],
        action_type="ny_rutin",
        description="Rutin för utredningsplan.",
        owner=chef,
        due_on=date(2099, 1, 1),
    )
    rounds = self_inspection_figures(scope=org.soc, year=2025)["self_inspection"]["rounds"]
    assert [r["round"] for r in rounds] == ["2025-VUX1-AKT-04", "2025-VUX1-AKT-10"]
    october = rounds[1]
    assert {k: october[k] for k in ("template", "unit", "population", "sampled", "performed_on", "actions")} == {
        "template": "AKTGRANSKNING-BOU",
        "unit": "VUX1",
        "population": 30,
        "sampled": 4,
        "performed_on": "2025-10-15",
        "actions": 1,
    }
    plan, within, _views = october["criteria"]
    assert {k: plan[k] for k in ("ref", "met", "not_met", "not_applicable", "share", "previous_share")} == {
        "ref": "1",
        "met": 3,
        "not_met": 1,
        "not_applicable": 0,
        "share": 0.75,
        "previous_share": 0.25,
    }
    assert (within["met"], within["not_met"], within["not_applicable"], within["share"]) == (2, 1, 1, 0.6667)
    section = next(s for s in engine.draft(scope=org.soc, year=2025).sections if s.key == "egenkontroll")
    assert "Fynden ledde till 1 åtgärd." in section.text
    assert self_inspection_figures(scope=org.ald, year=2025)["self_inspection"]["rounds"] == []
    assert self_inspection_figures(scope=org.soc, year=2024)["self_inspection"]["rounds"] == []


def test_the_section_replaces_the_guidance_and_hides_small_n(org, two_rounds, settings):
    draft = engine.draft(scope=org.soc, year=2025)
    assert "self_inspection" in draft.figures.published
    section = next(s for s in draft.sections if s.key == "egenkontroll")
    assert section.title == "Egenkontroll"
    assert section.text.startswith("Under 2025 genomfördes 2 egenkontrollomgångar i Boendestöd")
    assert "Beskriv årets egenkontroller" not in section.text
    # n = 4 is below the threshold (5): no share, n shown as <5.
    assert section.tables[1]["rows"][0][1:] == ["–", "<5", "–"]
    assert "Antal under 5 visas som <5" in section.tables[1]["caption"]
    settings.SMALL_COUNT_THRESHOLD = 3
    section = next(s for s in engine.draft(scope=org.soc, year=2025).sections if s.key == "egenkontroll")
    assert section.tables[1]["rows"][0] == [
        "1 Utredningsplan finns.",
        "75 %",
        "4",
        "+50 procentenheter",
    ]
    assert "Andel uppfyllt: 1 75 %" in section.text


def test_without_rounds_the_section_asks_for_a_description(org):
    section = next(s for s in engine.draft(scope=org.soc, year=2025).sections if s.key == "egenkontroll")
    assert "Inga egenkontroller för 2025 finns registrerade i Tillit" in section.text


@pytest.mark.parametrize("year", [2026])
def test_demo(org, year):
    # The test organisation has no BOU-UTR/ALD-SAB1: give the kvalitetsutvecklare at the root a
    # unit of each code below it.
    from tillit.core.roles import Role
    from tillit.testing.factories import UserFactory, assign, make_unit

    make_unit("BOU-UTR", "Utredning barn och unga", parent=org.vux)
    make_unit("ALD-SAB1", "Särskilt boende Björkhagen", parent=org.ald)
    assign(UserFactory(username="kvu_root"), Role.KVALITETSUTVECKLARE, org.soc)
    today = date(year, 5, 1)
    assert demo_step(rng=random.Random(1), today=today) == "Exempelegenkontroll: 4 program, 5 genomförda omgångar."
    assert demo_step(rng=random.Random(1), today=today) == "Exempelegenkontroll finns redan."
    assert set(Programme.objects.values_list("state", "decision_reference")) == {
        ("antaget", "SN § 88"),
        ("antaget", "SN § 12"),
    }
    # This year: the April round (due 30 April) is left to do, and the autumn's are in the calendar.
    assert Round.objects.filter(assessment__isnull=True).count() == 3
    rounds = self_inspection_figures(scope=org.soc, year=year - 1)["self_inspection"]["rounds"]
    assert len(rounds) == 4 and {r["sampled"] for r in rounds} == {30, 20}
    section = next(s for s in engine.draft(scope=org.soc, year=year - 1).sections if s.key == "egenkontroll")
    assert "Under 2025 genomfördes 4 egenkontrollomgångar" in section.text
