"""A series' control chart phase by phase: each phase's centre line and limits come from its own
frozen baseline (the first `baseline_months` points of the phase) and apply to every later point of
the phase. Before the first recorded phase the whole stretch is its own baseline."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from tillit.trends import spc


@dataclass(frozen=True)
class PhasePoint:
    period: date
    value: float
    centre: float
    lower: float
    upper: float
    phase: int  # 0 before the first recorded phase, then 1, 2, …
    baseline: bool  # the point is in its phase's baseline

    @property
    def outside(self) -> bool:
        return self.value > self.upper or self.value < self.lower


@dataclass(frozen=True)
class PhaseStart:
    starts_on: date
    baseline_months: int


def _chart(kind: str, values: list[float], sizes: list[float], baseline: int | None) -> spc.ControlChart:
    if kind == "c":
        return spc.c_chart(values, baseline=baseline)
    if kind == "u":
        return spc.u_chart(values, sizes, baseline=baseline)
    if kind == "p":
        return spc.p_chart(values, sizes, baseline=baseline)
    return spc.i_chart(values, baseline=baseline)


def phased_points(
    *,
    kind: str,
    periods: Sequence[date],
    values: Sequence[float | None],
    sizes: Sequence[float | None] | None,
    phases: Sequence[PhaseStart],
) -> list[PhasePoint]:
    """Points with their phase's limits; points without a value (or a size, for u and p) are left out."""
    usable = [
        (p, float(v), float(sizes[i]) if sizes is not None else 1.0)
        for i, (p, v) in enumerate(zip(periods, values, strict=True))
        if v is not None and (sizes is None or (sizes[i] or 0) > 0)
    ]
    starts = sorted(phases, key=lambda ph: ph.starts_on)
    segments: list[tuple[int, int | None, list]] = []
    current: list = []
    phase_no, baseline = 0, None
    for item in usable:
        while phase_no < len(starts) and item[0] >= starts[phase_no].starts_on:
            segments.append((phase_no, baseline, current))
            current, baseline = [], starts[phase_no].baseline_months
            phase_no += 1
        current.append(item)
    segments.append((phase_no, baseline, current))
    points: list[PhasePoint] = []
    for number, base, items in segments:
        if not items:
            continue
        k = min(base, len(items)) if base else None
        chart = _chart(kind, [v for _, v, _ in items], [s for _, _, s in items], k)
        for (period, _, _), cp in zip(items, chart.points, strict=True):
            points.append(
                PhasePoint(period, cp.value, chart.centre, cp.lower, cp.upper, number, cp.index < chart.baseline)
            )
    return points
