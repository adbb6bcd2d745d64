"""The trend over a unit's rounds: Anhøj's run rules on each criterion's share met."""

from __future__ import annotations

from tillit.assessments.selectors import Tally
from tillit.self_inspection.selectors import CriterionRow, criterion_trends


def _rounds(shares: list[tuple[int, int]]):
    return [
        (None, [CriterionRow(ref="1", text="Utredningsplan finns.", tally=Tally(met=m, not_met=n), previous=None)])
        for m, n in shares
    ]


def test_a_lasting_shift_in_the_share_met_is_a_signal():
    # Eight rounds around 50 %, then eight around 90 %: an unusually long run above the median.
    low = [(4, 6), (5, 5), (6, 4), (5, 5)] * 2
    high = [(9, 1), (10, 0), (9, 1), (19, 1)] * 2
    trends = criterion_trends(_rounds(low + high))
    assert len(trends) == 1
    assert "Utredningsplan finns" in trends[0] and "medianen" in trends[0]


def test_few_rounds_say_that_more_are_needed():
    (sentence,) = criterion_trends(_rounds([(5, 5), (6, 4), (7, 3)]))
    assert "för få värden" in sentence and "minst 10" in sentence


def test_no_rounds_no_sentences():
    assert criterion_trends([]) == []
