"""A version's uploaded file, kept in the database like event attachments."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

MAX_BYTES = 10 * 1024 * 1024
ALLOWED_TYPES = {
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/msword",
    "application/vnd.oasis.opendocument.text",
    "text/plain",
}


def file_fields(upload: UploadedFile | None) -> dict:
    """The version fields for `upload` (nothing for no file); refuses large or unexpected files."""
    if upload is None:
        return {}
    if upload.size > MAX_BYTES:
        raise ValidationError("Filen är större än 10 MB.")
    content_type = (upload.content_type or "").split(";")[0]
    if content_type not in ALLOWED_TYPES:
        raise ValidationError("Filen måste vara PDF, Word, OpenDocument eller text.")
    return {
        "filename": upload.name[:200],
        "content_type": content_type,
        "size": upload.size,
        "data": upload.read(),
    }
