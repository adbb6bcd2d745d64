"""Reads of nyckeltal. KPIs hold no personal data; still, a unit's own values are shown only within
the reader's scope. The municipality's values (on the top unit), riket's and the comparison group's are
public statistics and shown to everyone who may read KPIs.

`kpi_figures(unit_ids=…, year=…)` is the pure-data entry point for report section providers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from tillit.audit.services import audit_permission_denied
from tillit.kpis.models import RIKET, ComparisonMunicipality, Gender, Kpi, KpiSource, KpiValue, UnitDenominator
from tillit.org.access import has_permission, scope_unit_ids
from tillit.org.models import Unit


def municipality_unit() -> Unit | None:
    """The top unit of the organisation: the municipality's own (Kolada) values belong to it."""
    return Unit.objects.filter(parent__isnull=True).order_by("path").first()


def can_view(user) -> bool:
    return has_permission(user, "kpi.view")


def can_manage(user) -> bool:
    return has_permission(user, "kpi.manage")


def visible_values(user, queryset: QuerySet[KpiValue] | None = None) -> QuerySet[KpiValue]:
    """Values the user may read: comparison values, the top unit's values, own units in scope."""
    queryset = KpiValue.objects.all() if queryset is None else queryset
    if not can_view(user):
        return queryset.none()
    return queryset.filter(
        Q(unit__isnull=True) | Q(unit__parent__isnull=True) | Q(unit_id__in=scope_unit_ids(user, "kpi.view"))
    )


def kpi_for_user_or_404(user, code: str) -> Kpi:
    kpi = Kpi.objects.filter(code=code).first() if can_view(user) else None
    if kpi is None:
        audit_permission_denied(actor=user, permission="kpi.view", object_type="kpis.kpi")
        raise Http404
    return kpi


@dataclass
class KpiRow:
    kpi: Kpi
    year: int | None = None
    value: float | None = None
    riket: float | None = None


def kpi_list(user) -> list[KpiRow]:
    """Every KPI with its latest yearly total for the municipality and riket (three queries in all)."""
    if not can_view(user):
        return []
    kpis = list(Kpi.objects.order_by("code"))
    top = municipality_unit()
    latest: dict[int, KpiRow] = {k.pk: KpiRow(k) for k in kpis}
    values = KpiValue.objects.filter(gender=Gender.TOTAL, month=0, value__isnull=False).filter(
        Q(unit=top) | Q(municipality_code=RIKET)
    )
    own: dict[int, dict[int, float]] = defaultdict(dict)
    riket: dict[int, dict[int, float]] = defaultdict(dict)
    for v in values.values("kpi_id", "unit_id", "year", "value"):
        (own if v["unit_id"] else riket)[v["kpi_id"]][v["year"]] = v["value"]
    for pk, row in latest.items():
        if own[pk]:
            row.year = max(own[pk])
            row.value = own[pk][row.year]
            row.riket = riket[pk].get(row.year)
    return [latest[k.pk] for k in kpis]


@dataclass
class KpiDetail:
    kpi: Kpi
    top: Unit | None
    years: list[int] = field(default_factory=list)
    # series name → year → gender → value
    municipality: dict[int, dict[str, float | None]] = field(default_factory=dict)
    riket: dict[int, dict[str, float | None]] = field(default_factory=dict)
    group: dict[str, dict[int, float | None]] = field(default_factory=dict)  # code → year → total
    group_names: dict[str, str] = field(default_factory=dict)
    units: dict[Unit, dict[str, float | None]] = field(default_factory=dict)  # unit → period → total
    is_demo: bool = False  # invented demo values (status "demo")

    @property
    def has_gender_split(self) -> bool:
        return any(g in by_gender for by_gender in self.municipality.values() for g in (Gender.WOMEN, Gender.MEN))

    @property
    def group_mean(self) -> dict[int, float]:
        """The comparison group's unweighted mean per year (municipalities without a value left out)."""
        found: dict[int, list[float]] = defaultdict(list)
        for by_year in self.group.values():
            for year, value in by_year.items():
                if value is not None:
                    found[year].append(value)
        return {year: sum(vs) / len(vs) for year, vs in found.items()}

    def rows(self) -> list[dict[str, Any]]:
        """One row per year for the table beside the chart."""
        mean = self.group_mean
        return [
            {
                "year": year,
                "total": self.municipality.get(year, {}).get(Gender.TOTAL),
                "women": self.municipality.get(year, {}).get(Gender.WOMEN),
                "men": self.municipality.get(year, {}).get(Gender.MEN),
                "riket": self.riket.get(year, {}).get(Gender.TOTAL),
                "group": mean.get(year),
            }
            for year in self.years
        ]


