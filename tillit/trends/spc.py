"""Statistical process control (styrdiagram): run charts, control charts and funnel plots.

Pure Python, no Django: the functions take plain sequences and return frozen result objects, so a
report section, a management command or a background task can call them alike.

Run charts use the median as centre line and the Anhøj rules (Anhøj & Olesen 2014, PLoS ONE 9(11):
e113825; reference implementation R's qicharts2):

- points on the median are dropped; `n` = the remaining ("useful") points;
- *run signal*: the longest run of points on one side of the median is longer than
  ``round(log2(n)) + 3``;
- *crossing signal*: the median is crossed fewer times than the 5 % quantile of Binomial(n − 1, 0.5)
  (R's ``qbinom(0.05, n - 1, 0.5)``, computed exactly here with integers);
- the rules are used from 10 useful points; below that no signal is given.

Control charts (Shewhart, 3-sigma): c (counts), u (counts per exposure), p (proportions), I
(individual values, moving range) and Laney's u′ and p′ for over-dispersed data. Limits may be
computed from a frozen baseline (the first `baseline` points) and applied to every point; a new
phase is a new call with the points of that phase (the phases themselves are data kept by the app).

Funnel plots compare units of different size against a pooled proportion or rate at 95 % and
99.8 % limits.

Explanations (`explain_*`) put a result into plain Swedish for a nämnd, never naming a rule.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from itertools import pairwise

MIN_USEFUL_POINTS = 10
SIGMA = 3.0
I_CHART_FACTOR = 2.66  # 3 / d2 with d2 = 1.128 for moving ranges of two points
D2 = 1.128
Z95 = 1.959964
Z998 = 3.090232
FALSE_SIGNAL_RATE = 0.05  # the Anhøj rules give about 5 % false signals whatever n is


# --- Run charts ---------------------------------------------------------------------------------


def longest_run_max(n: int) -> int:
    """The longest run expected by chance among `n` useful points: a longer run is a signal."""
    if n < 1:
        raise ValueError("n must be positive")
    return round(math.log2(n)) + 3


def crossings_min(n: int) -> int:
    """The fewest crossings expected by chance among `n` useful points: fewer is a signal.

    R's ``qbinom(0.05, n - 1, 0.5)``: the smallest k with P(X ≤ k) ≥ 0.05 for X ~ Bin(n − 1, ½),
    computed exactly: sum_{i ≤ k} C(n − 1, i) / 2^(n − 1) ≥ 1/20 ⇔ 20 · sum ≥ 2^(n − 1).
    """
    if n < 1:
        raise ValueError("n must be positive")
    trials, total, cumulative = n - 1, 2 ** (n - 1), 0
    for k in range(trials + 1):
        cumulative += math.comb(trials, k)
        if 20 * cumulative >= total:
            return k
    return trials  # unreachable: the cumulative sum reaches 2^(n-1)


def median(values: Sequence[float]) -> float:
    ordered = sorted(values)
    if not ordered:
        raise ValueError("median of an empty sequence")
    mid = len(ordered) // 2
    return float(ordered[mid]) if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


class Side(StrEnum):
    ABOVE = "above"
    BELOW = "below"


@dataclass(frozen=True)
class Run:
    """A run of consecutive useful points on one side of the centre line (indexes into the input)."""

    side: Side
    start: int
    end: int
    length: int


@dataclass(frozen=True)
class RunChart:
    """The Anhøj analysis of one series. Indexes refer to positions in the input sequence."""

    values: tuple[float | None, ...]
    centre: float | None
    n_useful: int
    longest_run: int
    longest_run_max: int | None
    crossings: int
    crossings_min: int | None
    run_signal: bool
    crossing_signal: bool
    longest: Run | None  # the longest run (the latest of equally long ones)
    baseline: int | None  # the median was computed from the first `baseline` points (None: all)

    @property
    def valid(self) -> bool:
        """Enough useful points for the rules to mean something."""
        return self.n_useful >= MIN_USEFUL_POINTS

    @property
    def signal(self) -> bool:
        return self.run_signal or self.crossing_signal


def run_chart(values: Sequence[float | None], *, baseline: int | None = None) -> RunChart:
    """Analyse `values` (None = no value for that period) with the median as centre line.

    `baseline`: compute the median from the first `baseline` values only (a frozen centre line).
    """
    data = tuple(None if v is None else float(v) for v in values)
    present = [v for v in (data[:baseline] if baseline else data) if v is not None]
    if not present:
        return RunChart(data, None, 0, 0, None, 0, None, False, False, None, baseline)
    centre = median(present)
    sides = [
        (i, Side.ABOVE if v > centre else Side.BELOW)
        for i, v in enumerate(data)
        if v is not None and v != centre  # points on the median are not useful
    ]
    n = len(sides)
    runs: list[Run] = []
    crossings = 0
    for pos, (i, side) in enumerate(sides):
        if pos and side == sides[pos - 1][1]:
            last = runs[-1]
            runs[-1] = Run(side, last.start, i, last.length + 1)
        else:
            if pos:
                crossings += 1
            runs.append(Run(side, i, i, 1))
    longest = max(reversed(runs), key=lambda r: r.length) if runs else None
    longest_len = longest.length if longest else 0
    if n < MIN_USEFUL_POINTS:
        return RunChart(data, centre, n, longest_len, None, crossings, None, False, False, longest, baseline)
    run_max, cross_min = longest_run_max(n), crossings_min(n)
    return RunChart(
        values=data,
        centre=centre,
        n_useful=n,
        longest_run=longest_len,
        longest_run_max=run_max,
        crossings=crossings,
        crossings_min=cross_min,
        run_signal=longest_len > run_max,
        crossing_signal=crossings < cross_min,
        longest=longest,
        baseline=baseline,
    )


# --- Control charts -----------------------------------------------------------------------------


class ChartKind(StrEnum):
    C = "c"
    U = "u"
    P = "p"
    I = "i"  # noqa: E741 — the chart's published name
    U_PRIME = "u_prime"
    P_PRIME = "p_prime"


@dataclass(frozen=True)
class ControlPoint:
    index: int
    value: float  # count (c), rate (u, u′), proportion (p, p′) or value (I)
    lower: float
    upper: float

    @property
    def above(self) -> bool:
        return self.value > self.upper

    @property
    def below(self) -> bool:
        return self.value < self.lower

    @property
    def outside(self) -> bool:
        return self.above or self.below


@dataclass(frozen=True)
class ControlChart:
    kind: ChartKind
    centre: float
    points: tuple[ControlPoint, ...]
    baseline: int  # the number of points the centre line and limits were computed from
    sigma_z: float | None = None  # Laney's between-point variation factor (u′, p′)
    moving_range: float | None = None  # mean moving range (I)

    @property
    def outside(self) -> list[int]:
        """Indexes of the points outside the limits."""
        return [p.index for p in self.points if p.outside]

    @property
    def signal(self) -> bool:
        return any(p.outside for p in self.points)


def _baseline(n: int, baseline: int | None) -> int:
    if n == 0:
        raise ValueError("a control chart needs at least one point")
    if baseline is None:
        return n
    if not 1 <= baseline <= n:
        raise ValueError("baseline must be between 1 and the number of points")
    return baseline


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values)


def _mean_moving_range(values: Sequence[float]) -> float:
    ranges = [abs(b - a) for a, b in pairwise(values)]
    return _mean(ranges) if ranges else 0.0


def c_chart(counts: Sequence[float], *, baseline: int | None = None) -> ControlChart:
    """Counts per equal period: CL = mean count, limits CL ± 3√CL, the lower floored at 0."""
    k = _baseline(len(counts), baseline)
    centre = _mean(counts[:k])
    half = SIGMA * math.sqrt(centre)
    points = tuple(ControlPoint(i, float(c), max(0.0, centre - half), centre + half) for i, c in enumerate(counts))
    return ControlChart(ChartKind.C, centre, points, k)


def _sizes(counts: Sequence[float], sizes: Sequence[float]) -> None:
    if len(counts) != len(sizes):
        raise ValueError("counts and sizes must be equally long")
    if any(s <= 0 for s in sizes):
        raise ValueError("every size (exposure, denominator) must be positive")


def _ratio_chart(
    kind: ChartKind,
    counts: Sequence[float],
    sizes: Sequence[float],
    baseline: int | None,
    laney: bool,
) -> ControlChart:
    _sizes(counts, sizes)
    k = _baseline(len(counts), baseline)
    centre = sum(counts[:k]) / sum(sizes[:k])
    proportion = kind in (ChartKind.P, ChartKind.P_PRIME)
    if proportion and any(c > s for c, s in zip(counts, sizes, strict=True)):
        raise ValueError("a proportion's numerator cannot exceed its denominator")
    spread = centre * (1 - centre) if proportion else centre
    sigmas = [math.sqrt(spread / s) for s in sizes]
    values = [c / s for c, s in zip(counts, sizes, strict=True)]
    sigma_z = None
    factor = 1.0
    if laney:
        z = [(y - centre) / sd if sd > 0 else 0.0 for y, sd in zip(values, sigmas, strict=True)]
        sigma_z = _mean_moving_range(z[:k]) / D2
        factor = sigma_z
    points = []
    for i, (y, sd) in enumerate(zip(values, sigmas, strict=True)):
        half = SIGMA * sd * factor
        lower, upper = max(0.0, centre - half), centre + half
        if proportion:
            upper = min(1.0, upper)
        points.append(ControlPoint(i, y, lower, upper))
    return ControlChart(kind, centre, tuple(points), k, sigma_z=sigma_z)


def u_chart(
    counts: Sequence[float], exposures: Sequence[float], *, baseline: int | None = None, laney: bool = False
) -> ControlChart:
    """Counts per exposure (e.g. per 1,000 brukare): ū = Σc/Σn, limits ū ± 3√(ū/nᵢ); Laney u′ if `laney`."""
    return _ratio_chart(ChartKind.U_PRIME if laney else ChartKind.U, counts, exposures, baseline, laney)


def p_chart(
    successes: Sequence[float], totals: Sequence[float], *, baseline: int | None = None, laney: bool = False
) -> ControlChart:
    """Proportions: p̄ = Σx/Σn, limits p̄ ± 3√(p̄(1−p̄)/nᵢ) clipped to [0, 1]; Laney p′ if `laney`."""
    return _ratio_chart(ChartKind.P_PRIME if laney else ChartKind.P, successes, totals, baseline, laney)


def i_chart(values: Sequence[float], *, baseline: int | None = None) -> ControlChart:
    """Individual values (e.g. a KPI per period): CL = mean, limits CL ± 2.66 · mean moving range."""
    k = _baseline(len(values), baseline)
    centre = _mean(values[:k])
    mr = _mean_moving_range(values[:k])
    half = I_CHART_FACTOR * mr
    points = tuple(ControlPoint(i, float(v), centre - half, centre + half) for i, v in enumerate(values))
    return ControlChart(ChartKind.I, centre, points, k, moving_range=mr)


def laney_needed(chart: ControlChart, *, threshold: float = 1.0) -> bool:
    """True when a u′/p′ chart's σ_z shows over-dispersion (σ_z > threshold): prefer it over u/p."""
    return chart.sigma_z is not None and chart.sigma_z > threshold


