"""Reads for user administration and the access review, scoped to the administrator's units."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from tillit.accounts.models import RoleAssignment, User
from tillit.org.access import scope_unit_ids
from tillit.org.models import Unit


def manageable_units(actor) -> QuerySet[Unit]:
    return Unit.objects.filter(id__in=scope_unit_ids(actor, "user.manage")).order_by("path")


def users_visible(actor, *, q: str = "", role: str = "", inactive: bool = False) -> QuerySet[User]:
    """Users with an assignment in the administrator's scope, and users with none yet (just created)."""
    units = scope_unit_ids(actor, "user.manage")
    users = User.objects.filter(Q(assignments__unit_id__in=units) | Q(assignments__isnull=True)).distinct()
    if not inactive:
        users = users.filter(is_active=True)
    if q:
        users = users.filter(Q(username__icontains=q) | Q(first_name__icontains=q) | Q(last_name__icontains=q))
    if role:
        users = users.filter(assignments__role=role)
    assignments = RoleAssignment.objects.select_related("unit").order_by("role", "unit__path")
    return users.select_related("provider").prefetch_related(Prefetch("assignments", queryset=assignments))


def assignments_for_review(actor) -> QuerySet[RoleAssignment]:
    """Every active user's assignment in scope: who holds which role where, granted by whom and when."""
    return (
        RoleAssignment.objects.filter(unit_id__in=scope_unit_ids(actor, "access_review.manage"), user__is_active=True)
        .select_related("user", "unit", "created_by", "user__provider")
        .order_by("user__last_name", "user__username", "role")
    )
