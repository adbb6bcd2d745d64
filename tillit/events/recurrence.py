"""Liknande händelser tidigare: events in the same unit and category reported within a window before
this one (all kinds). The window is the municipality's service level (default 90 days), not law.

Shown on the case page and as a hint for the "har det hänt tidigare" part of an investigation and
the IVO anmälan. Links go only to cases the viewer may read (`events_readable`); the rest are
counted. One count and one short list, on the index (unit, category, reported_on).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q

from tillit.audit.models import AuditAction
from tillit.audit.services import audit_record
from tillit.events.models import Event
from tillit.events.selectors import events_readable
from tillit.org.access import has_permission
from tillit.workflow.models import DeadlineSetting

# Kept with the other service levels (workflow.DeadlineSetting) under a key no workflow uses.
SETTING_KEY, SETTING_CODE = "handelser", "liknande_handelser"
DEFAULT_WINDOW_DAYS = 90
MAX_LINKS = 10
# Investigations whose "har det hänt tidigare" part gets the prefill (lex Sarah: SOSFS 2011:5 5 kap.).
RECURRENCE_PREFILL_KINDS = ("avvikelse", "lex_sarah")


def window_days() -> int:
    setting = DeadlineSetting.objects.filter(workflow=SETTING_KEY, code=SETTING_CODE).only("days").first()
    return setting.days if setting else DEFAULT_WINDOW_DAYS


@transaction.atomic
def recurrence_window_set(*, actor, days: int) -> int:
    """Set how many days back "liknande händelser tidigare" looks (event.configure)."""
    if not has_permission(actor, "event.configure"):
        raise PermissionDenied
    if not 7 <= days <= 730:
        raise ValidationError("Ange ett antal dagar mellan 7 och 730.")
    if days == DEFAULT_WINDOW_DAYS:
        DeadlineSetting.objects.filter(workflow=SETTING_KEY, code=SETTING_CODE).delete()
    else:
        DeadlineSetting.objects.update_or_create(workflow=SETTING_KEY, code=SETTING_CODE, defaults={"days": days})
    audit_record(
        actor=actor,
        action=AuditAction.CHANGE,
        object_type="workflow.deadlinesetting",
        object_id=f"{SETTING_KEY}:{SETTING_CODE}",
        detail={"days": days},
    )
    return days


@dataclass(frozen=True)
class Recurrence:
    days: int
    count: int
    linked: list[Event]  # the latest ones the viewer may read (at most MAX_LINKS)

    @property
    def hidden(self) -> int:
        """Similar events counted but not linked (not readable by the viewer, or beyond the list)."""
        return self.count - len(self.linked)

    @property
    def sentence(self) -> str:
        """For the investigation and the IVO anmälan: counts only, no case content."""
        if not self.count:
            return f"Inga liknande händelser (samma enhet och kategori) de senaste {self.days} dagarna."
        return (
            f"Liknande händelser tidigare: {self.count} de senaste {self.days} dagarna "
            "(samma enhet och kategori, enligt Tillit)."
        )


def _earlier_similar(event: Event, days: int) -> Q:
    """Same unit and category, reported before `event` (same day: filed before it) within `days`."""
    return Q(
        unit_id=event.unit_id,
        category_id=event.category_id,
        reported_on__gte=event.reported_on - timedelta(days=days),
    ) & (Q(reported_on__lt=event.reported_on) | Q(reported_on=event.reported_on, pk__lt=event.pk))


def similar_earlier(user, event: Event) -> Recurrence | None:
    """The earlier similar events (None when the event has no category). Three queries."""
    if event.category_id is None:
        return None
    days = window_days()
    condition = _earlier_similar(event, days)
    count = Event.objects.filter(condition).count()
    linked = (
        list(
            events_readable(user)
            .filter(condition)
            .order_by("-reported_on", "-pk")
            .only("pk", "reference", "kind", "reported_on")[:MAX_LINKS]
        )
        if count
        else []
    )
    return Recurrence(days=days, count=count, linked=linked)
