"""What a provider shares of its own quality work with the purchaser, per contract: results only.

When the contract says so (`share_self_inspection`, `share_risk`), the contract page shows the
provider's finished egenkontroll rounds of the last twelve months in the contract's units (template,
unit, date, sampled, share met per criterion with n; small n as "<5" by tillit.core.suppression) and
its risk analyses as counts (by reason and state, risks over the follow-up threshold before and
after measures, open measures). No case numbers, no free text, no names. The figures come from the
self_inspection and risks apps' own figures functions; they never import contracts.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from tillit.assessments.models import Assessment, AssessmentStatus
from tillit.audit.models import AuditAction
from tillit.audit.services import audit_object
from tillit.contracts.access import contract_unit_ids
from tillit.core import suppression
from tillit.risks.figures import analyses_summary
from tillit.risks.models import WORKFLOW_KEY as RISK_WORKFLOW
from tillit.risks.models import Reason, RiskAnalysis
from tillit.self_inspection.figures import round_figures
from tillit.self_inspection.selectors import KINDS
from tillit.workflow.declaration import workflow

MONTHS = 12
MAX_ROUNDS = 20  # the page stays bounded; the latest rounds first


@dataclass
class SharedCriterion:
    ref: str
    text: str
    n: suppression.Count
    share: str  # "83 %", or "–" when n is small or nothing applied


@dataclass
class SharedRound:
    template: str
    unit: str
    performed_on: str
    sampled: suppression.Count
    criteria: list[SharedCriterion]


@dataclass
class SharedRisk:
    by_reason: list[tuple[str, suppression.Count]]
    by_state: list[tuple[str, suppression.Count]]
    analyses: suppression.Count
    risks: suppression.Count
    over_before: suppression.Count
    over_after: suppression.Count
    open_measures: suppression.Count


@dataclass
class SharedResults:
    since: date
    self_inspection: list[SharedRound] | None = None  # None: not shared under the contract
    risk: SharedRisk | None = None
    note: str = field(default_factory=suppression.note)


def _provider_units(contract) -> list[int]:
    """The contract's units that belong to the contract's provider (never another provider's)."""
    return sorted(contract_unit_ids(contract))


def _criterion(c: dict[str, Any]) -> SharedCriterion:
    n = c["met"] + c["not_met"]
    hidden = suppression.is_small(n) or c["share"] is None
    share = "–" if hidden else f"{round(100 * c['share'])} %"
    return SharedCriterion(ref=c["ref"], text=c["text"], n=suppression.count(n), share=share)


def _rounds(contract, since: date) -> list[SharedRound]:
    assessments = (
        Assessment.objects.filter(
            template__kind__in=KINDS,
            status=AssessmentStatus.KLAR,
            performed_on__gte=since,
            unit_id__in=_provider_units(contract),
            unit__provider_id=contract.provider_id,
        )
        .select_related("template__scale", "unit")
        .order_by("-performed_on", "-pk")[:MAX_ROUNDS]
    )
    rounds = []
    for assessment in assessments:
        figures = round_figures(assessment)
        rounds.append(
            SharedRound(
                template=figures["template_title"],
                unit=figures["unit_name"],
                performed_on=figures["performed_on"],
                sampled=suppression.count(figures["sampled"]),
                criteria=[_criterion(c) for c in figures["criteria"]],
            )
        )
    return rounds


def _risk(contract, since: date) -> SharedRisk:
    analyses = RiskAnalysis.objects.filter(
        analysed_on__gte=since, unit_id__in=_provider_units(contract), unit__provider_id=contract.provider_id
    )
    summary = analyses_summary(analyses)
    states = workflow(RISK_WORKFLOW).states
    by_state = Counter(analyses.values_list("state", flat=True))
    total = sum(summary["analyses"].values())
    reasons = suppression.suppress(summary["analyses"], total=total)
    state_counts = suppression.suppress(dict(by_state), total=total)
    return SharedRisk(
        by_reason=[(Reason(code).label, reasons[code]) for code in Reason.values],
        by_state=[(states[code].label if code in states else code, state_counts[code]) for code in sorted(by_state)],
        analyses=suppression.count(total),
        risks=suppression.count(summary["risks"]),
        over_before=suppression.count(summary["over_threshold"]["before"]),
        over_after=suppression.count(summary["over_threshold"]["after"]),
        open_measures=suppression.count(summary["open_measures"]),
    )


def shared_results(*, actor, contract, today: date | None = None) -> SharedResults:
    """The provider's results the contract shares with the purchaser; writes the audit row of what
    was shown (the read is logged even when nothing is shared: the purchaser looked)."""
    today = today or timezone.localdate()
    since = today - timedelta(days=365 * MONTHS // 12)
    results = SharedResults(since=since)
    if contract.share_self_inspection:
        results.self_inspection = _rounds(contract, since)
    if contract.share_risk:
        results.risk = _risk(contract, since)
    audit_object(
        actor=actor,
        action=AuditAction.READ,
        obj=contract,
        detail={
            "shared_with_purchaser": {
                "self_inspection": contract.share_self_inspection,
                "risk": contract.share_risk,
                "rounds": len(results.self_inspection or []),
                "since": since.isoformat(),
            }
        },
    )
    return results
