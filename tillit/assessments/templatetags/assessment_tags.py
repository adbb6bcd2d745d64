from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def percent(share: float | None) -> str:
    """A share 0..1 as a whole percent with a Swedish non-breaking space, or a dash when undefined."""
    return "–" if share is None else f"{round(100 * share)}\u00a0%"
