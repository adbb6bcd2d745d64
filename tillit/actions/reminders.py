"""Reminders to an åtgärd's owner: the action is past its due date, or its effect follow-up is due.
The link is the source's page from its registration; the message names only the source's reference."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from tillit.actions.models import OPEN_STATUSES, Action, ActionStatus
from tillit.core.registry import Reminder


def _reference(action: Action) -> str:
    return action.source_reference or "Åtgärd"


def overdue_action_reminders(today: date) -> Iterator[Reminder]:
    actions = Action.objects.filter(status__in=OPEN_STATUSES, due_on__lt=today).select_related("source_type")
    for action in actions.iterator(chunk_size=500):
        yield Reminder(
            recipient_ids=[action.owner_id],
            key=f"action:{action.pk}:forsenad",
            message=f"{_reference(action)}: åtgärden skulle ha varit klar {action.due_on:%Y-%m-%d}",
            url=action.source_url,
        )


def effect_followup_reminders(today: date) -> Iterator[Reminder]:
    """Completed actions whose planned effect follow-up date has come and that are not followed up.
    The key holds the planned date, so moving the date gives a new reminder when the new one comes."""
    actions = Action.objects.filter(
        status=ActionStatus.GENOMFORD, effect="", effect_followup_due__lte=today
    ).select_related("source_type")
    for action in actions.iterator(chunk_size=500):
        yield Reminder(
            recipient_ids=[action.owner_id],
            key=f"action:{action.pk}:effekt:{action.effect_followup_due:%Y%m%d}",
            message=f"{_reference(action)}: dags att följa upp effekten av åtgärden "
            f"(planerat {action.effect_followup_due:%Y-%m-%d})",
            url=action.source_url,
        )
