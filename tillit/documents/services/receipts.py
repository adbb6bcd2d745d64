"""Läskvittenser (SOSFS 2011:9 6 kap. 1 §: staff work by the routines): the owner asks the staff of
the units a document applies to to confirm they have read its current version."""

from __future__ import annotations

from functools import reduce
from operator import or_

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from tillit.audit.models import AuditAction
from tillit.audit.services import audit_object
from tillit.core.roles import AGGREGATE_ONLY_ROLES, Role
from tillit.documents.models import Document, DocumentVersion, ReadReceipt
from tillit.org.access import has_permission

# Who is asked: everyone working in the units, not those who only see aggregates or run the system.
STAFF_ROLES = frozenset(Role) - AGGREGATE_ONLY_ROLES - {Role.SYSTEMADMINISTRATOR}


def may_manage(actor, document: Document) -> bool:
    return actor.pk == document.owner_id or has_permission(actor, "document.manage", document.unit_id)


def receipt_staff(document: Document) -> QuerySet:
    """The active users with a staff role in a unit at or below one the document applies to."""
    paths = [u.path for u in document.applies_to.all()] or [document.unit.path]
    in_units = reduce(or_, (Q(assignments__unit__path__startswith=p) for p in paths))
    return (
        get_user_model()
        .objects.filter(in_units, is_active=True, assignments__role__in=[str(r) for r in STAFF_ROLES])
        .distinct()
    )


@transaction.atomic
def read_receipts_request(*, actor, version: DocumentVersion) -> int:
    """Ask the staff to confirm reading `version` (the current one); returns how many were asked.
    Asking again asks only those who have not been asked (new staff), never twice."""
    document = version.document
    if not may_manage(actor, document):
        raise PermissionDenied
    if document.current_version_id != version.pk:
        raise ValidationError("Läskvittens kan bara begäras för den fastställda, gällande versionen.")
    asked = set(version.read_receipts.values_list("user_id", flat=True))
    now = timezone.now()
    new = [
        ReadReceipt(version=version, user_id=uid, requested_by=actor, requested_at=now)
        for uid in receipt_staff(document).values_list("id", flat=True)
        if uid not in asked
    ]
    ReadReceipt.objects.bulk_create(new, ignore_conflicts=True)
    audit_object(
        actor=actor, action=AuditAction.CHANGE, obj=version, unit=document.unit_id, detail={"read_receipts": len(new)}
    )
    return len(new)


@transaction.atomic
def read_receipt_confirm(*, actor, receipt: ReadReceipt) -> ReadReceipt:
    """The staff member confirms having read the version (a second click changes nothing)."""
    receipt = ReadReceipt.objects.select_for_update().get(pk=receipt.pk)
    if receipt.user_id != actor.pk:
        raise PermissionDenied
    if receipt.confirmed_at is None:
        receipt.confirmed_at = timezone.now()
        receipt.save(update_fields=["confirmed_at"])
    return receipt
