"""KPI values as a series on the trends page (an I-chart whose baseline can be re-phased):
registered with trends' series registry from kpis' plugin.py."""

from __future__ import annotations

from tillit.kpis.models import Kpi, MeasureUnit
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
