"""Survey arithmetic: response rates, the share of positive answers ("vet ej" left out of the
denominator) and its 95 % Wilson score interval."""

from __future__ import annotations

import math
from dataclasses import dataclass

Z95 = 1.959964


def wilson(positive: int, n: int, z: float = Z95) -> tuple[float, float] | None:
    """The Wilson score interval for positive/n as proportions (None when n is 0)."""
    if n <= 0:
        return None
    p = positive / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def percent(part: int, whole: int) -> float | None:
    """part/whole in percent with one decimal (None when whole is 0)."""
    return round(100 * part / whole, 1) if whole else None


@dataclass(frozen=True)
class PositiveShare:
    positive: int
    negative: int
    dont_know: int  # "vet ej / ingen åsikt": not in the denominator

    @property
    def n(self) -> int:
        return self.positive + self.negative

    @property
    def share(self) -> float | None:
        return percent(self.positive, self.n)

    @property
    def interval(self) -> tuple[float, float] | None:
        found = wilson(self.positive, self.n)
        return (round(100 * found[0], 1), round(100 * found[1], 1)) if found else None
