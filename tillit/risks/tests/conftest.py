"""Fixtures for riskanalys: an analysis before a change in VUX1 with risks."""

from __future__ import annotations

from datetime import date

import pytest

from tillit.risks.models import RiskAnalysis
from tillit.risks.services import analysis_create, matrix_ensure_shipped, risk_add


@pytest.fixture
def matrix(db):
    return matrix_ensure_shipped()


def make_analysis(org, *, unit=None, actor=None, reason="forandring", analysed_on=date(2026, 3, 2), **kwargs):
    actor = actor or org.user("enhetschef")
    return analysis_create(
        actor=actor,
        unit=unit or org.vux1,
        title=kwargs.pop("title", "Nya scheman i boendestödet"),
        reason=reason,
        planned_change=kwargs.pop("planned_change", "Tre arbetslag blir två." if reason == "forandring" else ""),
        analysed_on=analysed_on,
        **kwargs,
    )


@pytest.fixture
def analysis(org, matrix) -> RiskAnalysis:
    made = make_analysis(org)
    risk_add(
        actor=org.user("enhetschef"),
        analysis=made,
        description="Insatser missas vid övergången.",
        probability=2,
        consequence=4,
        residual_probability=1,
        residual_consequence=4,
    )
    risk_add(
        actor=org.user("enhetschef"),
        analysis=made,
        description="Brukare känner sig otrygga.",
        probability=3,
        consequence=2,
    )
    return made
