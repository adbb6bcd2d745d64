"""In-app notifications (the inbox) and the record that a reminder was sent."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Notification(models.Model):
    """One reminder to one person about one thing. The unique key makes reminders idempotent:
    running the reminder task again finds the row and sends nothing twice."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    key = models.CharField(max_length=120, help_text="What the reminder is about, e.g. deadline:42:mottagen:overdue")
    message = models.CharField(max_length=300)  # no free text from cases: reference, label, date
    url = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["recipient", "key"], name="notification_once")]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.message
