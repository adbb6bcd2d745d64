"""Small counts: the one rule for counts that reach people who must not see personal data.

A count of 1 … threshold-1 (setting `SMALL_COUNT_THRESHOLD`, default 5) could point at a person in a
small unit, so the published kvalitetsberättelse and any overview for ledning and nämnd show it as
"<5" (in running text "färre än 5"). Zero identifies nobody and is shown. Where a total of the cells
is shown, one suppressed cell alone could be computed back (total minus the others), so the next
smallest shown cell is suppressed too (the complement). The raw figures (docs/figures.md) stay for
the report's editors; only what is displayed goes through here.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from django.conf import settings

K = TypeVar("K", bound=Hashable)

DEFAULT_THRESHOLD = 5


def threshold() -> int:
    return int(getattr(settings, "SMALL_COUNT_THRESHOLD", DEFAULT_THRESHOLD))


@dataclass(frozen=True)
class Count:
    """A count as displayed: its value, or a mark when it is suppressed."""

    value: int
    suppressed: bool
    limit: int

    def __str__(self) -> str:  # a table cell
        return f"<{self.limit}" if self.suppressed else str(self.value)

    @property
    def text(self) -> str:  # running text
        return f"färre än {self.limit}" if self.suppressed else str(self.value)


def is_small(value: int, limit: int | None = None) -> bool:
    limit = threshold() if limit is None else limit
    return 0 < value < limit


def count(value: int, *, limit: int | None = None) -> Count:
    """One count on its own (no total beside it)."""
    limit = threshold() if limit is None else limit
    return Count(value, is_small(value, limit), limit)


def suppress(counts: Mapping[K, int], *, total: int | None = None, limit: int | None = None) -> dict[K, Count]:
    """The display values of `counts` (cells of one row or column). With `total` (shown beside the
    cells and equal to their sum), a single suppressed cell takes the next smallest with it, so
    that it cannot be computed back from the total."""
    limit = threshold() if limit is None else limit
    hidden = {key for key, value in counts.items() if is_small(value, limit)}
    if total is not None and not is_small(total, limit) and len(hidden) == 1:
        # The next smallest shown cell (zeros too: 13 = 10 + 3 + 0 gives the 3 back otherwise).
        shown = sorted((value, str(key), key) for key, value in counts.items() if key not in hidden)
        if shown:
            hidden.add(shown[0][2])
    return {key: Count(value, key in hidden, limit) for key, value in counts.items()}


def note(limit: int | None = None) -> str:
    """The sentence that explains the mark, for a table or text that has suppressed counts."""
    limit = threshold() if limit is None else limit
    return f"Antal under {limit} visas som <{limit} så att ingen enskild kan identifieras."
