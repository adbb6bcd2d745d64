"""Series a person can look at as a styrdiagram and re-phase. Trends knows its own event series
(from the monthly aggregate); an app higher up (kpis) registers a loader for its prefix from its
plugin.py, so trends never imports it.

A series key is "<prefix>:…": "event:<kind>:<unit code>:<category>", "kpi:<code>:<unit code>".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from tillit.org.models import Unit
from tillit.trends.models import EventMonthCount
from tillit.trends.selectors import months_ending


@dataclass(frozen=True)
class SeriesData:
    key: str
    title: str  # Swedish, e.g. "Avvikelser, kategori läkemedel, Hemtjänst Norr"
    unit: Unit  # the permission scope
    chart: str  # spc.ChartKind value: "c", "u", "p" or "i"
    periods: list[date]  # first of each month (or 1 January for yearly values)
    values: list[float | None]  # counts (c), numerators (u, p) or values (i); None: no value
    sizes: list[float | None] | None = None  # exposures (u) or totals (p)
    y_title: str = "antal"
    monthly: bool = True


SeriesLoader = Callable[[str, int], SeriesData | None]  # (key, last year) → the series, None if unknown
_loaders: dict[str, SeriesLoader] = {}


def register_series_source(prefix: str, loader: SeriesLoader) -> None:
    _loaders[prefix] = loader


def load_series(key: str, year: int) -> SeriesData | None:
    loader = _loaders.get(key.split(":", 1)[0])
    return loader(key, year) if loader else None


def event_series_loader(key: str, year: int) -> SeriesData | None:
    """The monthly count of events of one kind, unit and category (24 months up to December of `year`)."""
    parts = key.split(":")
    if len(parts) != 4:
        return None
    _, kind, unit_code, category = parts
    unit = Unit.objects.filter(code=unit_code).first()
    if unit is None:
        return None
    months = months_ending(year)
    counts = dict(
        EventMonthCount.objects.filter(
            unit=unit, kind=kind, category=category, month__gte=months[0], month__lte=months[-1]
        ).values_list("month", "count")
    )
    kind_label = kind.replace("_", " ").capitalize()
    what = f"kategori {category}" if category else "utan kategori"
    return SeriesData(
        key=key,
        title=f"{kind_label}, {what}, {unit.name}",
        unit=unit,
        chart="c",
        periods=months,
        values=[float(counts.get(m, 0)) for m in months],
    )


register_series_source("event", event_series_loader)


# Monthly series of other apps that trend_signals watches (e.g. computed KPIs), by key prefix:
# provider(unit_ids, months) → {(unit code, code): one value or None per month of `months`}.
SignalProvider = Callable[..., dict[tuple[str, str], list[float | None]]]
_signal_providers: dict[str, SignalProvider] = {}


def register_signal_source(prefix: str, provider: SignalProvider) -> None:
    _signal_providers[prefix] = provider


def signal_sources() -> dict[str, SignalProvider]:
    return dict(_signal_providers)
