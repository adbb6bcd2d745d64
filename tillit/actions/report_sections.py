"""The åtgärder's part of the yearly reports: `actions_by_type` in the figures and a sentence in
the Sammanfattning (see tillit.core.reporting)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count

from tillit.actions.models import Action
from tillit.classification.schemes import ACTION_TYPE
from tillit.classification.selectors import labels
from tillit.core.reporting import ReportProvider, register_report_provider


def action_figures(*, scope, year: int) -> dict[str, Any]:
    """Actions linked to the year's events in the scope (the year of the event's `reported_on`)."""
    counts = (
        Action.objects.filter(event__unit__path__startswith=scope.path, event__reported_on__year=year)
        .values_list("action_type")
        .annotate(n=Count("id"))
        .values_list("action_type", "n")
    )
    return {"actions_by_type": dict(sorted(counts))}


def actions_paragraph(figures: dict[str, Any]) -> str:
    actions = figures.get("actions_by_type", {})
    if not actions:
        return "Inga åtgärder har registrerats kopplade till årets händelser."
    # Labels from the classification data: an action type an administrator added has a label too.
    names = labels(ACTION_TYPE)
    parts = sorted(((n, names.get(code, code).lower()) for code, n in actions.items()), reverse=True)
    return "Åtgärder som vidtagits: " + ", ".join(f"{label} ({n})" for n, label in parts) + "."


register_report_provider(
    __name__,
    ReportProvider(
        key="actions",
        order=20,  # after the events: its sentence closes the Sammanfattning
        figures=action_figures,
        summary=lambda figures: [actions_paragraph(figures)],
    ),
)
