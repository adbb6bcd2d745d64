"""Scoring on a risk matrix, as pure functions of the matrix data (no queries).

score = probability × consequence (SKL:s handbok "Riskanalys & händelseanalys"); the level of a
cell is what the matrix says for that cell (data, not a formula); a risk is followed up when its
score reaches the matrix's threshold or its consequence reaches the matrix's consequence threshold.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Level:
    code: str
    label: str
    colour: str  # background, with dark text (every shipped colour has contrast ≥ 4.5:1 with #000)
    rank: int  # 0 = lowest


def cell_key(probability: int, consequence: int) -> str:
    return f"{probability},{consequence}"


def score(probability: int, consequence: int) -> int:
    return probability * consequence


class MatrixData:
    """The parts of a matrix the scoring reads; built from a `RiskMatrix` or plain dicts in tests."""

    def __init__(
        self,
        *,
        probabilities: Sequence[Mapping[str, Any]],
        consequences: Sequence[Mapping[str, Any]],
        levels: Sequence[Mapping[str, Any]],
        cells: Mapping[str, str],
        follow_up_score: int | None,
        follow_up_consequence: int | None,
    ) -> None:
        self.probabilities = list(probabilities)
        self.consequences = list(consequences)
        self.levels = [
            Level(code=lv["code"], label=lv["label"], colour=lv["colour"], rank=i) for i, lv in enumerate(levels)
        ]
        self.cells = dict(cells)
        self.follow_up_score = follow_up_score
        self.follow_up_consequence = follow_up_consequence

    @property
    def probability_values(self) -> list[int]:
        return [int(p["value"]) for p in self.probabilities]

    @property
    def consequence_values(self) -> list[int]:
        return [int(c["value"]) for c in self.consequences]

    def level_by_code(self, code: str) -> Level:
        return next(lv for lv in self.levels if lv.code == code)

    def level(self, probability: int, consequence: int) -> Level:
        return self.level_by_code(self.cells[cell_key(probability, consequence)])

    def follow_up(self, probability: int, consequence: int) -> bool:
        """Whether a risk in this cell is to be followed up (over the matrix's threshold)."""
        if self.follow_up_score is not None and score(probability, consequence) >= self.follow_up_score:
            return True
        return self.follow_up_consequence is not None and consequence >= self.follow_up_consequence

    def cells_at_level(self, code: str) -> list[tuple[int, int]]:
        return [tuple(int(x) for x in key.split(",")) for key, lv in self.cells.items() if lv == code]

    def cells_over_threshold(self) -> list[tuple[int, int]]:
        return [(p, c) for p in self.probability_values for c in self.consequence_values if self.follow_up(p, c)]

    def problems(self) -> list[str]:
        """Swedish messages for what is inconsistent in the data (empty: a usable matrix)."""
        found = []
        for name, scale in (("sannolikhet", self.probabilities), ("konsekvens", self.consequences)):
            values = [int(s.get("value", 0)) for s in scale]
            if values != list(range(1, len(values) + 1)) or len(values) < 2:
                found.append(f"Skalan för {name} ska ha stegen 1, 2, 3 … (minst två steg).")
            if any(not str(s.get("label", "")).strip() for s in scale):
                found.append(f"Varje steg i skalan för {name} behöver en benämning.")
        codes = {lv.code for lv in self.levels}
        if not codes:
            found.append("Matrisen behöver minst en risknivå.")
        for p in self.probability_values:
            for c in self.consequence_values:
                if self.cells.get(cell_key(p, c)) not in codes:
                    found.append(f"Rutan sannolikhet {p} × konsekvens {c} saknar en känd risknivå.")
        return found
