from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, QuerySet

from tillit.org.access import get_scoped_or_404, has_permission, provider_operated_units, scope_unit_ids, visible
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


def may_set_provider_terms(user, provider: Provider) -> bool:
    """Who sets what a provider shares with the municipality: unit.manage, or the municipality's
    contract follow-up (provider.follow_up) in one of the provider's units (not the provider itself)."""
    if getattr(user, "provider_id", None) is not None:
        return False
    if has_permission(user, "unit.manage"):
        return True
    operated = {pk for pk, provider_id in provider_operated_units().items() if provider_id == provider.pk}
    return bool(operated & scope_unit_ids(user, "provider.follow_up"))


@dataclass(frozen=True)
class Operator:
    """Who runs a unit's activity (huvudman): the municipality and its nämnd, inherited from the units
    above, or for purchased care the provider (utförare) under contract with that nämnd."""

    municipality: str = ""
    namnd: str = ""
    provider: str = ""

    @property
    def public_body(self) -> str:
        """ "Socialnämnden, Exempelby kommun" (what is known of it; blank when nothing is recorded)."""
        return ", ".join(part for part in (self.namnd, self.municipality) if part)

    @property
    def name(self) -> str:
        """The operator IVO needs: the provider for a private provider's unit, else nämnd and kommun."""
        return self.provider or self.public_body


def unit_operator(unit: Unit) -> Operator:
    """The operator of `unit`: each of kommun, nämnd and utförare from the nearest unit (itself or
    above) that records it."""
    ids = unit.ancestor_ids() or [unit.pk]
    chain = {u.pk: u for u in Unit.objects.filter(pk__in=ids).select_related("provider")}
    nearest_first = [chain[pk] for pk in reversed(ids) if pk in chain]

    def nearest(get) -> str:
        return next((value for u in nearest_first if (value := get(u))), "")

    return Operator(
        municipality=nearest(lambda u: u.municipality),
        namnd=nearest(lambda u: u.namnd),
        provider=nearest(lambda u: u.provider.name if u.provider_id else ""),
    )
