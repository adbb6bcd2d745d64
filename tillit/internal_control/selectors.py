"""Reads for internkontroll: the plans a user may see (a plan belongs to the nämnd's top unit, so
the scope is the users' assignments at that unit)."""

from __future__ import annotations

from django.db.models import QuerySet

from tillit.internal_control.models import ControlPlan, ControlPoint
from tillit.org.access import get_scoped_or_404, has_permission, scope_unit_ids, visible
from tillit.org.models import Unit

VIEW, MANAGE, REPORT = "internal_control.view", "internal_control.manage", "internal_control.report"


def can_view(user) -> bool:
    return has_permission(user, VIEW)


def can_manage(user, unit=None) -> bool:
    return has_permission(user, MANAGE, unit)


def plans_visible(user) -> QuerySet[ControlPlan]:
    return visible(user, VIEW, ControlPlan.objects.select_related("unit", "matrix"))


def plans_reported(user) -> QuerySet[ControlPlan]:
    """The plans whose follow-up report the user may read (nämnd and ledning included)."""
    return visible(user, REPORT, ControlPlan.objects.select_related("unit", "matrix"))


def plan_for_user_or_404(user, pk: int) -> ControlPlan:
    return get_scoped_or_404(user, VIEW, ControlPlan.objects.select_related("unit", "matrix", "previous"), pk=pk)


def points_visible(user) -> QuerySet[ControlPoint]:
    return visible(user, VIEW, ControlPoint.objects.all(), unit_field="plan__unit")


def plan_points(plan: ControlPlan) -> list[ControlPoint]:
    points = list(plan.points.select_related("carried_from__plan").prefetch_related("carried_to"))
    for point in points:
        point.plan = plan  # the matrix is loaded once
    return points


def top_units(user) -> QuerySet[Unit]:
    return Unit.objects.filter(id__in=scope_unit_ids(user, MANAGE), parent__isnull=True).order_by("name")
