"""Writes to classification values (administrators only); each is atomic and audited."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify

from tillit.audit.models import AuditAction
from tillit.audit.services import audit_object
from tillit.classification.models import CODE_MAX_LENGTH, Term
from tillit.classification.schemes import scheme as declared_scheme
from tillit.org.access import has_permission

PERMISSION = "classification.manage"


def _require(actor) -> None:
    if not has_permission(actor, PERMISSION):
        raise PermissionDenied("Du har inte behörighet att ändra klassificeringar.")


def _label(label: str) -> str:
    label = label.strip()
    if not label:
        raise ValidationError("Ange en benämning.")
    return label


@transaction.atomic
def term_create(*, actor, scheme: str, label: str) -> Term:
    """Add a value last in `scheme`; its code is made from the label and never changes."""
    _require(actor)
    try:
        declared_scheme(scheme)
    except KeyError:
        raise ValidationError("Okänd klassificering.") from None
    label = _label(label)
    code = slugify(label).replace("-", "_")[:CODE_MAX_LENGTH].strip("_")
    if not code:
        raise ValidationError("Benämningen måste innehålla bokstäver eller siffror.")
    if Term.objects.filter(scheme=scheme, code=code).exists():
        raise ValidationError("Det finns redan ett värde med den benämningen (eller ett som liknar den).")
    last = Term.objects.filter(scheme=scheme).aggregate(m=Max("sort_order"))["m"] or 0
    term = Term.objects.create(scheme=scheme, code=code, label=label, sort_order=last + 10)
    audit_object(actor=actor, action=AuditAction.CREATE, obj=term, detail={"scheme": scheme, "code": code})
    return term


@transaction.atomic
def term_update(*, actor, term: Term, label: str, sort_order: int, retired: bool) -> Term:
    """Rename, reorder or retire. The code stays, so old records and the figures keep their value."""
    _require(actor)
    if not 0 <= sort_order <= 32767:
        raise ValidationError("Ordningen ska vara ett tal mellan 0 och 32767.")
    term = Term.objects.select_for_update().get(pk=term.pk)
    wanted = {"label": _label(label), "sort_order": sort_order, "retired": retired}
    changed = [name for name, value in wanted.items() if getattr(term, name) != value]
    if changed:
        for name in changed:
            setattr(term, name, wanted[name])
        term.save(update_fields=changed)
        audit_object(actor=actor, action=AuditAction.CHANGE, obj=term, detail={"fields": changed})
    return term
