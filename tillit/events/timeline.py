"""The case page's timeline: states, entries and actions in one chronological list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from django.db.models import Count, Max, Min
from django.utils import timezone

from tillit.audit.models import AuditAction, AuditEvent
from tillit.events.checklists import topic_labels
from tillit.events.models import Event
from tillit.workflow.declaration import workflow


@dataclass
class TimelineItem:
    at: datetime
    kind: str  # "state" | "entry" | "action"
    title: str
    text: str = ""
    who: str = ""
    note: str = ""


def timeline_for(event: Event) -> list[TimelineItem]:
    items: list[TimelineItem] = []
    history = [event.converted_from, event] if event.converted_from_id else [event]
    for source in history:
        for t in source.transitions.select_related("actor"):
            label = workflow(source.kind).states[t.to_state].label
            items.append(
                TimelineItem(
                    at=t.at,
                    kind="state",
                    title=f"{source.reference}: {label}" if source is not event else label,
                    text=t.comment,
                    who=t.actor.display_name if t.actor else "",
                )
            )
    tz = timezone.get_current_timezone()
    labels = topic_labels()
    for entry in event.entries.all():
        items.append(
            TimelineItem(
                at=max(entry.created_at, datetime.combine(entry.entry_date, time(0), tz)),
                kind="entry",
                title=labels.get(entry.topic, entry.topic),
                text=entry.text,
                who=f"{entry.author_name}, {entry.author_title}" if entry.author_title else entry.author_name,
                note=("Faktauppgift" if entry.is_fact else "Bedömning") + f" · {entry.entry_date:%Y-%m-%d}",
            )
        )
    for action in event.actions.select_related("owner"):
        items.append(
            TimelineItem(
                at=action.created_at,
                kind="action",
                title=f"Åtgärd: {action.get_action_type_display()}",
                text=action.description,
                who=action.owner.display_name,
                note=f"{action.get_status_display()} · klart senast {action.due_on:%Y-%m-%d}",
            )
        )
    return sorted(items, key=lambda item: item.at)


@dataclass
class Reader:
    """Who read a case: one row per person, with how many times and when first and last."""

    name: str
    reads: int
    first_at: datetime
    last_at: datetime


def case_readers(event: Event, *, limit: int = 100) -> list[Reader]:
    """The reads of `event` in the audit trail, grouped by person, the most recent reader first."""
    rows = (
        AuditEvent.objects.filter(object_type="events.event", object_id=str(event.pk), action=AuditAction.READ)
        .values("actor_id", "actor__first_name", "actor__last_name", "actor__username")
        .annotate(reads=Count("id"), first_at=Min("at"), last_at=Max("at"))
        .order_by("-last_at")[:limit]
    )
    readers = []
    for row in rows:
        if row["actor_id"] is None:
            name = "Integration"
        else:
            full = f"{row['actor__first_name']} {row['actor__last_name']}".strip()
            name = full or row["actor__username"]
        readers.append(Reader(name=name, reads=row["reads"], first_at=row["first_at"], last_at=row["last_at"]))
    return readers