# --- Funnel plots -------------------------------------------------------------------------------


@dataclass(frozen=True)
class FunnelUnit:
    label: str
    numerator: float
    denominator: float
    value: float
    lower95: float
    upper95: float
    lower998: float
    upper998: float

    @property
    def outside95(self) -> bool:
        return not self.lower95 <= self.value <= self.upper95

    @property
    def outside998(self) -> bool:
        return not self.lower998 <= self.value <= self.upper998

    @property
    def above(self) -> bool:
        return self.value > self.upper95

    @property
    def below(self) -> bool:
        return self.value < self.lower95


@dataclass(frozen=True)
class Funnel:
    proportion: bool
    pooled: float
    units: tuple[FunnelUnit, ...]

    def limits(self, size: float, z: float) -> tuple[float, float]:
        """The funnel's limits for a unit of `size` at `z` (for drawing the curve)."""
        return funnel_limits(self.pooled, size, z, proportion=self.proportion)


def funnel_limits(pooled: float, size: float, z: float, *, proportion: bool) -> tuple[float, float]:
    if size <= 0:
        raise ValueError("size must be positive")
    sd = math.sqrt(pooled * (1 - pooled) / size) if proportion else math.sqrt(pooled / size)
    lower, upper = max(0.0, pooled - z * sd), pooled + z * sd
    return lower, (min(1.0, upper) if proportion else upper)


