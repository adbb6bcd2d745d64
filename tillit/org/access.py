"""The one place that answers "which objects may this user see or change".

Scope = the units at and below the user's assignments whose role holds the permission, narrowed to
the user's provider for provider staff. Objects outside it answer 404 and the denial is audited.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import reduce
from operator import or_
from typing import TypeVar

from django.db.models import Model, Q, QuerySet
from django.http import Http404

from tillit.audit.services import audit_permission_denied
from tillit.core.registry import roles_with
from tillit.org.models import Unit

M = TypeVar("M", bound=Model)


def scope_unit_ids(user, permission: str) -> frozenset[int]:
    """Ids of the units where `user` holds `permission` (cached on the user object per request)."""
    return scope_unit_ids_for_roles(user, roles_with(permission))


def scope_unit_ids_for_roles(user, roles: Iterable[str]) -> frozenset[int]:
    """Ids of the units at or below the user's assignments of any of `roles`, within their provider."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cache: dict[frozenset[str], frozenset[int]] = user.__dict__.setdefault("_tillit_scope_cache", {})
    if "_tillit_assignments" not in user.__dict__:
        user.__dict__["_tillit_assignments"] = [(a.role, a.unit.path) for a in user.assignments.select_related("unit")]
    wanted = {str(r) for r in roles}
    # Keyed by the matching assignments' paths, not by the roles: the menu asks for many
    # permissions, and most resolve to the same one or two assignments (one query each, not one
    # per permission).
    paths = frozenset(path for role, path in user.__dict__["_tillit_assignments"] if role in wanted)
    if paths in cache:
        return cache[paths]
    ids: frozenset[int] = frozenset()
    if paths:
        units = Unit.objects.filter(reduce(or_, (Q(path__startswith=p) for p in sorted(paths))))
        if user.provider_id is not None:
            units = units.filter(provider_id=user.provider_id)
        ids = frozenset(units.values_list("id", flat=True))
    cache[paths] = ids
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
