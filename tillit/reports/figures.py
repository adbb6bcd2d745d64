"""The report's published figures: the JSON contract (docs/figures.md), merged from every
registered report provider's figures (see tillit.reports.engine)."""

from __future__ import annotations

from typing import Any

from tillit.core.reporting import KVALITETSBERATTELSE
from tillit.reports import engine


def compute_figures(*, year: int, scope, kind: str = KVALITETSBERATTELSE) -> dict[str, Any]:
    return engine.compute_figures(scope=scope, year=year, kind=kind).published
