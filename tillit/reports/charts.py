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
    """The spec for chart `name`, or None when there is nothing to draw."""
    charts = report_charts()
    if name not in charts:
        raise ValueError(name)
    return charts[name].build(figures)


def to_svg(spec: dict[str, Any]) -> str:
    import vl_convert as vlc

    return vlc.vegalite_to_svg(spec)


def to_png(spec: dict[str, Any]) -> bytes:
    import vl_convert as vlc

    return vlc.vegalite_to_png(spec, scale=2)
