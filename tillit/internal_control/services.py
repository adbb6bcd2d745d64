"""Writes for internkontroll: plans, control points, results and the carry-over to next year's plan
(the same service for the screen and `manage.py carry_over_internal_control`). Atomic and audited."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from tillit.audit.models import AuditAction
from tillit.audit.services import audit_object
from tillit.core.registry import roles_with
from tillit.internal_control.models import ControlOutcome, ControlPlan, ControlPoint, ControlStatus
from tillit.org.access import has_permission
from tillit.org.models import Unit
from tillit.risks.models import RiskMatrix
from tillit.risks.services import matrix_ensure_shipped

MANAGE = "internal_control.manage"
PLAN_MATRIX = "exempel-5x5"  # internkontroll plans often use a 5 × 5 matrix (quality-work brief)
POINT_TEXT = ("title", "control", "frequency", "responsible", "reporting")
POINT_PLANNING = ("report_due", "responsible_user")


def _check_actor(actor, unit_id: int) -> None:
    if actor is not None and not has_permission(actor, MANAGE, unit_id):
        raise PermissionDenied("Du har inte behörighet att ändra internkontrollplanen.")


def plan_matrix() -> RiskMatrix:
    matrix_ensure_shipped()
    return RiskMatrix.objects.filter(code=PLAN_MATRIX).order_by("-version").first()


@transaction.atomic
def plan_create(*, actor, unit: Unit, year: int, previous: ControlPlan | None = None) -> ControlPlan:
    """The nämnd's plan for `year` (one per nämnd and year; a nämnd is a top unit)."""
    _check_actor(actor, unit.pk)
    if unit.parent_id is not None:
        raise ValidationError("En internkontrollplan hör till nämnden: välj den översta enheten.")
    if not 2000 <= year <= 2100:
        raise ValidationError("Ange ett år mellan 2000 och 2100.")
    if ControlPlan.objects.filter(unit=unit, year=year).exists():
        raise ValidationError(f"Det finns redan en internkontrollplan för {year}.")
    plan = ControlPlan.objects.create(unit=unit, year=year, matrix=plan_matrix(), previous=previous)
    audit_object(actor=actor, action=AuditAction.CREATE, obj=plan, detail={"year": year})
    return plan


@transaction.atomic
def plan_adopt(*, actor, plan: ControlPlan, reference: str, adopted_on: date) -> ControlPlan:
    """Record the nämnd's decision adopting the plan (e.g. "SN § 12" on a date). The same decision
    twice (a double click) changes nothing; another decision on an adopted plan is refused."""
    plan = ControlPlan.objects.select_for_update().get(pk=plan.pk)
    _check_actor(actor, plan.unit_id)
    reference = " ".join(reference.split())
    if not reference:
        raise ValidationError("Ange beslutet, till exempel paragrafen i nämndens protokoll (”SN § 12”).")
    if plan.is_adopted:
        if (plan.adoption_reference, plan.adopted_on) == (reference, adopted_on):
            return plan
        raise ValidationError(f"Planen är redan antagen ({plan.adoption_reference}, {plan.adopted_on:%Y-%m-%d}).")
    if adopted_on.year > plan.year:
        raise ValidationError(f"Planen för {plan.year} antas senast under {plan.year}.")
    plan.adoption_reference, plan.adopted_on, plan.adopted_recorded_by = reference, adopted_on, actor
    plan.save(update_fields=["adoption_reference", "adopted_on", "adopted_recorded_by"])
    audit_object(actor=actor, action=AuditAction.CHANGE, obj=plan, detail={"adopted_on": adopted_on.isoformat()})
    return plan


