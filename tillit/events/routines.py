"""The routines an investigation found were not followed (SOSFS 2011:9 6 kap.: staff work by the
routines), cited from the fastställda routines that apply in the case's unit. Styrande dokument
see only how many investigations cite each routine (`citation_count`), never which."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet

from tillit.audit.models import AuditAction
from tillit.audit.services import audit_object
from tillit.documents.models import Document, DocumentType
from tillit.documents.selectors import documents_applying_to
from tillit.events.causes import CAUSE_KINDS
from tillit.events.models import Event
from tillit.events.services import may_work_on


def cites_routines(event: Event) -> bool:
    """Avvikelse, lex Sarah and lex Maria investigations may cite routines that were not followed."""
    return event.kind in CAUSE_KINDS


def routine_choices(event: Event) -> QuerySet[Document]:
    """The fastställda routines that apply in the event's unit, and those the event already cites."""
    applying = documents_applying_to(event.unit).filter(doc_type=DocumentType.RUTIN).order_by().values("pk")
    cited = Event.cited_routines.through.objects.filter(event_id=event.pk).values("document_id")
    return Document.objects.filter(Q(pk__in=applying) | Q(pk__in=cited)).order_by("code")


@transaction.atomic
def event_routines_set(*, actor, event: Event, routines: Iterable[Document]) -> Event:
    """Set the routines the investigation cites (a routine cited before may stay when it no longer
    applies; a new one must apply in the unit and be fastställd)."""
    if not may_work_on(actor, event):
        raise PermissionDenied("Du har inte behörighet att ändra ärendet.")
    if not cites_routines(event):
        raise ValidationError("Rutiner som inte följts anges i utredningar av avvikelser, lex Sarah och lex Maria.")
    if event.closed_on:
        raise ValidationError("Ärendet är avslutat.")
    event = Event.objects.select_for_update().get(pk=event.pk)
    wanted = {d.pk for d in routines}
    current = set(event.cited_routines.values_list("pk", flat=True))
    if wanted == current:
        return event
    allowed = set(routine_choices(event).values_list("pk", flat=True))
    if wanted - allowed:
        raise ValidationError("Välj bland de fastställda rutiner som gäller i enheten.")
    event.cited_routines.set(wanted)
    audit_object(
        actor=actor,
        action=AuditAction.CHANGE,
        obj=event,
        detail={"fields": ["cited_routines"], "cited_routines": sorted(wanted)},
    )
    return event


def citation_count(document_id: int) -> int:
    """How many investigations cite the routine (a count only; no case is named)."""
    return Event.cited_routines.through.objects.filter(document_id=document_id).count()
