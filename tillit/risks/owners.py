"""Who may own a measure (åtgärd) on a risk: users holding a riskanalys role at or above its unit."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from tillit.core.registry import roles_with


def measure_owners(risk) -> QuerySet:
    unit_ids = risk.analysis.unit.ancestor_ids()
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            assignments__unit_id__in=unit_ids,
            assignments__role__in=[str(r) for r in roles_with("risk.manage")],
        )
        .distinct()
        .order_by("first_name", "last_name")
    )
