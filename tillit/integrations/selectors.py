"""What an integration may see: its units and the units below them."""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.db.models import Q, QuerySet

from tillit.integrations.models import Integration
from tillit.org.access import operator_of_path, operator_roots
from tillit.org.models import Unit


def integration_unit_ids(integration: Integration) -> frozenset[int]:
    cached = integration.__dict__.get("_unit_ids")
    if cached is not None:
        return cached
    paths = list(integration.units.values_list("path", flat=True))
    ids: frozenset[int] = frozenset()
    if paths:
        units = Unit.objects.filter(reduce(or_, (Q(path__startswith=p) for p in paths)))
        # The operator rule (tillit.org.access): an integration reads and files the cases of its own
        # operator's units only — a provider's system its provider's, the municipality's system the
        # municipality's (never a provider's case files, even from the top unit).
        roots = operator_roots()
        operator = integration.user.provider_id
        ids = frozenset(pk for pk, path in units.values_list("id", "path") if operator_of_path(path, roots) == operator)
    integration.__dict__["_unit_ids"] = ids
    return ids


def integration_units(integration: Integration) -> QuerySet[Unit]:
    return Unit.objects.filter(id__in=integration_unit_ids(integration)).order_by("path")
