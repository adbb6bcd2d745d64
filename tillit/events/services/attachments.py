"""Attachments: checked for size and type (by content, not only by name), refused on closed
cases, audited in the case's unit."""

from __future__ import annotations

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from tillit.audit.models import AuditAction
from tillit.audit.services import audit_object
from tillit.events.models import Attachment, Event
from tillit.events.services.cases import may_work_on

# extension → (content type, a check of the file's first bytes)
ALLOWED: dict[str, tuple[str, bytes | None]] = {
    ".pdf": ("application/pdf", b"%PDF"),
    ".png": ("image/png", b"\x89PNG"),
    ".jpg": ("image/jpeg", b"\xff\xd8\xff"),
    ".jpeg": ("image/jpeg", b"\xff\xd8\xff"),
    ".gif": ("image/gif", b"GIF8"),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK\x03\x04"),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK\x03\x04"),
    ".txt": ("text/plain", None),
}


def _may_attach(actor, event: Event) -> bool:
    return event.reporter_id == getattr(actor, "pk", None) or may_work_on(actor, event)


@transaction.atomic
def attachment_add(*, actor, event: Event, upload: UploadedFile) -> Attachment:
    if not _may_attach(actor, event):
        raise PermissionDenied("Du har inte behörighet att bifoga filer i ärendet.")
    if event.is_final:
        raise ValidationError("Ärendet är avslutat. Filer bifogas inte till ett avslutat ärende.")
    name = PurePath(upload.name or "fil").name[:200]
    extension = PurePath(name).suffix.lower()
    if extension not in ALLOWED:
        raise ValidationError(
            "Filtypen är inte tillåten. Tillåtna är PDF, bilder (PNG, JPEG, GIF), Excel, Word och text."
        )
    limit = settings.ATTACHMENT_MAX_MB * 1024 * 1024
    if upload.size is None or upload.size > limit:
        raise ValidationError(f"Filen är för stor. Största tillåtna storlek är {settings.ATTACHMENT_MAX_MB} MB.")
    data = upload.read()
    content_type, magic = ALLOWED[extension]
    if magic is not None and not data.startswith(magic):
        raise ValidationError("Filens innehåll stämmer inte med filtypen.")
    if magic is None and b"\x00" in data[:4096]:
        raise ValidationError("Filens innehåll stämmer inte med filtypen.")
    attachment = Attachment.objects.create(
        event=event, filename=name, content_type=content_type, size=len(data), data=data, uploaded_by=actor
    )
    audit_object(actor=actor, action=AuditAction.CREATE, obj=attachment, unit=event.unit_id, detail={"event": event.pk})
    return attachment
