"""Small template helpers shared by every app."""

from __future__ import annotations

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def query_without(context, *names: str) -> str:
    """The current query string without `names` (to add a page number to it)."""
    params = context["request"].GET.copy()
    for name in names:
        params.pop(name, None)
    return params.urlencode()
