"""Who is told about a contract's measures: the provider's utförarkontakter for the contract's units."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from tillit.contracts.access import contract_unit_ids
from tillit.core.roles import Role
from tillit.org.access import scope_unit_ids_for_roles


def provider_contacts(contract) -> list:
    """Active staff of the contract's provider holding utförarkontakt in one of its units."""
    units = contract_unit_ids(contract)
    candidates = (
        get_user_model()
        .objects.filter(is_active=True, provider_id=contract.provider_id, assignments__role=Role.UTFORARKONTAKT)
        .distinct()
        .order_by("pk")
    )
    return [user for user in candidates if scope_unit_ids_for_roles(user, {Role.UTFORARKONTAKT}) & units]
