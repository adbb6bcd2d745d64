"""Analyses, risks and matrices through the services: validation, the declared workflow, scope."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tillit.audit.models import AuditEvent
from tillit.risks.models import RiskMatrix
from tillit.risks.selectors import heat_map
from tillit.risks.services import matrix_new_version, matrix_update, risk_add, risk_update
from tillit.risks.tests.conftest import make_analysis
from tillit.workflow.services import TransitionError, allowed_transitions, transition

pytestmark = pytest.mark.django_db


def test_an_analysis_before_a_change_must_describe_the_change(org, matrix):
    with pytest.raises(ValidationError, match="planerade förändringen"):
        make_analysis(org, planned_change="  ")
    analysis = make_analysis(org, reason="arlig")
    assert analysis.code == "RA-2026-0001" and analysis.state == "planerad"
    assert analysis.matrix == matrix
    assert make_analysis(org, reason="process").code == "RA-2026-0002"


def test_analyses_only_in_the_actors_scope(org, matrix):
    with pytest.raises(PermissionDenied):
        make_analysis(org, unit=org.vux2)  # enhetschef of VUX1
    with pytest.raises(PermissionDenied):
        make_analysis(org, actor=org.user("medarbetare"))
    assert make_analysis(org, unit=org.vux2, actor=org.user("kvalitetsutvecklare"), reason="arlig").unit == org.vux2


def test_scores_must_be_on_the_matrix_and_residual_comes_in_pairs(org, analysis):
    chef = org.user("enhetschef")
    with pytest.raises(ValidationError, match="sannolikhet som ett av stegen 1–4"):
        risk_add(actor=chef, analysis=analysis, description="X", probability=5, consequence=1)
    with pytest.raises(ValidationError, match="både sannolikhet och konsekvens"):
        risk_add(actor=chef, analysis=analysis, description="X", probability=1, consequence=1, residual_probability=1)
    with pytest.raises(ValidationError, match="Beskriv risken"):
        risk_add(actor=chef, analysis=analysis, description=" ", probability=1, consequence=1)
    assert [r.number for r in analysis.risks.all()] == [1, 2]


def test_workflow_planerad_pagar_beslutad_uppfoljd(org, analysis):
    chef = org.user("enhetschef")
    assert [t.code for t in allowed_transitions(chef, analysis)] == ["starta"]
    assert allowed_transitions(org.user("medarbetare"), analysis) == []
    with pytest.raises(PermissionDenied):
        transition(actor=org.user("medarbetare"), subject=analysis, code="starta")
    with pytest.raises(TransitionError):
        transition(actor=chef, subject=analysis, code="besluta")  # not from planerad
    analysis = transition(actor=chef, subject=analysis, code="starta").subject
    assert analysis.state == "pagar"
    with pytest.raises(TransitionError, match="efter åtgärder för varje risk"):
        transition(actor=chef, subject=analysis, code="besluta")  # risk 2 is not judged after measures
    risk_update(actor=chef, risk=analysis.risks.get(number=2), residual_probability=2, residual_consequence=1)
    analysis = transition(actor=chef, subject=analysis, code="besluta").subject
    analysis = transition(actor=chef, subject=analysis, code="folja_upp", comment="APT 12/5").subject
    assert analysis.state == "uppfoljd" and analysis.closed_on is not None and analysis.is_final
    assert list(analysis.transitions.values_list("to_state", flat=True)) == [
        "planerad",
        "pagar",
        "beslutad",
        "uppfoljd",
    ]
    assert AuditEvent.objects.filter(action="transition", object_type="risks.riskanalysis").count() == 3
    with pytest.raises(ValidationError, match="uppföljd"):
        risk_add(actor=chef, analysis=analysis, description="Ny", probability=1, consequence=1)


def test_an_analysis_without_risks_cannot_be_decided(org, matrix):
    chef = org.user("enhetschef")
    analysis = transition(actor=chef, subject=make_analysis(org), code="starta").subject
    with pytest.raises(TransitionError, match="minst en risk"):
        transition(actor=chef, subject=analysis, code="besluta")


def test_a_matrix_in_use_is_never_changed_only_versioned(org, analysis):
    matrix = analysis.matrix
    with pytest.raises(ValidationError, match="ny version"):
        matrix_update(actor=None, matrix=matrix, follow_up_score=6)
    new = matrix_new_version(actor=None, matrix=matrix, follow_up_score=6, confirmed=True)
    assert (new.code, new.version, new.follow_up_score, new.is_default) == (matrix.code, 2, 6, True)
    matrix.refresh_from_db()
    assert matrix.follow_up_score == 8 and not matrix.is_default
    assert make_analysis(org, reason="arlig").matrix == new
    unused = RiskMatrix.objects.get(code="exempel-5x5")
    assert matrix_update(actor=None, matrix=unused, name="Vår 5 × 5").name == "Vår 5 × 5"
    with pytest.raises(ValidationError, match="saknar en känd risknivå"):
        matrix_update(actor=None, matrix=unused, cells={})


def test_heat_map_counts_before_and_after(org, analysis):
    heat = heat_map(analysis.matrix, list(analysis.risks.select_related("analysis__matrix")))
    assert (heat.before_total, heat.after_total) == (2, 1)
    assert [row.consequence for row in heat.rows] == [4, 3, 2, 1]  # the worst consequence on top
    cell = {(c.probability, c.consequence): c for row in heat.rows for c in row.cells}
    assert (cell[(2, 4)].before, cell[(2, 4)].after) == (1, 0)
    assert (cell[(1, 4)].before, cell[(1, 4)].after) == (0, 1)
    assert cell[(3, 2)].before == 1 and cell[(3, 2)].level.label == "Medel"
    assert cell[(1, 4)].follow_up and not cell[(3, 2)].follow_up


def test_analysed_on_keeps_the_date(org, analysis):
    assert analysis.analysed_on == date(2026, 3, 2)
