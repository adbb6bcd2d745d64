"""API tokens for verksamhetssystem that push reports to Tillit or read events in their units."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Integration(models.Model):
    """One connected system. It acts as its own technical user (for the audit trail) and sees
    only the units it is scoped to, and the units below them. Only a hash of the token is kept."""

    name = models.CharField("namn", max_length=120, unique=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="integration", verbose_name="teknisk användare"
    )
    units = models.ManyToManyField("org.Unit", verbose_name="enheter (och enheter under)", related_name="+")
    can_read = models.BooleanField("får läsa händelser", default=False)
    token_prefix = models.CharField(max_length=8, db_index=True)
    token_hash = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="integrations_created"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField("återkallad", null=True, blank=True)
    last_used_at = models.DateTimeField("senast använd", null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "integration"
        verbose_name_plural = "integrationer"

    def __str__(self) -> str:
        return self.name

    @property
    def active(self) -> bool:
        return self.revoked_at is None


class IdempotencyKey(models.Model):
    """An `Idempotency-Key` an integration sent with a report, with a hash of that request's body
    (the IETF Idempotency-Key draft): a retry returns the event, another body under the key is refused."""

    integration = models.ForeignKey(Integration, on_delete=models.CASCADE, related_name="idempotency_keys")
    key = models.CharField(max_length=255)
    # SHA-256 of the canonical request body; empty for keys recorded before bodies were hashed.
    request_hash = models.CharField(max_length=64, blank=True)
    event = models.ForeignKey("events.Event", on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["integration", "key"], name="idempotency_key_per_integration")]

    def __str__(self) -> str:
        return self.key
