"""Reads of classification values: what to offer, how to show a stored code."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import OuterRef, QuerySet, Subquery

from tillit.classification.models import Term


def terms(scheme: str) -> QuerySet[Term]:
    """Every value of `scheme`, retired ones included (for history and settings)."""
    return Term.objects.filter(scheme=scheme)


def offered(scheme: str, *, keep: Iterable[str] = ()) -> QuerySet[Term]:
    """The values offered for a record: those in use, plus the record's own codes in `keep` (a
    retired value stays selectable on the record that already has it, so saving changes nothing)."""
    keep = [code for code in keep if code]
    qs = Term.objects.filter(scheme=scheme, retired=False)
    if keep:
        qs = Term.objects.filter(scheme=scheme).filter(code__in=keep) | qs
    return qs.order_by("sort_order", "label")


def choices(scheme: str, *, keep: Iterable[str] = ()) -> list[tuple[str, str]]:
    return list(offered(scheme, keep=keep).values_list("code", "label"))


def is_offered(scheme: str, code: str) -> bool:
    return Term.objects.filter(scheme=scheme, code=code, retired=False).exists()


def labels(scheme: str) -> dict[str, str]:
    """code → label for every value of `scheme`, retired ones included."""
    return dict(terms(scheme).values_list("code", "label"))


def label(scheme: str, code: str) -> str:
    """The label of a stored code (the code itself when it is not, or no longer, a value)."""
    if not code:
        return ""
    return terms(scheme).filter(code=code).values_list("label", flat=True).first() or code


def label_subquery(scheme: str, field: str) -> Subquery:
    """An annotation giving the label of the code in `field`, so a list needs no extra query."""
    return Subquery(terms(scheme).filter(code=OuterRef(field)).values("label")[:1])
