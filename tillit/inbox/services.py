"""Reminders from every app that registers a reminder source (tillit.core.registry), by e-mail and
in the in-app inbox. Idempotent by `Notification.key`."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from tillit.core.registry import registry
from tillit.inbox.models import Notification

logger = logging.getLogger(__name__)


@dataclass
class ReminderRun:
    created: int = 0
    emailed: int = 0


def _notify(recipient_id: int, key: str, message: str, url: str, run: ReminderRun) -> None:
    try:
        with transaction.atomic():
            note = Notification.objects.create(recipient_id=recipient_id, key=key, message=message, url=url)
    except IntegrityError:
        return  # already reminded about exactly this: send nothing twice
    run.created += 1
    email = note.recipient.email
    if email:
        send_mail(
            subject=f"Tillit: {message}",
            message=f"{message}\n\n{settings.SITE_URL}{url}\n\nDet här är en automatisk påminnelse från Tillit.",
            from_email=None,
            recipient_list=[email],
        )
        Notification.objects.filter(pk=note.pk).update(emailed_at=timezone.now())
        run.emailed += 1


def reminders_send(*, today: date | None = None) -> ReminderRun:
    """Create the reminders that are due now, from every registered source. Safe to run as often
    as wanted: a reminder's key is stored, so nothing is sent twice."""
    today = today or timezone.localdate()
    run = ReminderRun()
    for source in registry.reminder_sources.values():
        for reminder in source.collect(today):
            for recipient_id in reminder.recipient_ids:
                _notify(recipient_id, reminder.key, reminder.message, reminder.url, run)
    return run


def _email_after_commit(*, address: str, message: str, url: str, notification_id: int | None = None) -> None:
    """Send once the transaction that made the news commits (nothing is told about a change that was
    rolled back); a mail server that is down loses the e-mail, never the change or the inbox item."""

    def send() -> None:
        link = f"\n\n{settings.SITE_URL}{url}" if url else ""
        try:
            send_mail(
                subject=f"Tillit: {message}",
                message=f"{message}{link}\n\nDet här är ett automatiskt meddelande från Tillit.",
                from_email=None,
                recipient_list=[address],
            )
        except Exception:
            logger.exception("notification e-mail not sent")
            return
        if notification_id is not None:
            Notification.objects.filter(pk=notification_id).update(emailed_at=timezone.now())

    transaction.on_commit(send)


def notification_send(*, recipient_ids: Iterable[int], key: str, message: str, url: str = "") -> int:
    """Tell users something now (not a due reminder): an inbox item each, and an e-mail to those with
    an address, sent when the caller's transaction commits. `message` never holds case content (it
    may go by e-mail). Idempotent by `key` per recipient; returns how many were told."""
    told = 0
    for recipient_id in sorted(set(recipient_ids)):
        try:
            with transaction.atomic():
                note = Notification.objects.create(recipient_id=recipient_id, key=key, message=message[:300], url=url)
        except IntegrityError:
            continue  # told about exactly this already
        told += 1
        if email := note.recipient.email:
            _email_after_commit(address=email, message=message, url=url, notification_id=note.pk)
    return told


def email_send(*, address: str, message: str, url: str = "") -> None:
    """E-mail someone without an account (e.g. who used the public form and left an address), when
    the caller's transaction commits. `message` never holds case content."""
    _email_after_commit(address=address, message=message, url=url)


@transaction.atomic
def notification_mark_read(*, actor, notification: Notification) -> Notification:
    if notification.recipient_id != actor.pk:
        raise PermissionError("not your notification")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def notifications_mark_all_read(*, actor) -> int:
    """Mark every unread notification of `actor` as read; returns how many were unread."""
    return Notification.objects.filter(recipient=actor, read_at__isnull=True).update(read_at=timezone.now())
