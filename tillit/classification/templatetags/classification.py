"""`{{ code|term_label:"god_vard_area" }}`: a stored code's label (one query; for lists annotate
with `selectors.label_subquery` instead)."""

from __future__ import annotations

from django import template

from tillit.classification.selectors import label

register = template.Library()


@register.filter
def term_label(code: str, scheme: str) -> str:
    return label(scheme, code)
