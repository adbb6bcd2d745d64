"""The `providers` figures of the yearly report (docs/figures.md): per provider with units in the
scope, its lex Sarah cases (the provider is the operator of its units) and the municipality's
follow-up of its contracts. Counts only."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from django.db.models import Count, Q

from tillit.contracts.models import Finding, FindingResult, FollowUp, RequiredMeasure
from tillit.events.models import Event, EventKind, Outcome
from tillit.org.models import Unit

KEYS = (
    "lex_sarah_reports",
    "lex_sarah_investigations",
    "ivo_notified",
    "follow_ups",
    "deficiencies",
    "measures_open",
    "measures_closed",
)
# Closed without an utredning: not an investigation received.
NOT_INVESTIGATED = (Outcome.EJ_UTREDD, Outcome.OMVANDLAD_TILL_AVVIKELSE)


def providers_figures(*, scope, year: int) -> dict[str, Any]:
    units = Unit.objects.filter(path__startswith=scope.path, provider__isnull=False).values_list(
        "id", "provider__code", "provider__name"
    )
    provider_of: dict[int, str] = {}
    names: dict[str, str] = {}
    for unit_id, code, name in units:
        provider_of[unit_id] = code
        names[code] = name
    result: dict[str, dict[str, int]] = {code: dict.fromkeys(KEYS, 0) for code in sorted(names)}
    if not provider_of:
        return {"providers": {}, "provider_names": {}}
    lex_sarah = Event.objects.filter(kind=EventKind.LEX_SARAH, unit_id__in=list(provider_of))
    reported = (
        lex_sarah.filter(reported_on__year=year)
        .values("unit_id")
        .annotate(n=Count("id"), ivo=Count("id", filter=Q(ivo_notified_on__isnull=False)))
    )
    for row in reported:
        counts = result[provider_of[row["unit_id"]]]
        counts["lex_sarah_reports"] += row["n"]
        counts["ivo_notified"] += row["ivo"]
    closed = (
        lex_sarah.filter(closed_on__year=year)
        .exclude(outcome__in=NOT_INVESTIGATED)
        .values("unit_id")
        .annotate(n=Count("id"))
    )
    for row in closed:
        result[provider_of[row["unit_id"]]]["lex_sarah_investigations"] += row["n"]
    follow_ups = list(
        FollowUp.objects.filter(
            performed_on__year=year, contract__provider__code__in=list(names), contract__units__in=list(provider_of)
        )
        .distinct()
        .values_list("id", "contract__provider__code")
    )
    provider_of_follow_up = dict(follow_ups)
    for code in provider_of_follow_up.values():
        result[code]["follow_ups"] += 1
    ids = list(provider_of_follow_up)
    deficiencies = Counter(
        provider_of_follow_up[f]
        for f in Finding.objects.filter(follow_up_id__in=ids, result=FindingResult.BRIST).values_list(
            "follow_up_id", flat=True
        )
    )
    measures: dict[str, Counter] = defaultdict(Counter)
    for follow_up_id, state in RequiredMeasure.objects.filter(follow_up_id__in=ids).values_list(
        "follow_up_id", "state"
    ):
        measures[provider_of_follow_up[follow_up_id]][state == "godkand"] += 1
    for code, counts in result.items():
        counts["deficiencies"] = deficiencies.get(code, 0)
        counts["measures_open"] = measures[code][False]
        counts["measures_closed"] = measures[code][True]
    return {"providers": result, "provider_names": {code: names[code] for code in result}}
