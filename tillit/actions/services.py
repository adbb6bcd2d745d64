"""Writes to åtgärder; each is atomic and audited. Who may act on a source's actions is the
source's registration (`tillit.actions.sources`), so this app names no domain app."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from tillit.actions.models import Action, ActionEffect, ActionStatus
from tillit.actions.sources import source_for, source_for_key
from tillit.audit.models import AuditAction
from tillit.audit.services import audit_object
from tillit.classification.schemes import ACTION_TYPE
from tillit.classification.selectors import is_offered


def effect_followup_default(completed_on: date) -> date:
    return completed_on + timedelta(days=settings.ACTION_EFFECT_FOLLOWUP_DAYS)


@transaction.atomic
def action_create(
    *,
    actor,
    source: Model,
    action_type: str,
    description: str,
    owner,
    due_on: date,
    effect_followup_due: date | None = None,
) -> Action:
    """Add an action to `source` (an event, …), owned by `owner`, in the source's unit."""
    registered = source_for(source)
    if not registered.may_manage(actor, source):
        raise PermissionDenied("Du har inte behörighet att lägga till åtgärder här.")
    if registered.closed(source):
        raise ValidationError("Det går inte att lägga till åtgärder när ärendet är avslutat.")
    if due_on < timezone.localdate():
        raise ValidationError("Datumet för när åtgärden ska vara klar kan inte ha passerat.")
    if effect_followup_due is not None and effect_followup_due < due_on:
        raise ValidationError("Effekten kan följas upp tidigast när åtgärden ska vara klar.")
    if not is_offered(ACTION_TYPE, action_type):
        raise ValidationError("Välj en typ av åtgärd som används.")
    if not registered.owners(source).filter(pk=owner.pk).exists():
        raise ValidationError("Den personen kan inte vara ansvarig för åtgärder här.")
    action = Action(
        source_type=ContentType.objects.get_for_model(source),
        source_id=source.pk,
        source_reference=registered.reference(source)[:64],
        unit_id=registered.unit_id(source),
        action_type=action_type,
        description=description,
        owner=owner,
        due_on=due_on,
        effect_followup_due=effect_followup_due,
    )
    action.full_clean()
    action.save()
    audit_object(
        actor=actor, action=AuditAction.CREATE, obj=action, detail={"source": registered.key, "source_id": source.pk}
    )
    registered.changed(source, action, "added")
    return action


def may_change(actor, action: Action) -> bool:
    """The owner, and whoever may manage actions on the action's source."""
    if action.owner_id == actor.pk:
        return True
    source = action.source
    registered = source_for_key(source._meta.label_lower) if source is not None else None
    return registered is not None and registered.may_manage(actor, source)


@transaction.atomic
def action_set_status(*, actor, action: Action, status: ActionStatus | str) -> Action:
    """Change the status. Completing it plans the effect follow-up (a set date later than today
    is kept; otherwise ACTION_EFFECT_FOLLOWUP_DAYS after today)."""
    if not may_change(actor, action):
        raise PermissionDenied("Du har inte behörighet att ändra åtgärden.")
    if status not in ActionStatus.values:
        raise ValidationError("Okänd status.")
    today = timezone.localdate()
    action = Action.objects.select_for_update().get(pk=action.pk)
    if action.status == status:
        return action
    action.status = status
    fields = ["status", "completed_on"]
    if status == ActionStatus.GENOMFORD:
        action.completed_on = today
        if action.effect_followup_due is None or action.effect_followup_due < today:
            action.effect_followup_due = effect_followup_default(today)
            fields.append("effect_followup_due")
    else:
        action.completed_on = None
    action.save(update_fields=fields)
    audit_object(actor=actor, action=AuditAction.CHANGE, obj=action, detail={"fields": fields})
    if status == ActionStatus.GENOMFORD and (source := action.source) is not None:
        source_for(source).changed(source, action, "completed")
    return action


@transaction.atomic
def action_plan_effect_followup(*, actor, action: Action, due: date) -> Action:
    """Move the planned effect follow-up (a reminder goes to the owner when it is due)."""
    if not may_change(actor, action):
        raise PermissionDenied("Du har inte behörighet att ändra åtgärden.")
    if action.effect:
        raise ValidationError("Effekten är redan uppföljd.")
    if due < timezone.localdate():
        raise ValidationError("Datumet för uppföljningen kan inte ha passerat.")
    action = Action.objects.select_for_update().get(pk=action.pk)
    if action.effect_followup_due != due:
        action.effect_followup_due = due
        action.save(update_fields=["effect_followup_due"])
        audit_object(actor=actor, action=AuditAction.CHANGE, obj=action, detail={"fields": ["effect_followup_due"]})
    return action


@transaction.atomic
def action_follow_up(
    *, actor, action: Action, effect: ActionEffect | str, comment: str, on: date | None = None
) -> Action:
    """Record the effect follow-up (date and judgement) of a completed action."""
    if not may_change(actor, action):
        raise PermissionDenied("Du har inte behörighet att följa upp åtgärden.")
    action = Action.objects.select_for_update().get(pk=action.pk)
    if action.status != ActionStatus.GENOMFORD:
        raise ValidationError("Effekten följs upp när åtgärden är genomförd.")
    if action.effect:
        raise ValidationError("Effekten är redan uppföljd.")
    action.effect, action.effect_comment = effect, comment
    action.effect_followup_on = on or timezone.localdate()
    action.save(update_fields=["effect", "effect_comment", "effect_followup_on"])
    audit_object(actor=actor, action=AuditAction.CHANGE, obj=action, detail={"fields": ["effect"]})
    return action
