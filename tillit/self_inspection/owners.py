"""Who may be made responsible for an åtgärd on a round's findings: the keepers of egenkontroll in
the round's unit and above."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from tillit.core.registry import roles_with


def round_owners(round_):
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            assignments__unit_id__in=round_.unit.ancestor_ids(),
            assignments__role__in=[str(r) for r in roles_with("self_inspection.manage")],
        )
        .distinct()
        .order_by("first_name", "last_name")
    )