def funnel(units: Sequence[tuple[str, float, float]], *, proportion: bool) -> Funnel:
    """Units `(label, numerator, denominator)` against the pooled value Σnumerator/Σdenominator."""
    if not units:
        raise ValueError("a funnel needs at least one unit")
    _sizes([u[1] for u in units], [u[2] for u in units])
    pooled = sum(u[1] for u in units) / sum(u[2] for u in units)
    result = []
    for label, num, den in units:
        lo95, hi95 = funnel_limits(pooled, den, Z95, proportion=proportion)
        lo998, hi998 = funnel_limits(pooled, den, Z998, proportion=proportion)
        result.append(FunnelUnit(label, num, den, num / den, lo95, hi95, lo998, hi998))
    return Funnel(proportion, pooled, tuple(result))


# --- Plain Swedish ------------------------------------------------------------------------------

MONTHS = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
]
NUMBERS = ["noll", "en", "två", "tre", "fyra", "fem", "sex", "sju", "åtta", "nio", "tio", "elva", "tolv"]


def number_word(n: int) -> str:
    """Swedish number words up to twelve (common gender, as in "åtta månader"), digits above."""
    return NUMBERS[n] if 0 <= n < len(NUMBERS) else str(n)


def swedish_decimal(x: float, digits: int = 1) -> str:
    text = f"{x:.{digits}f}".replace(".", ",")
    return text.removesuffix(",0") if digits == 1 else text


