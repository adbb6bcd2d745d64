"""The `risk` figures (docs/figures.md) and the drafted section "Riskanalys", which replaces the
report engine's guidance text; the demo step."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta

import pytest
from django.utils import timezone

from tillit.actions.models import Action, ActionStatus
from tillit.core.roles import Role
from tillit.org.models import UnitLevel
from tillit.reports import engine
from tillit.risks.demo import demo_step
from tillit.risks.figures import risk_figures
from tillit.risks.models import RiskAnalysis
from tillit.risks.services import risk_add
from tillit.risks.tests.conftest import make_analysis
from tillit.testing.factories import UserFactory, assign, make_unit

pytestmark = pytest.mark.django_db


def test_risk_figures_count_the_years_analyses_in_the_scope(org, analysis):
    kvu = org.user("kvalitetsutvecklare")
    yearly = make_analysis(org, unit=org.vux2, actor=kvu, reason="arlig", title="Årlig")
    risk_add(actor=kvu, analysis=yearly, description="Låg", probability=1, consequence=1)
    make_analysis(org, actor=kvu, reason="process", analysed_on=date(2025, 12, 31))  # another year
    risk = analysis.risks.get(number=2)
    for status in (ActionStatus.PLANERAD, ActionStatus.GENOMFORD):
        Action.objects.create(
            source=risk,
            unit=org.vux1,
            action_type="annan",
            description="x",
            owner=kvu,
            due_on=timezone.localdate(),
            status=status,
        )
    figures = risk_figures(scope=org.soc, year=2026)["risk"]
    assert figures == {
        "analyses": {"forandring": 1, "process": 0, "handelse": 0, "arlig": 1},
        "risks": 3,
        "by_level": {"before": {"hog": 1, "lag": 1, "medel": 1}, "after": {"medel": 1}},
        "over_threshold": {"before": 1, "after": 1},  # 2 × 4 before; 1 × 4 after (the highest consequence)
        "measures": 2,
        "open_measures": 1,
    }
    json.dumps(figures)
    assert risk_figures(scope=org.vux2, year=2026)["risk"]["analyses"]["forandring"] == 0
    assert risk_figures(scope=org.ald, year=2026)["risk"]["risks"] == 0


def test_the_section_replaces_the_guidance_and_is_drafted_from_the_figures(org, analysis):
    draft = engine.draft(scope=org.soc, year=2026)
    section = next(s for s in draft.sections if s.key == "riskanalys")
    assert section.title == "Riskanalys"
    assert "Under 2026 gjordes 1 riskanalys (SOSFS 2011:9 5 kap. 1 §): 1 inför en förändring." in section.text
    assert "identifierades 2 risker" in section.text
    assert "Före åtgärder låg 1 risk över gränsen för uppföljning; efter beslutade åtgärder bedöms 1" in section.text
    assert "Insatser missas" not in section.text  # no free text in the report
    assert section.figures["risk"]["risks"] == 2
    assert [t["caption"] for t in section.tables] == [
        "Riskanalyser 2026 efter anledning",
        "Risker per risknivå före och efter åtgärder 2026",
    ]
    assert draft.figures.published["risk"]["over_threshold"] == {"before": 1, "after": 1}
    levels = [row[0] for row in section.tables[1]["rows"]]
    assert levels == ["Medel", "Hög", "Över gränsen för uppföljning"]  # each level once, lowest first
    assert "från riskanalyserna" not in section.text  # no measures: no sentence about them
    empty = next(s for s in engine.draft(scope=org.ald, year=2026).sections if s.key == "riskanalys")
    assert "Inga riskanalyser har registrerats" in empty.text and empty.tables == []


def test_demo_step_makes_a_reorganisation_and_a_yearly_review_once(db, matrix):
    soc = make_unit("SOC", "Socialförvaltningen", level=UnitLevel.FORVALTNING)
    ald = make_unit("ALD", "Äldreomsorg", parent=soc, level=UnitLevel.AVDELNING)
    htn = make_unit("ALD-HTN", "Hemtjänst Norr", parent=ald)
    assign(UserFactory(username="enhetschef"), Role.ENHETSCHEF, htn)
    assign(UserFactory(username="avdelningschef"), Role.AVDELNINGSCHEF, ald)
    today = timezone.localdate()
    assert demo_step(rng=random.Random(1), today=today) == "Exempelriskanalyser: 2 nya."
    assert demo_step(rng=random.Random(1), today=today) == "Exempelriskanalyser finns redan."
    reorg = RiskAnalysis.objects.get(reason="forandring")
    assert reorg.state == "beslutad" and reorg.unit == htn and reorg.planned_change
    assert Action.objects.filter(risk__analysis=reorg).count() == 3
    yearly = RiskAnalysis.objects.get(reason="arlig")
    assert yearly.state == "uppfoljd" and yearly.analysed_on.year == today.year - 1
    assert reorg.analysed_on >= today - timedelta(days=10)
