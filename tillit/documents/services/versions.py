"""Versions of a document and their steps through the declared workflow `styrande_dokument`.

A new version is drafted while the current one stays valid; fastställa it (the `faststall` hook)
replaces the current version, which moves to "ersatt" through the same engine.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from tillit.audit.models import AuditAction
from tillit.audit.services import audit_object
from tillit.documents.models import Document, DocumentStatus, DocumentVersion
from tillit.documents.services.uploads import file_fields
from tillit.org.access import has_permission
from tillit.workflow.services import transition, workflow_begin

OPEN_STATES = ("utkast", "granskning")


def unmet(version: DocumentVersion, required: tuple[str, ...]) -> list[str]:
    """Swedish messages for the declared requirements `version` does not meet."""
    problems = []
    if "content" in required and not (version.text.strip() or version.filename):
        problems.append("Versionen saknar både text och fil.")
    if "approved_by" in required and not version.approved_by.strip():
        problems.append("Ange vem som fastställer (en roll eller ett beslut, t.ex. ”SN § 88”).")
    if "valid_from" in required and not version.valid_from:
        problems.append("Ange från vilket datum versionen gäller.")
    if "next_review_on" in required and not version.next_review_on:
        problems.append("Ange när dokumentet senast ska revideras nästa gång.")
    if version.valid_from and version.next_review_on and version.next_review_on <= version.valid_from:
        problems.append("Nästa revidering måste ligga efter giltighetsdatumet.")
    return problems


def sync_status(document: Document) -> None:
    """The document's status: upphävd stays; else its current version's, else its latest draft's."""
    if document.status == DocumentStatus.UPPHAVD:
        return
    if document.current_version_id is not None:
        status = DocumentStatus.FASTSTALLD
    else:
        latest = document.versions.order_by("-number").values_list("state", flat=True).first()
        status = latest if latest in OPEN_STATES else DocumentStatus.UTKAST
    if document.status != status:
        document.status = status
        document.save(update_fields=["status"])


@transaction.atomic
def version_create(
    *, actor, document: Document, text: str | None = None, change_summary: str = "", upload: UploadedFile | None = None
) -> DocumentVersion:
    """A new draft version; the current version stays valid until the new one is fastställd."""
    document = Document.objects.select_for_update().get(pk=document.pk)
    if actor is not None and not has_permission(actor, "document.manage", document.unit_id):
        raise PermissionDenied
    if document.status == DocumentStatus.UPPHAVD:
        raise ValidationError("Dokumentet är upphävt och kan inte få nya versioner.")
    if document.versions.filter(state__in=OPEN_STATES).exists():
        raise ValidationError("Dokumentet har redan en version under arbete.")
    current = document.current_version
    number = (document.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = DocumentVersion.objects.create(
        document=document,
        number=number,
        text=(current.text if current else "") if text is None else text,
        change_summary=change_summary.strip(),
        created_by=actor,
        **file_fields(upload),
    )
    workflow_begin(subject=version, actor=actor, code="ny_version", at=timezone.now(), start=timezone.localdate())
    audit_object(actor=actor, action=AuditAction.CREATE, obj=version, unit=document.unit_id, detail={"number": number})
    sync_status(document)
    return version


@transaction.atomic
def version_transition(*, actor, version: DocumentVersion, code: str, comment: str = "", **fields):
    """Make the declared step `code` on `version` and keep the document's status in step."""
    result = transition(actor=actor, subject=version, code=code, comment=comment, **fields)
    sync_status(Document.objects.get(pk=version.document_id))
    return result


@transaction.atomic
def version_text_update(*, actor, version: DocumentVersion, text: str, change_summary: str = "") -> DocumentVersion:
    """Edit a draft's text (only an utkast is edited; a version on remiss is read as sent)."""
    if not has_permission(actor, "document.manage", version.document.unit_id):
        raise PermissionDenied
    if version.state != "utkast":
        raise ValidationError("Bara ett utkast kan ändras.")
    version.text, version.change_summary = text, change_summary.strip()
    version.save(update_fields=["text", "change_summary"])
    audit_object(actor=actor, action=AuditAction.CHANGE, obj=version, unit=version.document.unit_id, detail={})
    return version


def on_faststalld(*, actor, subject: DocumentVersion, transition) -> None:
    """Hook of `faststall`: the version becomes the current one and replaces the previous; the
    document's open "reviderad rutin" åtgärder are completed by it."""
    document = Document.objects.select_for_update().get(pk=subject.document_id)
    previous = document.current_version
    subject.approved_on = subject.approved_on or timezone.localdate()
    subject.is_revision = previous is not None
    subject.save(update_fields=["approved_on", "is_revision"])
    if previous is not None and previous.state == "faststalld":
        from tillit.workflow.services import transition as make

        make(actor=actor, subject=previous, code="ersatt", comment=f"Ersatt av version {subject.number}")
    document.current_version = subject
    document.next_review_on = subject.next_review_on
    document.status = DocumentStatus.FASTSTALLD
    document.save(update_fields=["current_version", "next_review_on", "status"])
    from tillit.documents.revisions import complete_revision_actions

    complete_revision_actions(actor=actor, document=document)


def on_upphavd(*, actor, subject: DocumentVersion, transition) -> None:
    """Hook of `upphav`: the whole document stops applying."""
    Document.objects.filter(pk=subject.document_id).update(status=DocumentStatus.UPPHAVD, next_review_on=None)
