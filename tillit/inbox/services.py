"""Reminders from every app that registers a reminder source (tillit.core.registry), by e-mail and
in the in-app inbox. Idempotent by `Notification.key`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from tillit.core.registry import registry
from tillit.inbox.models import Notification


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
