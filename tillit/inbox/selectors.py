"""Reads of the in-app inbox."""

from __future__ import annotations

from tillit.inbox.models import Notification


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
