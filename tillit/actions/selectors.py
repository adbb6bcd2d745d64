from __future__ import annotations

from django.db.models import QuerySet

from tillit.actions.models import Action, ActionStatus


def open_actions_for(user) -> QuerySet[Action]:
    """The user's own open actions, the most overdue first."""
    return (
        Action.objects.filter(owner=user, status__in=[ActionStatus.PLANERAD, ActionStatus.PAGAENDE])
        .select_related("event", "unit")
        .order_by("due_on", "id")
    )
