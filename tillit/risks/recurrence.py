""" "Risk för upprepning": a risk opened from an avvikelse or lex Sarah case, in an open riskanalys of
the case's unit or in a new one made "efter en händelse". The link goes both ways: the risk names its
case (as a case number, to those who may read the case) and the case page lists its risks through
the panel registered in tillit.events.links (events never imports this app)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from tillit.audit.models import AuditAction
from tillit.audit.services import audit_object
from tillit.events.models import Event
from tillit.events.selectors import events_readable, reads_case
from tillit.org.access import has_permission
from tillit.risks.models import Reason, Risk, RiskAnalysis
from tillit.risks.selectors import risks_visible
from tillit.risks.services import MANAGE, analysis_create, risk_add
from tillit.workflow.declaration import workflow

RECURRENCE_KINDS = ("avvikelse", "lex_sarah")


def applies(event: Event) -> bool:
    """Whether a risk för upprepning can be opened from the case: an open avvikelse or lex Sarah."""
    return event.kind in RECURRENCE_KINDS and event.closed_on is None


def may_open(user, event: Event) -> bool:
    """Who may open one: a reader of the case who may do riskanalys in its unit."""
    return applies(event) and has_permission(user, MANAGE, event.unit_id) and reads_case(user, event)


def open_analyses(unit_id: int) -> QuerySet[RiskAnalysis]:
    """The unit's analyses that still take risks (not followed up), newest first."""
    final = [code for code, state in workflow("riskanalys").states.items() if state.final]
    return (
        RiskAnalysis.objects.filter(unit_id=unit_id)
        .exclude(state__in=final)
        .select_related("matrix")
        .order_by("-analysed_on", "-id")
    )


def new_analysis_title(event: Event) -> str:
    """Without the case number: the analysis is read by some who may not read the case."""
    return f"Risk för upprepning efter en händelse i {event.unit.name}"


@transaction.atomic
def risk_from_event(
    *,
    actor,
    event: Event,
    analysis: RiskAnalysis | None,
    description: str,
    probability: int,
    consequence: int,
    cause: str = "",
    residual_probability: int | None = None,
    residual_consequence: int | None = None,
    follow_up_on: date | None = None,
    title: str = "",
    idempotency_key: str = "",
) -> Risk:
    """A risk linked to `event` in `analysis` (an open analysis of the case's unit) or, when None, in
    a new analysis "efter en händelse". The same `idempotency_key` twice gives the first risk."""
    # Concurrent submissions for the same case wait here, then find the first one's risk.
    event = Event.objects.select_for_update().get(pk=event.pk)
    if idempotency_key and (existing := Risk.objects.filter(idempotency_key=idempotency_key).first()):
        return existing
    if not may_open(actor, event):
        raise PermissionDenied("Du har inte behörighet att göra riskanalyser för det här ärendet.")
    if analysis is None:
        analysis = analysis_create(
            actor=actor,
            unit=event.unit,
            title=title.strip() or new_analysis_title(event),
            reason=Reason.HANDELSE,
            analysed_on=timezone.localdate(),
        )
    elif analysis.unit_id != event.unit_id or analysis.is_final:
        raise ValidationError("Välj en pågående riskanalys i ärendets enhet, eller gör en ny.")
    risk = risk_add(
        actor=actor,
        analysis=analysis,
        description=description,
        cause=cause,
        probability=probability,
        consequence=consequence,
        residual_probability=residual_probability,
        residual_consequence=residual_consequence,
        follow_up_on=follow_up_on,
        event=event,
        idempotency_key=idempotency_key,
    )
    # On the case's own audit trail too, so its history shows the risk (ids only).
    audit_object(actor=actor, action=AuditAction.CHANGE, obj=event, detail={"risk": risk.pk, "link": "risk"})
    return risk


def event_link(user, risk: Risk) -> dict | None:
    """The risk's case as the user may see it: its case number and page when she reads the case,
    only that there is one otherwise; None when the risk was not opened from a case."""
    if risk.event_id is None:
        return None
    event = events_readable(user).filter(pk=risk.event_id).only("id", "reference").first()
    return {"readable": event is not None, "event": event}


def event_panel(user, event: Event) -> dict | None:
    """The case page's panel: the risks opened from the case that the user may read, and the button
    when she may open one. None (no panel) for other kinds or when there is nothing to show."""
    if event.kind not in RECURRENCE_KINDS:
        return None
    risks = list(
        risks_visible(user).filter(event_id=event.pk).select_related("analysis__matrix").order_by("created_at", "id")
    )
    opening = may_open(user, event)
    if not risks and not opening:
        return None
    return {
        "event": event,
        "risks": risks,
        "may_open": opening,
        "analyses": list(open_analyses(event.unit_id)) if opening else [],
    }