def kpi_detail(user, kpi: Kpi) -> KpiDetail:
    """Yearly values of `kpi` for the municipality (by gender), riket, the comparison group, and the
    user's own units (all periods, total) — two queries."""
    top = municipality_unit()
    detail = KpiDetail(kpi=kpi, top=top)
    computed = kpi.source == KpiSource.COMPUTED
    years: set[int] = set()
    for v in visible_values(user, kpi.values.select_related("unit")).order_by("year", "month"):
        detail.is_demo = detail.is_demo or v.status == "demo"
        if v.unit_id is None:
            if v.month:
                continue
            years.add(v.year)
            if v.municipality_code == RIKET:
                detail.riket.setdefault(v.year, {})[v.gender] = v.value
            elif v.gender == Gender.TOTAL:
                detail.group.setdefault(v.municipality_code, {})[v.year] = v.value
        elif top is not None and v.unit_id == top.pk and not v.month:
            years.add(v.year)
            detail.municipality.setdefault(v.year, {})[v.gender] = v.value
        elif v.gender == Gender.TOTAL and not (v.month and computed):
            # A computed KPI has a value per unit and month: the table keeps the years, the
            # styrdiagram shows the months.
            detail.units.setdefault(v.unit, {})[v.period] = v.value
    detail.years = sorted(years)
    names = {m.code: m.name for m in ComparisonMunicipality.objects.filter(code__in=detail.group)}
    detail.group_names = {code: names.get(code) or code for code in detail.group}
    return detail


def kpi_figures(*, unit_ids: Collection[int] | None, year: int) -> list[dict[str, Any]]:
    """Pure data for a report section: for each KPI with a value up to `year`, the municipality's
    values by gender for `year` and the year before, riket's, the change and the target.

    `unit_ids`: the section's scope; own values of units in it are included per unit (None: all units).
    No personal data: KPIs are aggregates.
    """
    top = municipality_unit()
    values = KpiValue.objects.filter(year__in=(year - 1, year), month=0).select_related("kpi", "unit")
    by_kpi: dict[int, dict[str, Any]] = {}
    for v in values.order_by("kpi__code", "year", "gender"):
        entry = by_kpi.setdefault(
            v.kpi_id,
            {
                "code": v.kpi.code,
                "title": v.kpi.title,
                "source": v.kpi.source,
                "source_label": KpiSource(v.kpi.source).label,
                "measure": v.kpi.measure,
                "direction": v.kpi.direction,
                "target": v.kpi.target,
                "municipality": {},
                "riket": {},
                "units": {},
            },
        )
        if v.unit_id is None:
            if v.municipality_code == RIKET:
                entry["riket"].setdefault(str(v.year), {})[v.gender] = v.value
        elif top is not None and v.unit_id == top.pk:
            entry["municipality"].setdefault(str(v.year), {})[v.gender] = v.value
        elif unit_ids is None or v.unit_id in unit_ids:
            entry["units"].setdefault(v.unit.code, {}).setdefault(str(v.year), {})[v.gender] = v.value
    for entry in by_kpi.values():
        now = entry["municipality"].get(str(year), {}).get(Gender.TOTAL)
        before = entry["municipality"].get(str(year - 1), {}).get(Gender.TOTAL)
        entry["change"] = None if now is None or before is None else now - before
    return [e for e in by_kpi.values() if e["municipality"] or e["riket"] or e["units"]]


def manageable_units(user) -> QuerySet[Unit]:
    return Unit.objects.filter(id__in=scope_unit_ids(user, "kpi.manage"), closed_on__isnull=True).order_by("path")


def denominators_for(user) -> list[UnitDenominator]:
    """The entered unit sizes in the user's kpi.manage scope, newest year first (one query)."""
    return list(
        UnitDenominator.objects.filter(unit_id__in=scope_unit_ids(user, "kpi.manage"))
        .select_related("unit")
        .order_by("-year", "unit__path")
    )


