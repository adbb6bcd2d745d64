"""Creating a styrande dokument together with its first draft version."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from tillit.audit.models import AuditAction
from tillit.audit.services import audit_object
from tillit.documents.models import Document, DocumentType, DocumentVersion, Process
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
