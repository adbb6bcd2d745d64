"""Reminders to a document's owner: the next review (revidering) is near, or it has passed; and to
staff who have not confirmed a läskvittens some days after they were asked. Messages name only
the document's code and title (no case content)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from tillit.core.registry import Reminder
from tillit.documents.models import Document, DocumentStatus, ReadReceipt

REVIEW_NOTICE_DAYS = 30
# Service level of a läskvittens: staff who have not confirmed this many days after being asked are
# reminded once (settings.READ_RECEIPT_REMINDER_DAYS overrides it).
READ_RECEIPT_REMINDER_DAYS = 14


def read_receipt_reminder_days() -> int:
    return int(getattr(settings, "READ_RECEIPT_REMINDER_DAYS", READ_RECEIPT_REMINDER_DAYS))


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


def read_receipt_reminders(today: date) -> Iterator[Reminder]:
    """One reminder per unconfirmed läskvittens of a current version, when it has waited the
    service level's number of days (a later version's request gives a new reminder)."""
    days = read_receipt_reminder_days()
    asked_before = timezone.make_aware(datetime.combine(today - timedelta(days=days - 1), time.min))
    receipts = (
        ReadReceipt.objects.filter(
            confirmed_at__isnull=True, version__state="faststalld", requested_at__lt=asked_before, user__is_active=True
        )
        .select_related("version__document")
        .only("pk", "user_id", "version__number", "version__document__code", "version__document__title")
    )
    for receipt in receipts.iterator(chunk_size=500):
        document = receipt.version.document
        yield Reminder(
            recipient_ids=[receipt.user_id],
            key=f"read_receipt:{receipt.pk}",
            message=(
                f"{document.code} {document.title[:150]}: kvittera att du har läst version "
                f"{receipt.version.number} (begärt för mer än {days} dagar sedan)"
            ),
            url=reverse("documents:document_detail", args=[document.pk]),
        )
