"""Creating a styrande dokument together with its first draft version, and editing its metadata."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from tillit.audit.models import AuditAction
from tillit.audit.services import audit_object
from tillit.documents.models import Document, DocumentStatus, DocumentType, DocumentVersion, Process
from tillit.documents.services.uploads import file_fields
from tillit.org.access import has_permission
from tillit.org.models import Unit
from tillit.workflow.services import workflow_begin


@transaction.atomic
def document_create(
    *,
    actor,
    code: str,
    title: str,
    doc_type: str,
    unit: Unit,
    owner,
    applies_to: Iterable[Unit] = (),
    legal_references: str = "",
    related: Iterable[Document] = (),
    process: Process | None = None,
    text: str = "",
    upload: UploadedFile | None = None,
) -> Document:
    """A new document owned by `unit`, with version 1 as an utkast."""
    if actor is not None and not has_permission(actor, "document.manage", unit):
        raise PermissionDenied
    code, title = code.strip(), title.strip()
    if not code or not title:
        raise ValidationError("Ange dokumentkod och titel.")
    if doc_type not in DocumentType.values:
        raise ValidationError("Okänd dokumenttyp.")
    if Document.objects.filter(code=code).exists():
        raise ValidationError(f"Det finns redan ett dokument med koden ”{code}”.")
    document = Document.objects.create(
        code=code,
        title=title,
        doc_type=doc_type,
        unit=unit,
        owner=owner,
        legal_references=legal_references.strip(),
        process=process,
    )
    document.applies_to.set(list(applies_to) or [unit])
    document.related.set(list(related))
    version = DocumentVersion.objects.create(
        document=document, number=1, text=text, created_by=actor, **file_fields(upload)
    )
    workflow_begin(subject=version, actor=actor, code="skapad", at=timezone.now(), start=timezone.localdate())
    audit_object(actor=actor, action=AuditAction.CREATE, obj=document, detail={"type": doc_type})
    return document


@transaction.atomic
def document_update(
    *,
    actor,
    document: Document,
    title: str,
    doc_type: str,
    unit: Unit,
    owner,
    applies_to: Iterable[Unit] = (),
    next_review_on: date | None = None,
    legal_references: str = "",
    related: Iterable[Document] = (),
    process: Process | None = None,
) -> Document:
    """Edit a document's metadata (not its text: that is a new version). Moving it to another
    unit takes the right to manage documents in both. Audited with the changed fields' names."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    if not has_permission(actor, "document.manage", document.unit_id):
        raise PermissionDenied
    if unit.pk != document.unit_id and not has_permission(actor, "document.manage", unit):
        raise ValidationError("Du kan bara flytta dokumentet till en enhet där du hanterar styrande dokument.")
    title = title.strip()
    if not title:
        raise ValidationError("Ange en titel.")
    if doc_type not in DocumentType.values:
        raise ValidationError("Okänd dokumenttyp.")
    if not owner.is_active:
        raise ValidationError("Dokumentägaren måste vara en aktiv användare.")
    if document.status == DocumentStatus.UPPHAVD:
        raise ValidationError("Dokumentet är upphävt och kan inte ändras.")
    if (
        next_review_on is not None
        and next_review_on < timezone.localdate()
        and next_review_on != document.next_review_on
    ):
        raise ValidationError("Nästa revidering kan inte sättas till ett datum som har passerat.")
    if document.status == DocumentStatus.FASTSTALLD and next_review_on is None:
        raise ValidationError("Ett fastställt dokument måste ha ett datum för nästa revidering.")
    related = [d for d in related if d.pk != document.pk]
    wanted = {
        "title": title,
        "doc_type": doc_type,
        "unit": unit,
        "owner": owner,
        "next_review_on": next_review_on,
        "legal_references": legal_references.strip(),
        "process": process,
    }
    changed = [name for name, value in wanted.items() if getattr(document, name) != value]
    for name in changed:
        setattr(document, name, wanted[name])
    if changed:
        document.save(update_fields=changed)
    applies = {u.pk for u in applies_to} or {unit.pk}
    if applies != set(document.applies_to.values_list("pk", flat=True)):
        document.applies_to.set(applies)
        changed.append("applies_to")
    if {d.pk for d in related} != set(document.related.values_list("pk", flat=True)):
        document.related.set(related)
        changed.append("related")
    if changed:
        audit_object(actor=actor, action=AuditAction.CHANGE, obj=document, detail={"fields": changed})
    return document
