"""Reminders about event deadlines: overdue and soon-due, to the responsible person, or — while
nobody is responsible — to the nearest users who may make the next step of the case's workflow."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.urls import reverse

from tillit.accounts.models import RoleAssignment
from tillit.core.registry import Reminder
from tillit.events.models import Event, EventDeadline
from tillit.workflow.deadlines import due_soon_q, is_overdue
from tillit.workflow.declaration import workflow

WARN_DAYS = 1


def next_step_recipients(event: Event) -> list[int]:
    """Active users holding a role of a transition out of the event's state, at the unit or the
    nearest unit above it that has such users (a lex Sarah case goes to its investigators, never
    to an enhetschef who cannot receive it)."""
    roles = {str(r) for r in workflow(event.kind).roles_from(event.state)}
    ancestors = [int(p) for p in event.unit.path.strip("/").split("/")]
    holders = (
        RoleAssignment.objects.filter(unit_id__in=ancestors, role__in=roles, user__is_active=True)
        .values_list("unit_id", "user_id")
        .order_by("user_id")
    )
    by_unit: dict[int, list[int]] = {}
    for unit_id, user_id in holders:
        by_unit.setdefault(unit_id, []).append(user_id)
    for unit_id in reversed(ancestors):
        if by_unit.get(unit_id):
            return sorted(set(by_unit[unit_id]))
    return []


def deadline_reminders(today: date) -> Iterator[Reminder]:
    deadlines = (
        EventDeadline.objects.filter(due_soon_q(today, within_days=WARN_DAYS))
        .filter(event__closed_on__isnull=True)
        .select_related("event", "event__unit")
    )
    for deadline in deadlines.iterator(chunk_size=500):
        event = deadline.event
        state = "forsenad" if is_overdue(deadline.due_on, deadline.met_on, today) else "snart"
        verb = "har passerat" if state == "forsenad" else "går ut"
        yield Reminder(
            recipient_ids=[event.responsible_id] if event.responsible_id else next_step_recipients(event),
            key=f"deadline:{deadline.pk}:{deadline.code}:{state}",
            message=f"{event.reference}: tidsfristen ”{deadline.label}” {verb} {deadline.due_on:%Y-%m-%d}",
            url=reverse("events:event_detail", args=[event.pk]),
        )
