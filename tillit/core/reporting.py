"""The report-section registry: how an app contributes to the yearly reports without editing any.

Each app may ship a `report_sections.py` module; `ReportsConfig.ready()` imports every installed
app's `report_sections.py` (Django's `autodiscover_modules`, as for `plugin.py`), and the module
calls `register_report_provider(__name__, ReportProvider(...))`. The report engine
(`tillit.reports.engine`) reads only this registry: it never names an app or a section kind.

A provider is one app's part of the report:
- `figures(scope=, year=)` computes the app's figures once per report (scope unit and year): a dict
  of top-level keys merged into the report's figures (the JSON contract in docs/figures.md).
  Keys listed in `internal` are read by the app's sections but not published in the JSON.
- `sections`: what the app writes, each with a key, a title and an order (see `SectionSpec`).
- `summary(figures)`: sentences the app adds to the generic Sammanfattning.
- `charts`: the charts its sections name (a Vega-Lite spec built from the figures).

This module lives in core (which imports no app) so that every app, whatever its layer, can
register without importing the reports app.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from tillit.core.registry import RegistryError, _app_of

KVALITETSBERATTELSE = "kvalitetsberattelse"

Figures = dict[str, Any]
Table = dict[str, Any]  # {"caption": str, "header": [str], "rows": [[str]]}


@dataclass(frozen=True)
class SectionContext:
    """What a section's functions read: the report's figures (published and internal) and the
    section's own figures (for a repeated section: its part's)."""

    figures: Figures
    own: Figures
    summary: Sequence[str] = ()  # the providers' summary sentences (for the Sammanfattning)

    @property
    def year(self) -> int:
        return self.figures["year"]

    @property
    def scope_name(self) -> str:
        return self.figures["scope"]["name"]


@dataclass(frozen=True)
class SectionPart:
    """One instance of a repeated section (e.g. one per avdelning): key `<section key>:<key>`."""

    key: str
    title: str
    figures: Figures


def _no_tables(ctx: SectionContext) -> list[Table]:
    return []


def _no_figures(figures: Figures) -> Figures:
    return {}


@dataclass(frozen=True)
class SectionSpec:
    """A section of a yearly report.

    `paragraphs(ctx)` drafts the Swedish text the user then edits; `tables(ctx)` and `chart` (a
    chart name from some provider's `charts`) are drawn from the figures whenever the document is
    built. `figures(report_figures)` picks the section's own figures, kept with the adopted report.
    `repeat(report_figures)` makes one section per part (its figures become the part's `own`).
    `fallback`: guidance text only, replaced when another app registers a section with the same key.
    `report_kinds`: the report kinds the section belongs to (None: every kind).
    """

    key: str
    title: str
    order: int
    paragraphs: Callable[[SectionContext], list[str]]
    tables: Callable[[SectionContext], list[Table]] = _no_tables
    chart: str = ""
    figures: Callable[[Figures], Figures] = _no_figures
    repeat: Callable[[Figures], list[SectionPart]] | None = None
    fallback: bool = False
    report_kinds: frozenset[str] | None = None

    def belongs_to(self, kind: str) -> bool:
        return self.report_kinds is None or kind in self.report_kinds


@dataclass(frozen=True)
class ChartSpec:
    title: str
    build: Callable[[Figures], dict[str, Any] | None]  # a Vega-Lite spec, or None: nothing to draw


@dataclass(frozen=True)
class ReportProvider:
    key: str
    order: int = 100  # orders the providers' figures and summary sentences
    figures: Callable[..., Figures] | None = None  # figures(*, scope, year) -> {top-level key: value}
    internal: frozenset[str] = frozenset()  # keys of `figures` not published in the JSON contract
    sections: Sequence[SectionSpec] = ()
    summary: Callable[[Figures], list[str]] | None = None
    charts: Mapping[str, ChartSpec] = field(default_factory=dict)
    report_kinds: frozenset[str] | None = None  # None: every kind
    app: str = ""

    def belongs_to(self, kind: str) -> bool:
        return self.report_kinds is None or kind in self.report_kinds


_providers: dict[str, ReportProvider] = {}


def _overlap(a: SectionSpec, b: SectionSpec) -> bool:
    return a.report_kinds is None or b.report_kinds is None or bool(a.report_kinds & b.report_kinds)


def register_report_provider(module: str, provider: ReportProvider) -> None:
    """Add (or, when the same app registers the key again, replace) an app's report provider."""
    app = _app_of(module)
    old = _providers.get(provider.key)
    if old is not None and old.app != app:
        raise RegistryError(f"report provider {provider.key!r} is registered by {old.app!r}")
    for other in _providers.values():
        if other.key == provider.key:
            continue
        for section in provider.sections:
            clash = next((s for s in other.sections if s.key == section.key), None)
            if clash is not None and not clash.fallback and not section.fallback and _overlap(clash, section):
                raise RegistryError(f"report section {section.key!r} is registered by {other.app!r} too")
        for name in provider.charts:
            if name in other.charts:
                raise RegistryError(f"chart {name!r} is registered by {other.app!r} too")
    _providers[provider.key] = ReportProvider(**{**provider.__dict__, "app": app})


def report_providers(kind: str | None = None) -> list[ReportProvider]:
    """The registered providers in order (those that take part in reports of `kind`, if given)."""
    found = [p for p in _providers.values() if kind is None or p.belongs_to(kind)]
    return sorted(found, key=lambda p: (p.order, p.key))


def report_charts() -> dict[str, ChartSpec]:
    return {name: chart for p in report_providers() for name, chart in p.charts.items()}
