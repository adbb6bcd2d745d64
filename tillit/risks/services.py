"""Writes for riskanalys: matrices (versioned once in use), analyses and their risks. Each write is
atomic and audited; state changes go through the shared workflow engine (`tillit.workflow`)."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from tillit.audit.models import AuditAction
from tillit.audit.services import audit_object
from tillit.org.access import has_permission
from tillit.org.models import Unit
from tillit.risks.defaults import SHIPPED
from tillit.risks.models import Reason, Risk, RiskAnalysis, RiskMatrix
from tillit.risks.process_steps import check_step
from tillit.risks.scoring import MatrixData
from tillit.workflow.services import workflow_begin

MANAGE = "risk.manage"
CONFIGURE = "risk.configure"


# --- matrices ---------------------------------------------------------------------------------------


def matrix_in_use(matrix: RiskMatrix) -> bool:
    return matrix.analyses.exists()


@transaction.atomic
def matrix_ensure_shipped() -> RiskMatrix:
    """The shipped matrices exist (the migration adds them; a flushed test database may not have
    them); returns the default matrix."""
    for spec in SHIPPED:
        fields = {k: v for k, v in spec.items() if k != "code"}
        RiskMatrix.objects.get_or_create(code=spec["code"], version=1, defaults=fields)
    return RiskMatrix.objects.filter(is_default=True).order_by("-version", "-id").first()


def matrix_default() -> RiskMatrix:
    found = RiskMatrix.objects.filter(is_default=True).order_by("-version", "-id").first()
    return found or matrix_ensure_shipped()


def _check_matrix(fields: dict[str, Any]) -> None:
    data = MatrixData(
        probabilities=fields["probabilities"],
        consequences=fields["consequences"],
        levels=fields["levels"],
        cells=fields["cells"],
        follow_up_score=fields.get("follow_up_score"),
        follow_up_consequence=fields.get("follow_up_consequence"),
    )
    if problems := data.problems():
        raise ValidationError(problems)


@transaction.atomic
def matrix_update(*, actor, matrix: RiskMatrix, **fields: Any) -> RiskMatrix:
    """Change a matrix no analysis uses yet; one in use is refused (make a new version)."""
    matrix = RiskMatrix.objects.select_for_update().get(pk=matrix.pk)
    if matrix_in_use(matrix):
        raise ValidationError("Matrisen används redan i riskanalyser och kan inte ändras. Skapa en ny version.")
    _may_configure(actor)
    allowed = {"name", "description", "confirmed", "probabilities", "consequences", "levels", "cells"}
    allowed |= {"follow_up_score", "follow_up_consequence"}
    if unknown := set(fields) - allowed:
        raise ValidationError(f"Okända fält: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(matrix, name, value)
    _check_matrix(matrix.__dict__)
    matrix.__dict__.pop("_data", None)
    matrix.save()
    audit_object(actor=actor, action=AuditAction.CHANGE, obj=matrix, detail={"fields": sorted(fields)})
    return matrix


@transaction.atomic
def matrix_new_version(*, actor, matrix: RiskMatrix, **changes: Any) -> RiskMatrix:
    """A new version of `matrix` with `changes`; the old version stays for the analyses using it.
    The new version takes over as default when the old one was."""
    latest = RiskMatrix.objects.filter(code=matrix.code).aggregate(v=Max("version"))["v"] or 0
    fields = {
        name: getattr(matrix, name)
        for name in (
            "name",
            "description",
            "confirmed",
            "is_default",
            "probabilities",
            "consequences",
            "levels",
            "cells",
            "follow_up_score",
            "follow_up_consequence",
        )
    }
    fields.update(changes)
    _check_matrix(fields)
    if fields["is_default"]:
        RiskMatrix.objects.filter(is_default=True).update(is_default=False)
    new = RiskMatrix.objects.create(code=matrix.code, version=latest + 1, **fields)
    audit_object(actor=actor, action=AuditAction.CREATE, obj=new, detail={"previous_version": matrix.version})
    return new


def _copy_fields(matrix: RiskMatrix) -> dict[str, Any]:
    names = ("name", "description", "probabilities", "consequences", "levels", "cells")
    fields = {name: copy.deepcopy(getattr(matrix, name)) for name in names}
    fields |= {"follow_up_score": matrix.follow_up_score, "follow_up_consequence": matrix.follow_up_consequence}
    return fields


def _may_configure(actor) -> None:
    if actor is not None and not has_permission(actor, CONFIGURE):
        raise PermissionDenied("Du har inte behörighet att ändra riskmatriser.")


@transaction.atomic
def matrix_draft(*, actor, matrix: RiskMatrix) -> RiskMatrix:
    """A draft of the next version of `matrix`, to edit and then activate; the matrix itself stays
    as it is for the analyses using it. A second request returns the draft already made."""
    _may_configure(actor)
    list(RiskMatrix.objects.select_for_update().filter(code=matrix.code).values_list("pk", flat=True))  # one draft
    if existing := RiskMatrix.objects.filter(code=matrix.code, draft=True).first():
        return existing
    latest = RiskMatrix.objects.filter(code=matrix.code).aggregate(v=Max("version"))["v"] or 0
    new = RiskMatrix.objects.create(
        code=matrix.code, version=latest + 1, draft=True, confirmed=False, is_default=False, **_copy_fields(matrix)
    )
    audit_object(actor=actor, action=AuditAction.CREATE, obj=new, detail={"draft_of": matrix.version})
    return new


@transaction.atomic
def matrix_own(*, actor, matrix: RiskMatrix, name: str) -> RiskMatrix:
    """The municipality's own matrix (a new code, version 1), drafted from `matrix`. The same name
    twice gives the draft already made."""
    _may_configure(actor)
    name = name.strip()
    if not name:
        raise ValidationError("Ange ett namn på den nya matrisen.")
    code = slugify(name)[:40] or "egen"
    if existing := RiskMatrix.objects.filter(code=code, draft=True, version=1).first():
        return existing
    if RiskMatrix.objects.filter(code=code).exists():
        raise ValidationError("Det finns redan en matris med det namnet. Välj ett annat namn.")
    fields = _copy_fields(matrix) | {"name": name}
    new = RiskMatrix.objects.create(code=code, version=1, draft=True, confirmed=False, is_default=False, **fields)
    audit_object(actor=actor, action=AuditAction.CREATE, obj=new, detail={"copied_from": matrix.pk})
    return new


@transaction.atomic
def matrix_activate(*, actor, matrix: RiskMatrix, make_default: bool) -> RiskMatrix:
    """Take a draft into use: confirmed by the municipality, offered to new analyses, and the
    default for them when `make_default` (or when it replaces the default's earlier version)."""
    _may_configure(actor)
    matrix = RiskMatrix.objects.select_for_update().get(pk=matrix.pk)
    if not matrix.draft:
        raise ValidationError("Matrisen är redan aktiverad.")
    _check_matrix(matrix.__dict__)
    replaces_default = RiskMatrix.objects.filter(code=matrix.code, is_default=True).exists()
    if make_default or replaces_default:
        RiskMatrix.objects.filter(is_default=True).update(is_default=False)
        matrix.is_default = True
    matrix.draft, matrix.confirmed = False, True
    matrix.save(update_fields=["draft", "confirmed", "is_default"])
    audit_object(actor=actor, action=AuditAction.CHANGE, obj=matrix, detail={"activated": True})
    return matrix


# --- analyses ---------------------------------------------------------------------------------------


def next_code(year: int) -> str:
    prefix = f"RA-{year}-"
    used = RiskAnalysis.objects.filter(code__startswith=prefix).values_list("code", flat=True)
    numbers = [int(c[len(prefix) :]) for c in used if c[len(prefix) :].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:04d}"


def _check_analysis(*, reason: str, planned_change: str, title: str) -> None:
    if reason not in Reason.values:
        raise ValidationError("Välj en anledning till analysen.")
    if not title.strip():
        raise ValidationError("Ange en rubrik.")
    if reason == Reason.FORANDRING and not planned_change.strip():
        raise ValidationError("Beskriv den planerade förändringen som analysen gäller.")


@transaction.atomic
def analysis_create(
    *,
    actor,
    unit: Unit,
    title: str,
    reason: str,
    analysed_on: date,
    planned_change: str = "",
    participants: str = "",
    matrix: RiskMatrix | None = None,
    code: str = "",
) -> RiskAnalysis:
    """A planned riskanalys in `unit` on the default matrix (or `matrix`)."""
    if actor is not None and not has_permission(actor, MANAGE, unit):
        raise PermissionDenied("Du har inte behörighet att göra riskanalyser här.")
    _check_analysis(reason=reason, planned_change=planned_change, title=title)
    if matrix is not None and matrix.draft:
        raise ValidationError("Matrisen är ett utkast. Aktivera den innan den används i en riskanalys.")
    analysis = RiskAnalysis.objects.create(
        code=code or next_code(analysed_on.year),
        title=title.strip(),
        unit=unit,
        matrix=matrix or matrix_default(),
        reason=reason,
        planned_change=planned_change.strip(),
        participants=participants.strip(),
        analysed_on=analysed_on,
        created_by=actor,
    )
    workflow_begin(subject=analysis, actor=actor, code="planera", at=timezone.now(), start=timezone.localdate())
    audit_object(actor=actor, action=AuditAction.CREATE, obj=analysis, detail={"reason": reason})
    return analysis


def _may_change(actor, analysis: RiskAnalysis) -> None:
    if actor is not None and not has_permission(actor, MANAGE, analysis.unit_id):
        raise PermissionDenied("Du har inte behörighet att ändra den här riskanalysen.")
    if analysis.is_final:
        raise ValidationError("Analysen är uppföljd och kan inte ändras.")


@transaction.atomic
def analysis_update(
    *, actor, analysis: RiskAnalysis, title: str, reason: str, analysed_on: date, planned_change: str, participants: str
) -> RiskAnalysis:
    analysis = RiskAnalysis.objects.select_for_update().get(pk=analysis.pk)
    _may_change(actor, analysis)
    _check_analysis(reason=reason, planned_change=planned_change, title=title)
    analysis.title, analysis.reason, analysis.analysed_on = title.strip(), reason, analysed_on
    analysis.planned_change, analysis.participants = planned_change.strip(), participants.strip()
    analysis.save()
    audit_object(actor=actor, action=AuditAction.CHANGE, obj=analysis, detail={"reason": reason})
    return analysis


# --- risks ------------------------------------------------------------------------------------------


def _check_scores(matrix: RiskMatrix, values: dict[str, int | None]) -> None:
    data = matrix.data
    labels = {
        "probability": ("sannolikhet", data.probability_values),
        "consequence": ("konsekvens", data.consequence_values),
        "residual_probability": ("sannolikhet efter åtgärder", data.probability_values),
        "residual_consequence": ("konsekvens efter åtgärder", data.consequence_values),
    }
    problems = []
    for name, value in values.items():
        label, allowed = labels[name]
        if value is None and name.startswith("residual"):
            continue
        if value not in allowed:
            problems.append(f"Ange {label} som ett av stegen {allowed[0]}–{allowed[-1]}.")
    if (values.get("residual_probability") is None) != (values.get("residual_consequence") is None):
        problems.append("Ange både sannolikhet och konsekvens efter åtgärder, eller ingen av dem.")
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def risk_add(
    *,
    actor,
    analysis: RiskAnalysis,
    description: str,
    probability: int,
    consequence: int,
    cause: str = "",
    residual_probability: int | None = None,
    residual_consequence: int | None = None,
    follow_up_on: date | None = None,
    event=None,
    idempotency_key: str | None = None,
    process_step=None,
) -> Risk:
    analysis = RiskAnalysis.objects.select_for_update().select_related("matrix", "unit").get(pk=analysis.pk)
    _may_change(actor, analysis)
    check_step(analysis.unit, process_step)
    if not description.strip():
        raise ValidationError("Beskriv risken.")
    scores = {
        "probability": probability,
        "consequence": consequence,
        "residual_probability": residual_probability,
        "residual_consequence": residual_consequence,
    }
    _check_scores(analysis.matrix, scores)
    number = (analysis.risks.aggregate(n=Max("number"))["n"] or 0) + 1
    risk = Risk.objects.create(
        analysis=analysis,
        number=number,
        description=description.strip(),
        cause=cause.strip(),
        follow_up_on=follow_up_on,
        event=event,
        idempotency_key=idempotency_key or None,
        process_step=process_step,
        **scores,
    )
    detail = {"number": number} | ({"event": event.pk} if event is not None else {})
    audit_object(actor=actor, action=AuditAction.CREATE, obj=risk, unit=analysis.unit_id, detail=detail)
    return risk


@transaction.atomic
def risk_update(*, actor, risk: Risk, **fields: Any) -> Risk:
    """Change a risk's text, scores or follow-up date (not once the analysis is followed up)."""
    risk = Risk.objects.select_for_update().select_related("analysis__matrix", "analysis__unit").get(pk=risk.pk)
    _may_change(actor, risk.analysis)
    allowed = {"description", "cause", "probability", "consequence", "residual_probability", "residual_consequence"}
    allowed |= {"follow_up_on", "process_step"}
    if unknown := set(fields) - allowed:
        raise ValidationError(f"Okända fält: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(risk, name, value.strip() if isinstance(value, str) else value)
    if not risk.description:
        raise ValidationError("Beskriv risken.")
    if "process_step" in fields:
        check_step(risk.analysis.unit, risk.process_step)
    _check_scores(
        risk.analysis.matrix,
        {
            "probability": risk.probability,
            "consequence": risk.consequence,
            "residual_probability": risk.residual_probability,
            "residual_consequence": risk.residual_consequence,
        },
    )
    risk.save()
    audit_object(
        actor=actor, action=AuditAction.CHANGE, obj=risk, unit=risk.analysis.unit_id, detail={"fields": sorted(fields)}
    )
    return risk


@transaction.atomic
def analysis_set_imported_state(*, analysis: RiskAnalysis, state: str) -> RiskAnalysis:
    """Put an analysis imported from another system in the state its data shows (history, not a
    step anyone made now): recorded in the history as an import."""
    if analysis.state == state:
        return analysis
    source = analysis.state
    analysis.state = state
    analysis.save(update_fields=["state"])
    analysis.workflow_log(code="import", from_state=source, to_state=state, actor=None, at=timezone.now())
    audit_object(actor=None, action=AuditAction.TRANSITION, obj=analysis, detail={"import": True, "to": state})
    return analysis
