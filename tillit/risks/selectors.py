"""Reads for riskanalys: the analyses and risks a user may see, the register across analyses, and
the heat map (counts per cell, before and after measures)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from tillit.actions.models import OPEN_STATUSES, Action
from tillit.org.access import get_scoped_or_404, has_permission, scope_unit_ids, visible
from tillit.org.models import Unit
from tillit.risks.models import Risk, RiskAnalysis, RiskMatrix
from tillit.risks.scoring import Level

VIEW, MANAGE = "risk.view", "risk.manage"


def can_view(user) -> bool:
    return has_permission(user, VIEW)


def can_manage(user, unit=None) -> bool:
    return has_permission(user, MANAGE, unit)


def analyses_visible(user) -> QuerySet[RiskAnalysis]:
    return visible(user, VIEW, RiskAnalysis.objects.select_related("unit", "matrix"))


def analysis_for_user_or_404(user, pk: int) -> RiskAnalysis:
    return get_scoped_or_404(user, VIEW, RiskAnalysis.objects.select_related("unit", "matrix"), pk=pk)


def risks_visible(user) -> QuerySet[Risk]:
    return visible(user, VIEW, Risk.objects.all(), unit_field="analysis__unit")


def risk_for_user_or_404(user, pk: int) -> Risk:
    queryset = Risk.objects.select_related("analysis__unit", "analysis__matrix", "process_step__process")
    return get_scoped_or_404(user, VIEW, queryset, unit_field="analysis__unit", pk=pk)


def manageable_units(user) -> QuerySet[Unit]:
    return Unit.objects.filter(id__in=scope_unit_ids(user, MANAGE), closed_on__isnull=True).order_by("path")


def viewable_units(user) -> QuerySet[Unit]:
    return Unit.objects.filter(id__in=scope_unit_ids(user, VIEW)).order_by("path")


def _open_measures() -> Subquery:
    risk_type = ContentType.objects.get_for_model(Risk)
    counted = (
        Action.objects.filter(source_type=risk_type, source_id=OuterRef("pk"), status__in=OPEN_STATUSES)
        .order_by()
        .values("source_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def with_open_measures(risks: QuerySet[Risk]) -> QuerySet[Risk]:
    return risks.annotate(open_measures=_open_measures())


def _at_level(matrices: Iterable[RiskMatrix], level: str, *, residual: bool) -> Q:
    """Risks whose cell (before, or after measures) has `level` on their analysis's matrix."""
    p, c = ("residual_probability", "residual_consequence") if residual else ("probability", "consequence")
    parts = [Q(analysis__matrix=m, **{p: pv, c: cv}) for m in matrices for pv, cv in m.data.cells_at_level(level)]
    return reduce(or_, parts, Q(pk__in=[]))


@dataclass(frozen=True)
class RegisterFilter:
    unit: Unit | None = None
    level: str = ""  # a level code; matched on the residual cell when judged, else on the cell before
    open_measures: bool = False


def risk_register(user, filters: RegisterFilter) -> QuerySet[Risk]:
    """Risks across the analyses the user may read, newest analysis first; each with its analysis,
    unit and matrix and the number of open measures (one query)."""
    risks = with_open_measures(risks_visible(user)).select_related(
        "analysis__unit", "analysis__matrix", "process_step__process"
    )
    if filters.unit is not None:
        risks = risks.filter(analysis__unit__path__startswith=filters.unit.path)
    if filters.level:
        matrices = list(RiskMatrix.objects.all())
        judged = Q(residual_probability__isnull=False, residual_consequence__isnull=False)
        risks = risks.filter(
            (judged & _at_level(matrices, filters.level, residual=True))
            | (~judged & _at_level(matrices, filters.level, residual=False))
        )
    if filters.open_measures:
        risks = risks.filter(open_measures__gt=0)
    return risks.order_by("-analysis__analysed_on", "analysis_id", "number")


def level_choices() -> list[tuple[str, str]]:
    """Level codes and labels over all matrices (they share codes when they share levels)."""
    seen: dict[str, str] = {}
    for matrix in RiskMatrix.objects.all():
        for level in matrix.data.levels:
            seen.setdefault(level.code, level.label)
    return list(seen.items())


# --- heat map ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HeatCell:
    probability: int
    consequence: int
    level: Level
    before: int
    after: int
    follow_up: bool


@dataclass(frozen=True)
class HeatRow:
    consequence: int
    label: str
    cells: list[HeatCell]


@dataclass(frozen=True)
class HeatMap:
    matrix: RiskMatrix
    rows: list[HeatRow]  # highest consequence first
    probabilities: list[dict]
    before_total: int
    after_total: int


def heat_map(matrix: RiskMatrix, risks: Iterable[Risk]) -> HeatMap:
    """Counts per cell of `matrix`, before and after measures (risks on other matrices are skipped)."""
    before: Counter[tuple[int, int]] = Counter()
    after: Counter[tuple[int, int]] = Counter()
    for risk in risks:
        if risk.analysis.matrix_id != matrix.pk:
            continue
        before[(risk.probability, risk.consequence)] += 1
        if risk.has_residual:
            after[(risk.residual_probability, risk.residual_consequence)] += 1
    data = matrix.data
    rows = [
        HeatRow(
            consequence=c["value"],
            label=c["label"],
            cells=[
                HeatCell(
                    probability=p,
                    consequence=c["value"],
                    level=data.level(p, c["value"]),
                    before=before[(p, c["value"])],
                    after=after[(p, c["value"])],
                    follow_up=data.follow_up(p, c["value"]),
                )
                for p in data.probability_values
            ],
        )
        for c in reversed(data.consequences)
    ]
    return HeatMap(
        matrix=matrix,
        rows=rows,
        probabilities=data.probabilities,
        before_total=sum(before.values()),
        after_total=sum(after.values()),
    )
