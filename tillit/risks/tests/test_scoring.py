"""The matrix scoring, pinned: score = probability × consequence, the level per cell is the matrix's
data, and follow-up from score 8 or the highest consequence on the shipped 4 × 4."""

from __future__ import annotations

import pytest

from tillit.risks.defaults import DEFAULT_4X4, EXAMPLE_5X5
from tillit.risks.scoring import MatrixData, score


def data(spec) -> MatrixData:
    return MatrixData(
        **{k: spec[k] for k in ("probabilities", "consequences", "levels", "cells")},
        follow_up_score=spec["follow_up_score"],
        follow_up_consequence=spec["follow_up_consequence"],
    )


def test_score_is_the_product():
    assert [score(p, c) for p, c in ((1, 1), (2, 3), (4, 4), (3, 4))] == [1, 6, 16, 12]


@pytest.mark.parametrize(
    ("p", "c", "level", "follow_up"),
    [
        (1, 1, "lag", False),
        (3, 1, "lag", False),
        (2, 2, "medel", False),
        (2, 3, "medel", False),  # 6: under 8
        (3, 2, "medel", False),
        (4, 2, "hog", True),  # 8: the threshold
        (2, 4, "hog", True),
        (3, 3, "hog", True),  # 9
        (1, 4, "medel", True),  # the highest consequence is always followed up
        (4, 3, "mycket_hog", True),  # 12
        (4, 4, "mycket_hog", True),  # 16
    ],
)
def test_default_4x4_levels_and_follow_up(p, c, level, follow_up):
    matrix = data(DEFAULT_4X4)
    assert matrix.level(p, c).code == level
    assert matrix.follow_up(p, c) is follow_up


def test_default_4x4_is_complete_unconfirmed_and_labelled():
    matrix = data(DEFAULT_4X4)
    assert matrix.problems() == []
    assert DEFAULT_4X4["confirmed"] is False
    assert [c["label"] for c in DEFAULT_4X4["consequences"]] == ["Mindre", "Måttlig", "Betydande", "Katastrofal"]
    assert len(matrix.cells) == 16
    assert sorted(matrix.cells_over_threshold()) == sorted(
        [(p, c) for p in range(1, 5) for c in range(1, 5) if p * c >= 8 or c == 4]
    )


def test_example_5x5():
    matrix = data(EXAMPLE_5X5)
    assert matrix.problems() == []
    assert len(matrix.cells) == 25
    assert matrix.level(5, 5).code == "mycket_hog" and matrix.level(1, 1).code == "lag"
    assert matrix.follow_up(2, 5) and matrix.follow_up(5, 2) and not matrix.follow_up(3, 3)


def test_problems_name_what_is_missing():
    spec = {**DEFAULT_4X4, "cells": {k: v for k, v in DEFAULT_4X4["cells"].items() if k != "4,4"}}
    assert data(spec).problems() == ["Rutan sannolikhet 4 × konsekvens 4 saknar en känd risknivå."]
    spec = {**DEFAULT_4X4, "probabilities": [{"value": 1, "label": "A"}, {"value": 3, "label": "B"}]}
    assert any("sannolikhet ska ha stegen" in p for p in data(spec).problems())
