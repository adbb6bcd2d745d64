"""Processes and their ordered activities (SOSFS 2011:9 4 kap. 2–5 §§): create and edit a process
and the documents that cover it; add, edit, move and remove its steps. Every write is audited and
a repeated submit (a double click) changes nothing more."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Max

from tillit.audit.models import AuditAction
from tillit.audit.services import audit_object
from tillit.documents.models import Document, Process, ProcessActivity
from tillit.org.access import has_permission
from tillit.org.models import Unit


def _may_manage(actor, unit_id: int) -> bool:
    return actor is None or has_permission(actor, "document.manage", unit_id)


def _locked(process: Process, actor) -> Process:
    process = Process.objects.select_for_update().get(pk=process.pk)
    if not _may_manage(actor, process.unit_id):
        raise PermissionDenied
    return process


@transaction.atomic
def process_create(
    *,
    actor,
    code: str,
    name: str,
    unit: Unit,
    description: str = "",
    is_core: bool = True,
    document: Document | None = None,
) -> Process:
    """A new process. The same code, name and unit again (a double click) returns the first."""
    if not _may_manage(actor, unit.pk):
        raise PermissionDenied
    code, name = code.strip(), name.strip()
    if not code or not name:
        raise ValidationError("Ange processkod och namn.")
    if existing := Process.objects.filter(code=code).first():
        if existing.name == name and existing.unit_id == unit.pk:
            return existing
        raise ValidationError(f"Det finns redan en process med koden ”{code}”.")
    process = Process.objects.create(
        code=code, name=name, unit=unit, description=description.strip(), is_core=is_core, document=document
    )
    audit_object(actor=actor, action=AuditAction.CREATE, obj=process, detail={})
    return process


@transaction.atomic
def process_update(
    *,
    actor,
    process: Process,
    name: str,
    unit: Unit,
    description: str = "",
    is_core: bool = True,
    document: Document | None = None,
    covering: Iterable[Document] | None = None,
) -> Process:
    """Edit a process; `covering` (when given) are the routines and other documents that belong to
    it (their `process`), so a document dropped from the list no longer names the process."""
    process = _locked(process, actor)
    if unit.pk != process.unit_id and not _may_manage(actor, unit.pk):
        raise ValidationError("Du kan bara flytta processen till en enhet där du hanterar processer.")
    if not name.strip():
        raise ValidationError("Ange processens namn.")
    wanted = {
        "name": name.strip(),
        "unit": unit,
        "description": description.strip(),
        "is_core": is_core,
        "document": document,
    }
    changed = [field for field, value in wanted.items() if getattr(process, field) != value]
    for field in changed:
        setattr(process, field, wanted[field])
    if changed:
        process.save(update_fields=changed)
    if covering is not None:
        wanted_ids = {d.pk for d in covering}
        current_ids = set(process.routines.values_list("pk", flat=True))
        if wanted_ids != current_ids:
            Document.objects.filter(pk__in=current_ids - wanted_ids).update(process=None)
            Document.objects.filter(pk__in=wanted_ids - current_ids).update(process=process)
            changed.append("covering")
    if changed:
        audit_object(actor=actor, action=AuditAction.CHANGE, obj=process, detail={"fields": changed})
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
    """Add a step at the end of the process. The same step again right after (a double click)
    returns the one already added."""
    process = _locked(process, actor)
    name, responsible, samverkan_with = name.strip(), responsible.strip(), samverkan_with.strip()
    if not name:
        raise ValidationError("Ange aktivitetens namn.")
    documents = list(documents)
    last = process.activities.order_by("-position").first()
    if (
        last is not None
        and (last.name, last.responsible, last.samverkan_with) == (name, responsible, samverkan_with)
        and set(last.documents.values_list("pk", flat=True)) == {d.pk for d in documents}
    ):
        return last
    position = (process.activities.aggregate(n=Max("position"))["n"] or 0) + 1
    activity = ProcessActivity.objects.create(
        process=process, position=position, name=name, responsible=responsible, samverkan_with=samverkan_with
    )
    activity.documents.set(documents)
    audit_object(actor=actor, action=AuditAction.CREATE, obj=activity, unit=process.unit_id, detail={})
    return activity


@transaction.atomic
def activity_update(
    *,
    actor,
    activity: ProcessActivity,
    name: str,
    responsible: str = "",
    samverkan_with: str = "",
    documents: Iterable[Document] = (),
) -> ProcessActivity:
    """Edit a step: its name, who is responsible, samverkan with whom, the routines saying how."""
    process = _locked(activity.process, actor)
    activity = ProcessActivity.objects.get(pk=activity.pk, process=process)
    if not name.strip():
        raise ValidationError("Ange aktivitetens namn.")
    wanted = {"name": name.strip(), "responsible": responsible.strip(), "samverkan_with": samverkan_with.strip()}
    changed = [field for field, value in wanted.items() if getattr(activity, field) != value]
    for field in changed:
        setattr(activity, field, wanted[field])
    if changed:
        activity.save(update_fields=changed)
    documents = list(documents)
    if {d.pk for d in documents} != set(activity.documents.values_list("pk", flat=True)):
        activity.documents.set(documents)
        changed.append("documents")
    if changed:
        audit_object(
            actor=actor, action=AuditAction.CHANGE, obj=activity, unit=process.unit_id, detail={"fields": changed}
        )
    return activity


@transaction.atomic
def activity_move(*, actor, activity: ProcessActivity, position: int) -> ProcessActivity:
    """Move a step to `position` (1 = first); the steps between shift one place. Moving to where
    it already is (a repeated click) changes nothing."""
    process = _locked(activity.process, actor)
    activity = ProcessActivity.objects.get(pk=activity.pk, process=process)
    count = process.activities.count()
    if not 1 <= position <= count:
        raise ValidationError(f"Ange en plats mellan 1 och {count}.")
    old = activity.position
    if position == old:
        return activity
    # Park the step outside the numbering while the others shift (positions are unique per process).
    parked = (process.activities.aggregate(n=Max("position"))["n"] or 0) + 1
    ProcessActivity.objects.filter(pk=activity.pk).update(position=parked)
    between = process.activities.exclude(pk=activity.pk)
    if position < old:
        moving = between.filter(position__gte=position, position__lt=old)
        _shift(moving, +1, descending=True)
    else:
        moving = between.filter(position__gt=old, position__lte=position)
        _shift(moving, -1, descending=False)
    ProcessActivity.objects.filter(pk=activity.pk).update(position=position)
    activity.position = position
    audit_object(
        actor=actor,
        action=AuditAction.CHANGE,
        obj=activity,
        unit=process.unit_id,
        detail={"fields": ["position"], "from": old, "to": position},
    )
    return activity


def _shift(activities, step: int, *, descending: bool) -> None:
    """Shift each step one place, one row at a time in an order that never collides."""
    order = "-position" if descending else "position"
    for pk in list(activities.order_by(order).values_list("pk", flat=True)):
        ProcessActivity.objects.filter(pk=pk).update(position=F("position") + step)


@transaction.atomic
def activity_remove(*, actor, activity_id: int, process: Process) -> bool:
    """Remove a step and close the gap; False when it is already gone (a repeated click)."""
    process = _locked(process, actor)
    activity = ProcessActivity.objects.filter(pk=activity_id, process=process).first()
    if activity is None:
        return False
    position = activity.position
    audit_object(
        actor=actor,
        action=AuditAction.CHANGE,
        obj=process,
        detail={"fields": ["activities"], "removed_activity": activity.pk, "position": position},
    )
    activity.delete()
    _shift(process.activities.filter(position__gt=position), -1, descending=False)
    return True