def month_label(month: date, *, with_year: bool = True) -> str:
    return f"{MONTHS[month.month - 1]} {month.year}" if with_year else MONTHS[month.month - 1]


def _period(periods: Sequence[date] | None, index: int, last: date | None) -> str:
    if periods is None:
        return f"mätpunkt {index + 1}"
    return month_label(periods[index], with_year=last is None or periods[index].year != last.year)


def explain_run_chart(chart: RunChart, *, subject: str, periods: Sequence[date] | None = None) -> str:
    """A sentence or two a nämnd understands, e.g. "Avvikelser om läkemedel i Hemtjänst Norr har legat
    över medianen åtta månader i rad sedan april."

    `subject` names the series ("Avvikelser om läkemedel i Hemtjänst Norr"); `periods` gives the
    month of each value (then months are named; otherwise "mätpunkt 3").
    """
    if not chart.valid:
        return (
            f"{subject}: för få värden ({chart.n_useful}) för att bedöma om något har förändrats; "
            f"det behövs minst {MIN_USEFUL_POINTS}."
        )
    sentences = []
    last = periods[-1] if periods else None
    unit = "månader" if periods is not None else "mätpunkter"
    if chart.run_signal and chart.longest is not None:
        run = chart.longest
        side = "över" if run.side == Side.ABOVE else "under"
        ongoing = run.end == max(i for i, v in enumerate(chart.values) if v is not None)
        start = _period(periods, run.start, last)
        if ongoing:
            sentences.append(
                f"{subject} har legat {side} medianen {number_word(run.length)} {unit} i rad sedan {start}."
            )
        else:
            end = _period(periods, run.end, last)
            if periods is not None and periods[run.start].year != periods[run.end].year:
                end = month_label(periods[run.end])  # "från april 2025 till mars 2026", never "till mars"
            sentences.append(
                f"{subject} låg {side} medianen {number_word(run.length)} {unit} i rad, från {start} till {end}."
            )
        sentences.append(
            f"Så lång tid på samma sida är ovanligt om bara slumpen styr (högst {chart.longest_run_max} väntas): "
            "något har troligen förändrats."
        )
    if chart.crossing_signal:
        sentences.append(
            f"{subject} växlar ovanligt sällan mellan över och under medianen ({chart.crossings} "
            f"{'gång' if chart.crossings == 1 else 'gånger'} på "
            f"{chart.n_useful} {unit}; minst {chart.crossings_min} väntas om bara slumpen styr). "
            "Det tyder på att nivån har ändrats under perioden."
        )
    if not sentences:
        sentences.append(
            f"{subject} visar inga tecken på förändring: variationen ser ut som den vanliga variationen från "
            f"{'månad till månad' if periods is not None else 'gång till gång'}."
        )
    return " ".join(sentences)


def explain_control_chart(
    chart: ControlChart, *, subject: str, periods: Sequence[date] | None = None, what: str = "värdet"
) -> str:
    """Name the periods outside the limits in plain Swedish ("I mars 2025 var antalet (14) högre …")."""
    outside = [p for p in chart.points if p.outside]
    if not outside:
        return f"{subject}: alla värden ligger inom den vanliga variationen."
    parts = []
    last = periods[-1] if periods else None
    digits = 2 if chart.kind in (ChartKind.P, ChartKind.P_PRIME) else 1
    for p in outside:
        when = _period(periods, p.index, last)
        direction = "högre" if p.above else "lägre"
        limit = p.upper if p.above else p.lower
        parts.append(
            f"{when} var {what} ({swedish_decimal(p.value, digits)}) "
            f"{direction} än vad den vanliga variationen förklarar (gräns {swedish_decimal(limit, 2)})"
        )
    return f"{subject}: " + "; ".join(parts) + ". Det är värt att ta reda på vad som hände."


def explain_false_alarms(series_count: int) -> str:
    """The honest note when many series are watched: about 5 % signal by chance."""
    expected = series_count * FALSE_SIGNAL_RATE
    watched = "En serie bevakas" if series_count == 1 else f"{series_count} serier bevakas"
    if expected < 1:
        return (
            f"{watched}. Ungefär var tjugonde serie kan visa en signal av en slump, "
            "så en enstaka signal är en anledning att titta närmare, inte ett bevis."
        )
    return (
        f"{watched}. Även när ingenting har förändrats väntas ungefär "
        f"{number_word(round(expected))} av dem visa en signal av en slump, så en enstaka signal är en "
        "anledning att titta närmare, inte ett bevis."
    )
