"""How often a routine is cited elsewhere (e.g. by investigations as the routine that was not
followed), as a bare count: a higher app registers a counter from its plugin.py, so this app never
imports it and never sees the citing cases."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class CitationCounter:
    key: str
    label: str  # e.g. "utredningar" in "Åberopad i 3 utredningar"
    count: Callable[[int], int]  # document id -> number of citing objects


_counters: dict[str, CitationCounter] = {}


def register_citation_counter(counter: CitationCounter) -> None:
    _counters[counter.key] = counter


def citation_counts(document_id: int) -> list[tuple[str, int]]:
    """(label, count) for each registered counter with at least one citation."""
    counts = [(c.label, c.count(document_id)) for c in sorted(_counters.values(), key=lambda c: c.key)]
    return [(label, n) for label, n in counts if n]
