"""Who may do what with a contract: the one place that answers it for the contracts app.

A contract covers units of one provider. The municipality's side (`contract.manage`: plan and carry
out follow-ups, require measures, judge answers) is held by the municipality's own staff only
(users without a provider). The provider's side (`contract.answer`: answer the required measures)
is held by the contract's own provider's staff only: a municipal chef whose scope happens to cover
a provider's unit never answers for the provider, and a provider never sees another's contract.
"""

from __future__ import annotations

from collections.abc import Iterable

from tillit.core.registry import roles_with
from tillit.org.access import scope_unit_ids, scope_unit_ids_for_roles

MANAGE, VIEW, ANSWER = "contract.manage", "contract.view", "contract.answer"


def contract_unit_ids(contract) -> frozenset[int]:
    """The ids of the contract's units (cached on the object)."""
    if "_unit_ids" not in contract.__dict__:
        contract.__dict__["_unit_ids"] = frozenset(u.pk for u in contract.units.all())
    return contract.__dict__["_unit_ids"]


def _provider_id(user):
    return getattr(user, "provider_id", None)


def _on_side(user, contract) -> bool:
    """Municipal staff, or the contract's own provider's staff."""
    provider_id = _provider_id(user)
    return provider_id is None or provider_id == contract.provider_id


def may_view(user, contract) -> bool:
    return _on_side(user, contract) and bool(scope_unit_ids(user, VIEW) & contract_unit_ids(contract))


def may_manage(user, contract=None) -> bool:
    """The municipality's follow-up: somewhere (contract=None) or for `contract`."""
    if _provider_id(user) is not None:
        return False
    scope = scope_unit_ids(user, MANAGE)
    return bool(scope) if contract is None else bool(scope & contract_unit_ids(contract))


def may_answer(user, contract) -> bool:
    """The contract's provider's staff with `contract.answer` in one of its units."""
    provider_id = _provider_id(user)
    if provider_id is None or provider_id != contract.provider_id:
        return False
    return bool(scope_unit_ids(user, ANSWER) & contract_unit_ids(contract))


def may_act(actor, contract, roles: Iterable) -> bool:
    """The workflow engine's check for a follow-up's or a measure's transition declared for `roles`:
    the municipality's staff act through the municipal roles, the provider's staff through the
    provider's, each only within the contract's units."""
    provider_id = _provider_id(actor)
    if provider_id is None:
        side = roles_with(MANAGE)
    elif provider_id == contract.provider_id:
        side = roles_with(ANSWER)
    else:
        return False
    wanted = frozenset(str(r) for r in roles) & frozenset(str(r) for r in side)
    return bool(wanted and scope_unit_ids_for_roles(actor, wanted) & contract_unit_ids(contract))
