"""The case page's timeline: states, entries and actions in one chronological list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time

from django.utils import timezone

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
