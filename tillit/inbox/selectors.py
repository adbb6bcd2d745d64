"""Reads of the in-app inbox: only ever the current user's own notifications."""

from __future__ import annotations

from django.db.models import QuerySet

from tillit.inbox.models import Notification


def notifications_for(user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user)


def unread_count(user) -> int:
    return notifications_for(user).filter(read_at__isnull=True).count()
