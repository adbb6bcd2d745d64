"""Reminders about åtgärder past their due date, to their owner."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.urls import reverse

from tillit.actions.models import Action, ActionStatus
from tillit.core.registry import Reminder


def overdue_action_reminders(today: date) -> Iterator[Reminder]:
    actions = Action.objects.filter(
        status__in=[ActionStatus.PLANERAD, ActionStatus.PAGAENDE], due_on__lt=today
    ).select_related("event")
    for action in actions.iterator(chunk_size=500):
        reference = action.event.reference if action.event else "Åtgärd"
        yield Reminder(
            recipient_ids=[action.owner_id],
            key=f"action:{action.pk}:forsenad",
            message=f"{reference}: åtgärden skulle ha varit klar {action.due_on:%Y-%m-%d}",
            url=reverse("events:event_detail", args=[action.event_id]) if action.event_id else "",
        )
