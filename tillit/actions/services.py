"""Writes to åtgärder; each is atomic and audited."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from tillit.actions.models import Action, ActionEffect, ActionStatus, ActionType
from tillit.audit.models import AuditAction
from tillit.audit.services import audit_object
from tillit.events.models import Event
from tillit.events.services import may_work_on


@transaction.atomic
def action_create(
    *, actor, event: Event, action_type: ActionType | str, description: str, owner, due_on: date
) -> Action:
    if not may_work_on(actor, event):
        raise PermissionDenied("Du har inte behörighet att lägga till åtgärder i ärendet.")
    if due_on < timezone.localdate():
        raise ValidationError("Datumet för när åtgärden ska vara klar kan inte ha passerat.")
    action = Action(
        event=event, unit_id=event.unit_id, action_type=action_type, description=description, owner=owner, due_on=due_on
    )
    action.full_clean()
    action.save()
    audit_object(actor=actor, action=AuditAction.CREATE, obj=action, detail={"event": event.pk})
    return action


def _may_change(actor, action: Action) -> bool:
    return action.owner_id == actor.pk or (action.event is not None and may_work_on(actor, action.event))


@transaction.atomic
def action_set_status(*, actor, action: Action, status: ActionStatus | str) -> Action:
    if not _may_change(actor, action):
        raise PermissionDenied("Du har inte behörighet att ändra åtgärden.")
    action.status = status
    action.completed_on = timezone.localdate() if status == ActionStatus.GENOMFORD else None
    action.save(update_fields=["status", "completed_on"])
    audit_object(actor=actor, action=AuditAction.CHANGE, obj=action, detail={"fields": ["status"]})
    return action


@transaction.atomic
def action_follow_up(
    *, actor, action: Action, effect: ActionEffect | str, comment: str, on: date | None = None
) -> Action:
    """Record the effect follow-up (date and judgement) of a completed action."""
    if not _may_change(actor, action):
        raise PermissionDenied("Du har inte behörighet att följa upp åtgärden.")
    if action.status != ActionStatus.GENOMFORD:
        raise ValidationError("Effekten följs upp när åtgärden är genomförd.")
    action.effect, action.effect_comment = effect, comment
    action.effect_followup_on = on or timezone.localdate()
    action.save(update_fields=["effect", "effect_comment", "effect_followup_on"])
    audit_object(actor=actor, action=AuditAction.CHANGE, obj=action, detail={"fields": ["effect"]})
    return action
