"""Reminders to a document's owner: the next review (revidering) is near, or it has passed.
Messages name only the document's code and title (no case content)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from django.urls import reverse

from tillit.core.registry import Reminder
from tillit.documents.models import Document, DocumentStatus

REVIEW_NOTICE_DAYS = 30


def review_reminders(today: date) -> Iterator[Reminder]:
    """One reminder a month before the review date and one when it has passed; the key holds the
    date, so setting a new review date gives new reminders when that one comes."""
    documents = Document.objects.filter(
        status=DocumentStatus.FASTSTALLD, next_review_on__lte=today + timedelta(days=REVIEW_NOTICE_DAYS)
    ).only("pk", "code", "title", "owner_id", "next_review_on")
    for document in documents.iterator(chunk_size=500):
        passed = document.next_review_on < today
        name = f"{document.code} {document.title[:150]}"
        yield Reminder(
            recipient_ids=[document.owner_id],
            key=f"document:{document.pk}:{'forsenad' if passed else 'snart'}:{document.next_review_on:%Y%m%d}",
            message=(
                f"{name}: revideringen skulle ha gjorts {document.next_review_on:%Y-%m-%d}"
                if passed
                else f"{name}: ska revideras senast {document.next_review_on:%Y-%m-%d}"
            ),
            url=reverse("documents:document_detail", args=[document.pk]),
        )
