"""What an integration may see: its units and the units below them."""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.db.models import Q, QuerySet

from tillit.integrations.models import Integration
from tillit.org.models import Unit


def integration_unit_ids(integration: Integration) -> frozenset[int]:
    cached = integration.__dict__.get("_unit_ids")
    if cached is not None:
        return cached
    paths = list(integration.units.values_list("path", flat=True))
    ids: frozenset[int] = frozenset()
    if paths:
        units = Unit.objects.filter(reduce(or_, (Q(path__startswith=p) for p in paths)))
        if integration.user.provider_id is not None:
            units = units.filter(provider_id=integration.user.provider_id)
        ids = frozenset(units.values_list("id", flat=True))
    integration.__dict__["_unit_ids"] = ids
    return ids


def integration_units(integration: Integration) -> QuerySet[Unit]:
    return Unit.objects.filter(id__in=integration_unit_ids(integration)).order_by("path")
