"""The small-count rule (issue 9 item 8): counts 1 … threshold-1 are not shown, nor their complement."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tillit.core.suppression import count, suppress


def shown(cells):
    return {key: str(cell) for key, cell in cells.items()}


def test_small_counts_are_marked_and_zero_is_shown():
    assert shown(suppress({"a": 3, "b": 12, "c": 0}, limit=5))["a"] == "<5"
    assert str(count(0, limit=5)) == "0" and str(count(5, limit=5)) == "5" and str(count(4, limit=5)) == "<5"
    assert count(2, limit=5).text == "färre än 5"


def test_complement_is_suppressed_when_a_total_is_shown():
    # 20 = 3 + 9 + 8: with the total shown, the 3 would be 20 − 9 − 8. The next smallest (8) goes too.
    assert shown(suppress({"a": 3, "b": 9, "c": 8}, total=20, limit=5)) == {"a": "<5", "b": "9", "c": "<5"}
    # A zero is the next smallest: 13 = 3 + 10 + 0 would give the 3 back.
    assert shown(suppress({"a": 3, "b": 10, "c": 0}, total=13, limit=5)) == {"a": "<5", "b": "10", "c": "<5"}


def test_no_complement_without_a_total_or_with_two_suppressed():
    assert shown(suppress({"a": 3, "b": 9, "c": 8}, limit=5)) == {"a": "<5", "b": "9", "c": "8"}
    assert shown(suppress({"a": 3, "b": 2, "c": 8}, total=13, limit=5)) == {"a": "<5", "b": "<5", "c": "8"}


def test_threshold_is_a_setting(settings):
    settings.SMALL_COUNT_THRESHOLD = 3
    assert str(count(3)) == "3" and str(count(2)) == "<3"


@given(st.dictionaries(st.sampled_from("abcdef"), st.integers(0, 40), min_size=1))
def test_no_suppressed_cell_can_be_computed_back_from_the_total(cells):
    total = sum(cells.values())
    result = suppress(cells, total=total, limit=5)
    hidden = [key for key, cell in result.items() if cell.suppressed]
    assert all(result[k].suppressed for k, v in cells.items() if 0 < v < 5)
    if total >= 5:  # a shown total: never exactly one hidden cell
        assert len(hidden) != 1
