"""KPI values as a series on the trends page (an I-chart whose baseline can be re-phased):
registered with trends' series registry from kpis' plugin.py."""

from __future__ import annotations

from datetime import date

from tillit.kpis.models import Gender, Kpi, KpiValue, MeasureUnit
from tillit.kpis.selectors import kpi_series
from tillit.org.models import Unit
from tillit.trends.series import SeriesData


def kpi_series_loader(key: str, year: int) -> SeriesData | None:
    """ "kpi:<code>:<unit code>" → the unit's values of the KPI up to `year` as an I-chart series."""
    parts = key.split(":")
    if len(parts) != 3:
        return None
    kpi = Kpi.objects.filter(code=parts[1]).first()
    unit = Unit.objects.filter(code=parts[2]).first()
    if kpi is None or unit is None:
        return None
    series = kpi_series(kpi, unit, until_year=year)
    return SeriesData(
        key=key,
        title=f"{kpi.title}, {unit.name}",
        unit=unit,
        chart="i",
        periods=series.periods,
        values=series.values,
        y_title=MeasureUnit(kpi.measure).label,
        monthly=series.monthly,
    )


def kpi_signal_series(*, unit_ids, months: list[date]) -> dict[tuple[str, str], list[float | None]]:
    """Every unit's monthly total values of every KPI with monthly values, in `months` (one query):
    (unit code, KPI code) → values (None for a month without a value)."""
    rows = KpiValue.objects.filter(unit__isnull=False, gender=Gender.TOTAL, month__gt=0, value__isnull=False).filter(
        year__gte=months[0].year, year__lte=months[-1].year
    )
    if unit_ids is not None:
        rows = rows.filter(unit_id__in=unit_ids)
    position = {(m.year, m.month): i for i, m in enumerate(months)}
    series: dict[tuple[str, str], list[float | None]] = {}
    for unit_code, code, year, month, value in rows.values_list("unit__code", "kpi__code", "year", "month", "value"):
        if (year, month) in position:
            series.setdefault((unit_code, code), [None] * len(months))[position[(year, month)]] = value
    return series
