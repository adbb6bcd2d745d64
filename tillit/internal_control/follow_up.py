"""The follow-up report to the nämnd for a period of the plan's year: the points due to report by
the period's end (every point for helår), each with its traffic light, and the count per light.
No comments, findings or names: what the nämnd and ledning see is the plan's own text and results."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tillit.internal_control.models import ControlPlan, ControlPoint
from tillit.internal_control.selectors import plan_points

# key → (label, the period's last month and day); periods run from the start of the year.
PERIODS: dict[str, tuple[str, tuple[int, int]]] = {
    "tertial1": ("Tertial 1 (januari–april)", (4, 30)),
    "halvar": ("Halvår (januari–juni)", (6, 30)),
    "tertial2": ("Tertial 2 (januari–augusti)", (8, 31)),
    "helar": ("Helår", (12, 31)),
}
LIGHTS = [
    ("gron", "Genomförd utan anmärkning"),
    ("gul", "Genomförd med brister"),
    ("rod", "Ej genomförd"),
    ("gra", "Pågår"),
]


@dataclass(frozen=True)
class LightCount:
    light: str
    label: str
    count: int


@dataclass(frozen=True)
class FollowUp:
    plan: ControlPlan
    period: str
    label: str
    end: date
    points: list[ControlPoint]
    counts: list[LightCount]

    @property
    def total(self) -> int:
        return len(self.points)

    @property
    def done(self) -> int:
        return sum(c.count for c in self.counts if c.light in ("gron", "gul"))


def follow_up(plan: ControlPlan, period: str) -> FollowUp:
    """The report for `period` (a key of PERIODS; unknown keys are helår)."""
    if period not in PERIODS:
        period = "helar"
    label, (month, day) = PERIODS[period]
    end = date(plan.year, month, day)
    points = [p for p in plan_points(plan) if period == "helar" or (p.report_due is not None and p.report_due <= end)]
    counts = [LightCount(light, text, sum(1 for p in points if p.light == light)) for light, text in LIGHTS]
    return FollowUp(plan=plan, period=period, label=label, end=end, points=points, counts=counts)
