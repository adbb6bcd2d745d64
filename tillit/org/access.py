"""The one place that answers "which objects may this user see or change".

Scope = the units at and below the user's assignments whose role holds the permission, narrowed to
the user's provider for provider staff. Objects outside it answer 404 and the denial is audited.

The operator rule (huvudmannen; "only the operator notifies"): a unit is *operated* by the provider
recorded on it or on the nearest unit above it, else by the municipality. An *operator permission*
(declared with `operator=True`: reading case files, investigating, deciding, notifying IVO) is held
in a unit only by the operator's own people: through an assignment whose unit has the same operator
as the unit, held by a user of that operator (provider staff for a provider's units, municipal
staff for the municipality's). So the municipality's roles, even at the top unit, never read or
work on a provider's cases, and a provider never reaches another provider's or the municipality's.
Ordinary permissions (reporting, aggregates, the organisation) keep the plain subtree rule.
A *municipal* permission (`municipal=True`: settings for the whole municipality) is never held by
a provider's staff.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import TypeVar

from django.db.models import Model, Q, QuerySet
from django.http import Http404

from tillit.audit.services import audit_permission_denied
from tillit.core.registry import permission as declared_permission
from tillit.org.models import Unit

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class _Assignment:
    role: str
    path: str
    operator: int | None  # provider id of the assignment's unit's operator; None: the municipality
    whole_provider: bool  # covers every unit the provider operates, wherever it sits in the tree


def operator_roots() -> list[tuple[str, int]]:
    """(path, provider id) of the units that name a provider, deepest first."""
    rows = Unit.objects.filter(provider__isnull=False).values_list("path", "provider_id")
    return sorted(rows, key=lambda row: -len(row[0]))


def operator_of_path(path: str, roots: list[tuple[str, int]]) -> int | None:
    """The provider id operating the unit at `path` (nearest unit naming one), None: the municipality."""
    return next((provider_id for root, provider_id in roots if path.startswith(root)), None)


def unit_provider_id(unit: Unit) -> int | None:
    """The provider that operates `unit` (inherited from the units above), None for the municipality."""
    return operator_of_path(unit.path, operator_roots())


def provider_operated_units() -> dict[int, int]:
    """unit id → provider id for every unit a provider runs (the purchaser's follow-up, reminders)."""
    roots = operator_roots()
    if not roots:
        return {}
    units = Unit.objects.filter(reduce(or_, (Q(path__startswith=root) for root, _ in roots)))
    return {pk: operator_of_path(path, roots) for pk, path in units.values_list("id", "path")}


def _roots(user) -> list[tuple[str, int]]:
    if "_tillit_operator_roots" not in user.__dict__:
        user.__dict__["_tillit_operator_roots"] = operator_roots()
    return user.__dict__["_tillit_operator_roots"]


def _assignments(user) -> list[_Assignment]:
    if "_tillit_assignments" not in user.__dict__:
        roots = _roots(user)
        user.__dict__["_tillit_assignments"] = [
            _Assignment(
                role=a.role,
                path=a.unit.path,
                operator=operator_of_path(a.unit.path, roots),
                whole_provider=a.whole_provider,
            )
            for a in user.assignments.select_related("unit")
        ]
    return user.__dict__["_tillit_assignments"]


def is_operator_permission(code: str) -> bool:
    return declared_permission(code).operator


def scope_unit_ids(user, permission: str, *, among: Iterable[str] | None = None) -> frozenset[int]:
    """Ids of the units where `user` holds `permission` (cached on the user object per request);
    with `among`, only through those of its roles (e.g. the roles that work on a workflow)."""
    declared = declared_permission(permission)
    if declared.municipal and getattr(user, "provider_id", None) is not None:
        return frozenset()  # the municipality's own settings: never a provider's
    roles = declared.roles if among is None else declared.roles & frozenset(among)
    return scope_unit_ids_for_roles(user, roles, operator=declared.operator)


def scope_unit_ids_for_roles(user, roles: Iterable[str], *, operator: bool = False) -> frozenset[int]:
    """Ids of the units at or below the user's assignments of any of `roles`, within their provider;
    `operator=True` applies the operator rule (see the module docstring)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cache: dict[tuple, frozenset[int]] = user.__dict__.setdefault("_tillit_scope_cache", {})
    wanted = {str(r) for r in roles}
    own_operator = user.provider_id
    matching = [a for a in _assignments(user) if a.role in wanted]
    if operator:
        matching = [a for a in matching if a.operator == own_operator]
    # Keyed by the matching assignments, not by the roles: the menu asks for many permissions, and
    # most resolve to the same one or two assignments (one query each, not one per permission).
    paths = frozenset(a.path for a in matching)
    providers = frozenset(a.operator for a in matching if a.whole_provider and a.operator is not None)
    key = (paths, providers, operator)
    if key in cache:
        return cache[key]
    ids: frozenset[int] = frozenset()
    if paths:
        roots = _roots(user)
        prefixes = set(paths) | {root for root, provider_id in roots if provider_id in providers}
        units = Unit.objects.filter(reduce(or_, (Q(path__startswith=p) for p in sorted(prefixes))))
        if operator or own_operator is not None:
            # Only the units the user's own operator runs (provider staff always; everyone for
            # operator permissions, where the municipality's staff keep to the municipality's units).
            ids = frozenset(
                pk
                for pk, path in units.values_list("id", "path")
                if operator_of_path(path, roots) == own_operator
                and (path.startswith(tuple(paths)) or operator_of_path(path, roots) in providers)
            )
        else:
            ids = frozenset(units.values_list("id", flat=True))
    cache[key] = ids
    return ids


def has_permission(user, permission: str, unit: Unit | int | None = None) -> bool:
    """True if `user` holds `permission` somewhere (unit=None) or in `unit`."""
    ids = scope_unit_ids(user, permission)
    if unit is None:
        return bool(ids)
    unit_id = unit if isinstance(unit, int) else unit.pk
    return unit_id in ids


def visible(user, permission: str, queryset: QuerySet[M], unit_field: str = "unit") -> QuerySet[M]:
    """Narrow `queryset` to objects whose `unit_field` lies in the user's scope for `permission`."""
    lookup = "id__in" if unit_field == "self" else f"{unit_field}__in"
    return queryset.filter(**{lookup: scope_unit_ids(user, permission)})


def get_scoped_or_404(user, permission: str, queryset: QuerySet[M], unit_field: str = "unit", **lookup) -> M:
    """Fetch one object in scope, or audit a permission denial and raise 404 (never 403: no leaks)."""
    try:
        return visible(user, permission, queryset, unit_field).get(**lookup)
    except queryset.model.DoesNotExist:
        audit_permission_denied(actor=user, permission=permission, object_type=queryset.model._meta.label_lower)
        raise Http404 from None


def clear_scope_cache(user) -> None:
    user.__dict__.pop("_tillit_scope_cache", None)
    user.__dict__.pop("_tillit_assignments", None)
    user.__dict__.pop("_tillit_operator_roots", None)
