"""The report engine: asks the registered providers (tillit.core.reporting) for a report's figures
and sections. It names no app and no section kind.

One pass per report: `compute_figures` calls each provider's `figures(scope=, year=)` once and
merges the results; `draft` then drafts every section from those figures (repeated sections such
as one per avdelning read their part's figures from the same pass).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tillit.core.registry import RegistryError
from tillit.core.reporting import (
    KVALITETSBERATTELSE,
    Figures,
    SectionContext,
    SectionSpec,
    Table,
    report_charts,
    report_providers,
)

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class ReportFigures:
    """All figures of one report: `published` is the JSON contract (docs/figures.md); `all` adds
    the providers' internal working figures that only their sections read."""

    all: Figures
    published: Figures
    summary: tuple[str, ...] = ()


@dataclass(frozen=True)
class DraftSection:
    key: str
    title: str
    order: int
    chart: str
    text: str
    figures: Figures = field(default_factory=dict)
    tables: list[Table] = field(default_factory=list)


@dataclass(frozen=True)
class Draft:
    figures: ReportFigures
    sections: list[DraftSection]

    def section(self, key: str) -> DraftSection | None:
        return next((s for s in self.sections if s.key == key), None)


@dataclass(frozen=True)
class ContentSection:
    """A section as it goes into the document: the (edited) text, and the figures and tables it
    was drawn from."""

    key: str
    title: str
    text: str
    chart: str = ""
    figures: Figures = field(default_factory=dict)
    tables: list[Table] = field(default_factory=list)


@dataclass(frozen=True)
class ReportContent:
    """Everything a document is built from: the published figures and the sections in order."""

    figures: Figures
    sections: list[ContentSection]


def compute_figures(*, scope, year: int, kind: str = KVALITETSBERATTELSE) -> ReportFigures:
    """Every provider's figures for `scope` (a Unit) and `year`, each computed exactly once."""
    merged: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "year": year,
        "scope": {"code": scope.code, "name": scope.name},
    }
    internal: set[str] = set()
    providers = report_providers(kind)
    for provider in providers:
        if provider.figures is None:
            continue
        for key, value in provider.figures(scope=scope, year=year).items():
            if key in merged:
                raise RegistryError(f"figures key {key!r} of {provider.key!r} is already taken")
            merged[key] = value
        internal |= provider.internal
    published = {k: v for k, v in merged.items() if k not in internal}
    summary = tuple(s for p in providers if p.summary for s in p.summary(merged))
    return ReportFigures(all=merged, published=published, summary=summary)


def section_specs(kind: str = KVALITETSBERATTELSE) -> list[SectionSpec]:
    """The sections of a report kind in order; a fallback gives way to a section with its key."""
    chosen: dict[str, SectionSpec] = {}
    for provider in report_providers(kind):
        for spec in provider.sections:
            if not spec.belongs_to(kind):
                continue
            if spec.key not in chosen or chosen[spec.key].fallback:
                chosen[spec.key] = spec
    return sorted(chosen.values(), key=lambda s: s.order)  # stable: registration order breaks ties


def draft(*, scope, year: int, kind: str = KVALITETSBERATTELSE) -> Draft:
    """The report's figures and every section drafted from them (nothing is saved)."""
    figures = compute_figures(scope=scope, year=year, kind=kind)
    return Draft(figures=figures, sections=draft_sections(figures, kind=kind))


def draft_sections(figures: ReportFigures, *, kind: str = KVALITETSBERATTELSE) -> list[DraftSection]:
    sections = []
    charts = report_charts()
    for spec in section_specs(kind):
        if spec.chart and spec.chart not in charts:
            raise RegistryError(f"section {spec.key!r} names the unknown chart {spec.chart!r}")
        if spec.repeat is None:
            parts = [(spec.key, spec.title, spec.figures(figures.all))]
        else:
            parts = [(f"{spec.key}:{p.key}", p.title, p.figures) for p in spec.repeat(figures.all)]
        for key, title, own in parts:
            ctx = SectionContext(figures=figures.all, own=own, summary=figures.summary)
            sections.append(
                DraftSection(
                    key=key,
                    title=title,
                    order=spec.order,
                    chart=spec.chart,
                    text="\n\n".join(spec.paragraphs(ctx)),
                    figures=own,
                    tables=spec.tables(ctx),
                )
            )
    return sections


def tables_for(key: str, figures: Figures, *, kind: str = KVALITETSBERATTELSE) -> list[Table]:
    """A section's tables from the report's figures alone (for reports adopted before the
    snapshot stored the tables)."""
    spec = next((s for s in section_specs(kind) if s.key == key and s.repeat is None), None)
    if spec is None:
        return []
    return spec.tables(SectionContext(figures=figures, own=spec.figures(figures)))