def responsible_candidates(plan: ControlPlan):
    """Who may be made responsible for a control point: active users who read the plan, anywhere
    in the nämnd's organisation."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            assignments__unit__path__startswith=plan.unit.path,
            assignments__role__in=[str(r) for r in roles_with("internal_control.view")],
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def _check_planning(plan: ControlPlan, fields: dict) -> None:
    user = fields.get("responsible_user")
    if user is not None and not responsible_candidates(plan).filter(pk=user.pk).exists():
        raise ValidationError("Den ansvariga ska vara en användare som läser internkontrollplanen.")
    due = fields.get("report_due")
    if due is not None and not plan.year - 1 <= due.year <= plan.year + 1:
        raise ValidationError(f"Ange en rapporteringsdag nära {plan.year}.")


def _check_point(plan: ControlPlan, fields: dict) -> None:
    data = plan.matrix.data
    problems = []
    if not (fields.get("title") or "").strip():
        problems.append("Ange kontrollområdet.")
    if fields.get("probability") not in data.probability_values:
        problems.append(f"Ange sannolikhet {data.probability_values[0]}–{data.probability_values[-1]}.")
    if fields.get("consequence") not in data.consequence_values:
        problems.append(f"Ange konsekvens {data.consequence_values[0]}–{data.consequence_values[-1]}.")
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def point_add(
    *, actor, plan: ControlPlan, code: str, title: str, probability: int, consequence: int, **text
) -> ControlPoint:
    _check_actor(actor, plan.unit_id)
    if unknown := set(text) - set(POINT_TEXT) - set(POINT_PLANNING):
        raise ValidationError(f"Okända fält: {', '.join(sorted(unknown))}")
    fields = {"title": title, "probability": probability, "consequence": consequence}
    _check_point(plan, fields)
    planning = {k: text.pop(k) for k in POINT_PLANNING if k in text}
    _check_planning(plan, planning)
    code = code.strip() or f"{plan.points.count() + 1}"
    if plan.points.filter(code=code).exists():
        raise ValidationError(f"Kontrollpunkten {code} finns redan i planen.")
    point = ControlPoint.objects.create(
        plan=plan,
        code=code,
        title=title.strip(),
        probability=probability,
        consequence=consequence,
        **{k: v.strip() for k, v in text.items()},
        **planning,
    )
    audit_object(actor=actor, action=AuditAction.CREATE, obj=point, unit=plan.unit_id, detail={"code": code})
    return point


@transaction.atomic
def point_update(*, actor, point: ControlPoint, **fields) -> ControlPoint:
    point = ControlPoint.objects.select_for_update().select_related("plan__matrix").get(pk=point.pk)
    _check_actor(actor, point.plan.unit_id)
    if unknown := set(fields) - {*POINT_TEXT, *POINT_PLANNING, "probability", "consequence"}:
        raise ValidationError(f"Okända fält: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(point, name, value.strip() if isinstance(value, str) else value)
    _check_planning(point.plan, {k: getattr(point, k) for k in POINT_PLANNING})
    _check_point(point.plan, {"title": point.title, "probability": point.probability, "consequence": point.consequence})
    point.save()
    audit_object(
        actor=actor, action=AuditAction.CHANGE, obj=point, unit=point.plan.unit_id, detail={"fields": sorted(fields)}
    )
    return point


@transaction.atomic
def point_result_set(*, actor, point: ControlPoint, status: str, outcome: str = "", comment: str = "") -> ControlPoint:
    """The control's result: genomförd (with utfall utan anmärkning / med brister), ej genomförd, pågår."""
    point = ControlPoint.objects.select_for_update().select_related("plan").get(pk=point.pk)
    _check_actor(actor, point.plan.unit_id)
    if status not in ControlStatus.values:
        raise ValidationError("Välj status: genomförd, ej genomförd eller pågår.")
    if outcome and outcome not in ControlOutcome.values:
        raise ValidationError("Välj utfall: utan anmärkning eller med brister.")
    if outcome and status != ControlStatus.GENOMFORD:
        raise ValidationError("Utfall anges bara för en genomförd kontroll.")
    if status == ControlStatus.GENOMFORD and not outcome:
        raise ValidationError("Ange utfallet av den genomförda kontrollen: utan anmärkning eller med brister.")
    point.status, point.outcome, point.comment = status, outcome, comment.strip()
    point.save(update_fields=["status", "outcome", "comment"])
    audit_object(
        actor=actor,
        action=AuditAction.CHANGE,
        obj=point,
        unit=point.plan.unit_id,
        detail={"status": status, "outcome": outcome},
    )
    return point


@transaction.atomic
def plan_carry_over(*, actor, plan: ControlPlan, also: Iterable[int] = ()) -> tuple[ControlPlan, list[ControlPoint]]:
    """Next year's plan (created when missing, linked to this one) with every point of `plan` that
    was not carried out and the points `also` names (ids); each new point links to last year's.
    Running it again carries nothing twice."""
    _check_actor(actor, plan.unit_id)
    also = set(also)
    if stray := also - set(plan.points.values_list("id", flat=True)):
        raise ValidationError(f"Okända kontrollpunkter: {', '.join(str(i) for i in sorted(stray))}")
    target = ControlPlan.objects.filter(unit_id=plan.unit_id, year=plan.year + 1).first()
    if target is None:
        target = plan_create(actor=actor, unit=plan.unit, year=plan.year + 1, previous=plan)
    elif target.previous_id is None:
        target.previous = plan
        target.save(update_fields=["previous"])
    carried = []
    for point in plan.points.filter(carried_to__isnull=True).order_by("code"):
        if point.status == ControlStatus.GENOMFORD and point.pk not in also:
            continue
        code = point.code if not target.points.filter(code=point.code).exists() else f"{point.code}-{plan.year}"
        carried.append(
            ControlPoint.objects.create(
                plan=target,
                code=code,
                title=point.title,
                probability=point.probability,
                consequence=point.consequence,
                control=point.control,
                frequency=point.frequency,
                responsible=point.responsible,
                reporting=point.reporting,
                responsible_user=point.responsible_user,
                carried_from=point,
            )
        )
    audit_object(
        actor=actor, action=AuditAction.CREATE, obj=target, detail={"carried_from": plan.pk, "points": len(carried)}
    )
    return target, carried
