"""Reminders: overdue and soon-due deadlines to the responsible person, overdue åtgärder to their
owner, by e-mail and in the in-app inbox. Idempotent by `Notification.key`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from tillit.accounts.models import RoleAssignment
from tillit.accounts.roles import Role
from tillit.actions.models import Action, ActionStatus
from tillit.events.models import EventDeadline
from tillit.inbox.models import Notification
from tillit.org.models import Unit


@dataclass
class ReminderRun:
    created: int = 0
    emailed: int = 0


def unit_managers(unit_id: int) -> list[int]:
    """User ids of the enhetschefer nearest above (or at) the unit: who receives an unassigned case."""
    unit = Unit.objects.only("path").get(pk=unit_id)
    for ancestor_id in reversed([int(p) for p in unit.path.strip("/").split("/")]):
        ids = list(
            RoleAssignment.objects.filter(unit_id=ancestor_id, role=Role.ENHETSCHEF, user__is_active=True).values_list(
                "user_id", flat=True
            )
        )
        if ids:
            return ids
    return []


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


def reminders_send(*, today: date | None = None, warn_days: int = 1) -> ReminderRun:
    """Create the reminders that are due now. Safe to run as often as wanted."""
    today = today or timezone.localdate()
    run = ReminderRun()
    deadlines = (
        EventDeadline.objects.filter(met_on__isnull=True, due_on__lte=today + timedelta(days=warn_days))
        .filter(event__closed_on__isnull=True)
        .select_related("event")
    )
    for deadline in deadlines.iterator(chunk_size=500):
        event = deadline.event
        state = "forsenad" if deadline.due_on < today else "snart"
        recipients = [event.responsible_id] if event.responsible_id else unit_managers(event.unit_id)
        verb = "har passerat" if state == "forsenad" else "går ut"
        message = f"{event.reference}: tidsfristen ”{deadline.label}” {verb} {deadline.due_on:%Y-%m-%d}"
        url = reverse("events:event_detail", args=[event.pk])
        for recipient_id in recipients:
            _notify(recipient_id, f"deadline:{deadline.pk}:{deadline.code}:{state}", message, url, run)
    actions = Action.objects.filter(
        status__in=[ActionStatus.PLANERAD, ActionStatus.PAGAENDE], due_on__lt=today
    ).select_related("event")
    for action in actions.iterator(chunk_size=500):
        reference = action.event.reference if action.event else "Åtgärd"
        message = f"{reference}: åtgärden skulle ha varit klar {action.due_on:%Y-%m-%d}"
        url = reverse("events:event_detail", args=[action.event_id]) if action.event_id else ""
        _notify(action.owner_id, f"action:{action.pk}:forsenad", message, url, run)
    return run


@transaction.atomic
def notification_mark_read(*, actor, notification: Notification) -> Notification:
    if notification.recipient_id != actor.pk:
        raise PermissionError("not your notification")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification
