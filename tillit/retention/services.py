"""Gallring (pseudonymisation of closed cases past their retention) and legal holds.

What is replaced, in one place (`FREE_TEXT`, `EMPTIED`, `UNLINKED` and the related rows below):
free text becomes "[gallrad]", contact details and links to the reporter and responsible are
emptied, attachments lose their content and file name. Kind, unit, category, God vård area,
channel, dates, outcome, closure reason, severity, IVO date, deadlines and the transition history's
states stay, so every figure of the kvalitetsberättelse is the same before and after.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from tillit.audit.models import AuditAction
from tillit.audit.services import audit_record
from tillit.events.models import Attachment, Event, EventEntry, EventMessage, EventTransition, IvoSubmission
from tillit.retention.models import PLACEHOLDER, Gallring, LegalHold, RetentionRule
from tillit.retention.selectors import Due, retention_due

FREE_TEXT = ("description", "immediate_actions", "conclusion", "reply")
EMPTIED = ("contact_name", "contact_details", "receipt_code_hash")
UNLINKED = ("reporter", "responsible")  # not used by any figure


@dataclass
class RetentionRun:
    today: date
    dry_run: bool
    gallrade: list[Due] = field(default_factory=list)
    held: list[Due] = field(default_factory=list)


def _placeholder_if_set(queryset, *names: str) -> None:
    for name in names:
        queryset.exclude(**{name: ""}).update(**{name: PLACEHOLDER})


@transaction.atomic
def event_pseudonymise(*, due: Due, today: date) -> bool:
    """Pseudonymise one event's case data and audit it; False when, under the lock, it turned out
    to be held, already gallrad or reopened."""
    event = Event.objects.select_for_update().filter(pk=due.event_id, closed_on__isnull=False).first()
    if (
        event is None
        or Gallring.objects.filter(event=event).exists()
        or LegalHold.objects.filter(event=event, released_at__isnull=True).exists()
    ):
        return False
    events = Event.objects.filter(pk=event.pk)
    _placeholder_if_set(events, *FREE_TEXT)
    events.update(**dict.fromkeys(EMPTIED, ""), **dict.fromkeys(UNLINKED, None))
    entries = EventEntry.objects.filter(event=event)
    entries.update(text=PLACEHOLDER, author_name=PLACEHOLDER, author_title="", source="")
    _placeholder_if_set(EventTransition.objects.filter(event=event), "comment")
    messages = EventMessage.objects.filter(event=event)
    messages.update(text=PLACEHOLDER, author=None)
    attachments = Attachment.objects.filter(event=event)
    attachments.update(data=b"", size=0, filename=PLACEHOLDER)
    for submission in IvoSubmission.objects.filter(event=event):
        submission.content = {key: PLACEHOLDER if value else value for key, value in submission.content.items()}
        submission.pdf = None
        submission.save(update_fields=["content", "pdf"])
    Gallring.objects.create(
        event=event,
        gallrad_on=today,
        last_activity_on=due.last_activity_on,
        years=due.rule.years,
        legal_reference=due.rule.legal_reference,
    )
    # Codes, counts and dates only: nothing of what was removed.
    audit_record(
        actor=None,
        action=AuditAction.RETENTION,
        object_type=event._meta.label_lower,
        object_id=event.pk,
        unit_id=event.unit_id,
        detail={
            "years": due.rule.years,
            "last_activity": due.last_activity_on.isoformat(),
            "entries": entries.count(),
            "messages": messages.count(),
            "attachments": attachments.count(),
        },
    )
    return True


def retention_run(*, today: date, dry_run: bool = False) -> RetentionRun:
    """Gallra every closed event past its retention, one transaction per event (so the write lock
    is held briefly and a failure keeps what was done). Idempotent: gallrade events are skipped."""
    run = RetentionRun(today=today, dry_run=dry_run)
    for due in retention_due(today=today):
        if due.held:
            run.held.append(due)
        elif dry_run or event_pseudonymise(due=due, today=today):
            run.gallrade.append(due)
    return run


@transaction.atomic
def legal_hold_place(*, actor, event: Event, reason: str) -> LegalHold:
    """Stop gallring of `event` until the hold is released."""
    if not reason.strip():
        raise ValidationError("Ange skälet till bevarandebeslutet.")
    event = Event.objects.select_for_update().get(pk=event.pk)
    if Gallring.objects.filter(event=event).exists():
        raise ValidationError("Ärendet är redan gallrat.")
    if LegalHold.objects.filter(event=event, released_at__isnull=True).exists():
        raise ValidationError("Ärendet har redan ett gällande bevarandebeslut.")
    hold = LegalHold.objects.create(event=event, reason=reason.strip(), placed_by=actor, placed_at=timezone.now())
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        object_type=hold._meta.label_lower,
        object_id=hold.pk,
        unit_id=event.unit_id,
        detail={"event": event.pk},
    )
    return hold


@transaction.atomic
def legal_hold_release(*, actor, hold: LegalHold) -> LegalHold:
    hold = LegalHold.objects.select_for_update().get(pk=hold.pk)
    if hold.released_at is not None:
        raise ValidationError("Bevarandebeslutet är redan hävt.")
    hold.released_at, hold.released_by = timezone.now(), actor
    hold.save(update_fields=["released_at", "released_by"])
    audit_record(
        actor=actor,
        action=AuditAction.CHANGE,
        object_type=hold._meta.label_lower,
        object_id=hold.pk,
        unit_id=hold.event.unit_id,
        detail={"event": hold.event_id, "released": True},
    )
    return hold


@transaction.atomic
def retention_rule_set(*, actor, kind: str, years: int, legal_reference: str) -> RetentionRule:
    """Change how long one kind's case data is kept (a municipality's own decision, with its lagrum)."""
    if years < 1:
        raise ValidationError("Bevarandetiden måste vara minst ett år.")
    if not legal_reference.strip():
        raise ValidationError("Ange lagrummet för bevarandetiden.")
    rule, _ = RetentionRule.objects.update_or_create(
        kind=kind, defaults={"years": years, "legal_reference": legal_reference.strip()}
    )
    audit_record(
        actor=actor,
        action=AuditAction.CHANGE,
        object_type=rule._meta.label_lower,
        object_id=rule.pk,
        detail={"kind": kind, "years": years},
    )
    return rule
