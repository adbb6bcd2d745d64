"""Conditional items: an item applies only when another item was answered a given value
(e.g. "upprättad inom sex veckor" only where "utredningsplan finns" = Ja)."""

from __future__ import annotations

from collections.abc import Mapping

from tillit.assessments.models import TemplateItem


def item_applies(item: TemplateItem, answers: Mapping[int, str], items: Mapping[int, TemplateItem]) -> bool | None:
    """True if `item` applies given `answers` (item id → value code), False if it is skipped (not
    applicable), None while its condition item is unanswered. Conditions may chain."""
    if item.condition_item_id is None:
        return True
    condition = items[item.condition_item_id]
    applies = item_applies(condition, answers, items)
    if applies is not True:
        return applies
    value = answers.get(condition.pk)
    if value is None:
        return None
    return value == item.condition_value
