"""The causes an investigation found (avvikelse, lex Sarah, lex Maria), so deviations can be
analysed on an aggregated level. Causes are classification values an administrator edits."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, QuerySet

from tillit.audit.models import AuditAction
from tillit.audit.services import audit_object
from tillit.classification.models import Term
from tillit.classification.schemes import CAUSE
from tillit.events.models import Event, EventKind
from tillit.events.services import may_work_on

# The kinds whose investigation records causes.
CAUSE_KINDS = frozenset({EventKind.AVVIKELSE, EventKind.LEX_SARAH, EventKind.LEX_MARIA})


def records_causes(event: Event) -> bool:
    return event.kind in CAUSE_KINDS


@transaction.atomic
def event_causes_set(*, actor, event: Event, causes: Iterable[Term]) -> Event:
    """Set the event's causes. A retired cause the event already has may stay; no new one is added."""
    if not may_work_on(actor, event):
        raise PermissionDenied("Du har inte behörighet att ändra ärendet.")
    if not records_causes(event):
        raise ValidationError("Orsaker anges för avvikelser, lex Sarah och lex Maria.")
    event = Event.objects.select_for_update().get(pk=event.pk)
    wanted = {t.pk: t for t in Term.objects.filter(pk__in=[t.pk for t in causes])}  # as stored now
    current = {t.pk: t for t in event.causes.all()}
    added = [t for pk, t in wanted.items() if pk not in current]
    if any(t.scheme != CAUSE for t in wanted.values()):
        raise ValidationError("Okänd orsak.")
    if any(t.retired for t in added):
        raise ValidationError("En orsak som tagits ur bruk kan inte läggas till.")
    if wanted.keys() == current.keys():
        return event
    event.causes.set(wanted.values())
    audit_object(
        actor=actor,
        action=AuditAction.CHANGE,
        obj=event,
        detail={"fields": ["causes"], "causes": sorted(t.code for t in wanted.values())},
    )
    return event


def cause_counts(events: QuerySet[Event]) -> dict[str, int]:
    """Number of `events` per cause code (an event with two causes counts for both), for the
    aggregated analysis; a report section provider can add it to the figures as `by_cause`."""
    through = Event.causes.through
    rows = (
        through.objects.filter(event__in=events)
        .values_list("term__code")
        .annotate(n=Count("event_id", distinct=True))
        .values_list("term__code", "n")
    )
    return dict(sorted(rows))
