"""The `internal_control` figures of the yearly report (docs/figures.md)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.db.models import Q

from tillit.internal_control.models import ControlOutcome, ControlPoint, ControlStatus


def internal_control_figures(*, scope, year: int) -> dict[str, Any]:
    """Points of the year's plans of the scope unit and the units below it (a nämnd is a top unit),
    or, for a scope below the nämnd, of its nämnd's plan."""
    top_id = int(scope.path.strip("/").split("/")[0])
    points = list(
        ControlPoint.objects.filter(plan__year=year)
        .filter(Q(plan__unit__path__startswith=scope.path) | Q(plan__unit_id=top_id))
        .order_by("plan__unit__path", "code")
        .values("id", "code", "title", "status", "outcome")
    )
    carried = set(
        ControlPoint.objects.filter(carried_from_id__in=[p["id"] for p in points]).values_list(
            "carried_from_id", flat=True
        )
    )
    status = Counter(p["status"] for p in points)
    outcome = Counter(p["outcome"] for p in points if p["outcome"])
    return {
        "internal_control": {
            "points": len(points),
            "by_status": {code: status.get(code, 0) for code in ControlStatus.values},
            "by_outcome": {code: outcome.get(code, 0) for code in ControlOutcome.values},
            "carried_over": len(carried),
        },
        # For the section's table: the points' codes, titles and results (no persons, no comments).
        "internal_control_points": [
            {k: p[k] for k in ("code", "title", "status", "outcome")} | {"carried_over": p["id"] in carried}
            for p in points
        ],
    }