# --- Control chart and funnel plot ---------------------------------------------------------------


@dataclass
class KpiSeries:
    """A KPI's own values for one unit over time: monthly where there are monthly values, else yearly."""

    kpi: Kpi
    unit: Unit
    periods: list[date]
    values: list[float | None]
    monthly: bool

    @property
    def key(self) -> str:
        return kpi_series_key(self.kpi.code, self.unit.code)


def kpi_series_key(code: str, unit_code: str) -> str:
    return f"kpi:{code}:{unit_code}"


def kpi_series(kpi: Kpi, unit: Unit, *, until_year: int | None = None, months: int = 36) -> KpiSeries:
    """The unit's total values of `kpi` (one query): the last `months` monthly values up to
    `until_year`, or every yearly value when there are no monthly ones."""
    rows = list(
        KpiValue.objects.filter(kpi=kpi, unit=unit, gender=Gender.TOTAL, value__isnull=False)
        .filter(year__lte=until_year or 9999)
        .order_by("year", "month")
        .values_list("year", "month", "value")
    )
    monthly = [(date(y, m, 1), v) for y, m, v in rows if m]
    if monthly:
        last = monthly[-1][0]
        index = last.year * 12 + last.month - 1
        periods = [date(i // 12, i % 12 + 1, 1) for i in range(index - months + 1, index + 1)]
        found = dict(monthly)
        first = monthly[0][0]
        periods = [p for p in periods if p >= first]
        return KpiSeries(kpi, unit, periods, [found.get(p) for p in periods], True)
    yearly = [(date(y, 1, 1), v) for y, m, v in rows if not m]
    return KpiSeries(kpi, unit, [p for p, _ in yearly], [v for _, v in yearly], False)


def series_units(user, kpi: Kpi) -> list[Unit]:
    """Units with own values of `kpi` that the user may read (the top unit first), for the chart's choice."""
    ids = visible_values(user, kpi.values.filter(unit__isnull=False)).values_list("unit_id", flat=True).distinct()
    return list(Unit.objects.filter(id__in=ids).order_by("path"))


def chosen_unit(units: list[Unit], requested: str, top: Unit | None) -> Unit | None:
    """The unit asked for (by code) among `units`, else the top unit, else the first."""
    by_code = {u.code: u for u in units}
    fallback = by_code.get(top.code) if top else None
    return by_code.get(requested) or fallback or next(iter(units), None)


@dataclass
class FunnelData:
    year: int
    proportion: bool  # shares (p) or rates (per exposure)
    scale: float  # 100 for per cent, 1,000 for per 1,000, else 1
    units: list[tuple[str, float, float]]  # (unit name, numerator, denominator)


FUNNEL_MIN_UNITS = 3


def kpi_funnel(user, kpi: Kpi, *, year: int | None = None) -> FunnelData | None:
    """The units to compare in a funnel plot: yearly totals with a numerator and denominator (computed
    KPIs), in the user's scope, only the lowest units (a unit is not compared with its own parts).
    None when fewer than three units can be compared. One query."""
    rows = list(
        visible_values(
            user,
            kpi.values.filter(
                unit__isnull=False, month=0, gender=Gender.TOTAL, numerator__isnull=False, denominator__gt=0
            ),
        )
        .select_related("unit")
        .order_by("-year", "unit__path")
    )
    if not rows:
        return None
    year = year or rows[0].year
    rows = [r for r in rows if r.year == year]
    paths = [r.unit.path for r in rows]
    lowest = [r for r in rows if not any(p != r.unit.path and p.startswith(r.unit.path) for p in paths)]
    if len(lowest) < FUNNEL_MIN_UNITS:
        return None
    proportion = kpi.measure == "procent"
    # The stored value is numerator / denominator × scale (100 for a share in per cent, 1,000 per 1,000).
    sample = next((r for r in lowest if r.numerator and r.value), None)
    scale = round(sample.value * sample.denominator / sample.numerator) if sample else (100.0 if proportion else 1.0)
    return FunnelData(year, proportion, scale, [(r.unit.name, r.numerator, r.denominator) for r in lowest])
