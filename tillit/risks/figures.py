"""The `risk` figures of the yearly report (docs/figures.md): only counts and codes, no free text."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q

from tillit.actions.models import OPEN_STATUSES, Action, ActionStatus
from tillit.risks.models import Reason, Risk, RiskAnalysis


def risk_figures(*, scope, year: int) -> dict[str, Any]:
    """Analyses dated in `year` in the scope (the scope unit and below), and their risks."""
    analyses = RiskAnalysis.objects.filter(unit__path__startswith=scope.path, analysed_on__year=year)
    return {"risk": analyses_summary(analyses)}


def analyses_summary(analyses) -> dict[str, Any]:
    """The counts of the `risk` figures for a queryset of analyses (also the results a provider
    shares with the purchaser under a contract): only counts and codes, no free text."""
    by_reason = Counter(analyses.values_list("reason", flat=True))
    risks = list(Risk.objects.filter(analysis__in=analyses).select_related("analysis__matrix"))
    before: Counter[str] = Counter()
    after: Counter[str] = Counter()
    over = {"before": 0, "after": 0}
    for risk in risks:
        data = risk.analysis.matrix.data
        before[risk.level.code] += 1
        over["before"] += data.follow_up(risk.probability, risk.consequence)
        if risk.has_residual:
            after[risk.residual_level.code] += 1
            over["after"] += data.follow_up(risk.residual_probability, risk.residual_consequence)
    measures = Action.objects.filter(
        source_type=ContentType.objects.get_for_model(Risk), source_id__in=[r.pk for r in risks]
    ).exclude(status=ActionStatus.STRUKEN)
    counted = measures.aggregate(all=Count("id"), open=Count("id", filter=Q(status__in=OPEN_STATUSES)))
    return {
        "analyses": {reason: by_reason.get(reason, 0) for reason in Reason.values},
        "risks": len(risks),
        "by_level": {"before": dict(sorted(before.items())), "after": dict(sorted(after.items()))},
        "over_threshold": over,
        "measures": counted["all"],
        "open_measures": counted["open"],
    }
