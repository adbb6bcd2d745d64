"""The "Följ upp på förekommen anledning" link on a klagomål or lex Sarah case in a provider's unit,
for the municipality's contract follow-up (registered in events' case-link hook from plugin.py)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from tillit.contracts.access import may_manage
from tillit.contracts.models import Contract

SOURCE_KINDS = frozenset({"klagomal", "lex_sarah", "lex_maria"})


def contracts_for_unit(unit_id: int):
    today = timezone.localdate()
    return (
        Contract.objects.filter(units=unit_id, valid_from__lte=today)
        .exclude(valid_to__lt=today)
        .select_related("provider")
        .order_by("code")
    )


def follow_up_link(user, event) -> tuple[str, str] | None:
    if event.kind not in SOURCE_KINDS or not may_manage(user):
        return None
    contract = next((c for c in contracts_for_unit(event.unit_id) if may_manage(user, c)), None)
    if contract is None:
        return None
    query = urlencode({"avtal": contract.pk, "arende": event.pk})
    return (
        f"Följ upp avtal {contract.code} på förekommen anledning",
        f"{reverse('contracts:follow_up_new')}?{query}",
    )
