"""Charts of the yearly report: each is declared by the app that provides its figures
(`ReportProvider.charts`, see tillit.core.reporting) as a Vega-Lite spec; rendered here to SVG
for HTML/PDF and PNG for DOCX."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from tillit.core.reporting import report_charts


class _Titles(Mapping[str, str]):
    """The registered charts' titles by name, in registration order (read live)."""

    def __getitem__(self, name: str) -> str:
        return report_charts()[name].title

    def __iter__(self) -> Iterator[str]:
        return iter(report_charts())

    def __len__(self) -> int:
        return len(report_charts())


TITLES: Mapping[str, str] = _Titles()


def chart_spec(name: str, figures: dict[str, Any]) -> dict[str, Any] | None:
    """The spec for chart `name`, or None when there is nothing to draw (or, in a report adopted
    long ago, when no app provides that chart any more: the adopted PDF/DOCX keep it)."""
    chart = report_charts().get(name)
    return chart.build(figures) if chart is not None else None


def to_svg(spec: dict[str, Any]) -> str:
    import vl_convert as vlc

    return vlc.vegalite_to_svg(spec)


def to_png(spec: dict[str, Any]) -> bytes:
    import vl_convert as vlc

    return vlc.vegalite_to_png(spec, scale=2)
