"""Processes and their ordered activities (SOSFS 2011:9 4 kap. 2–5 §§)."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max

from tillit.audit.models import AuditAction
from tillit.audit.services import audit_object
from tillit.documents.models import Document, Process, ProcessActivity
from tillit.org.access import has_permission
from tillit.org.models import Unit


@transaction.atomic
def process_create(*, actor, code: str, name: str, unit: Unit, description: str = "", is_core: bool = True) -> Process:
    if actor is not None and not has_permission(actor, "document.manage", unit):
        raise PermissionDenied
    if not code.strip() or not name.strip():
        raise ValidationError("Ange processkod och namn.")
    if Process.objects.filter(code=code.strip()).exists():
        raise ValidationError(f"Det finns redan en process med koden ”{code.strip()}”.")
    process = Process.objects.create(
        code=code.strip(), name=name.strip(), unit=unit, description=description, is_core=is_core
    )
    audit_object(actor=actor, action=AuditAction.CREATE, obj=process, detail={})
    return process


@transaction.atomic
def activity_add(
    *,
    actor,
    process: Process,
    name: str,
    responsible: str = "",
    samverkan_with: str = "",
    documents: Iterable[Document] = (),
) -> ProcessActivity:
    """Add a step at the end of the process."""
    process = Process.objects.select_for_update().get(pk=process.pk)
    if actor is not None and not has_permission(actor, "document.manage", process.unit_id):
        raise PermissionDenied
    if not name.strip():
        raise ValidationError("Ange aktivitetens namn.")
    position = (process.activities.aggregate(n=Max("position"))["n"] or 0) + 1
    activity = ProcessActivity.objects.create(
        process=process, position=position, name=name.strip(), responsible=responsible, samverkan_with=samverkan_with
    )
    activity.documents.set(list(documents))
    audit_object(actor=actor, action=AuditAction.CREATE, obj=activity, unit=process.unit_id, detail={})
    return activity
