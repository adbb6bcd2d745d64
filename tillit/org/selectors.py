from __future__ import annotations

from django.db.models import Count, Prefetch, QuerySet

from tillit.org.access import get_scoped_or_404, scope_unit_ids, visible
from tillit.org.models import Provider, Unit


def units_visible(user) -> QuerySet[Unit]:
    return visible(user, "unit.view", Unit.objects.all(), unit_field="self").select_related("provider")


def unit_for_user_or_404(user, pk: int, permission: str = "unit.view") -> Unit:
    queryset = Unit.objects.select_related("provider", "parent").annotate(event_count=Count("events"))
    return get_scoped_or_404(user, permission, queryset, unit_field="self", pk=pk)


def manageable_units(user, *, open_only: bool = False) -> QuerySet[Unit]:
    units = Unit.objects.filter(id__in=scope_unit_ids(user, "unit.manage")).order_by("path")
    return units.filter(closed_on__isnull=True) if open_only else units


def providers_with_visible_units(user) -> QuerySet[Provider]:
    """Every provider, each with only the units `user` may see (the names of others' units stay hidden)."""
    units = visible(user, "unit.view", Unit.objects.order_by("path"), unit_field="self")
    return Provider.objects.prefetch_related(Prefetch("units", queryset=units))
