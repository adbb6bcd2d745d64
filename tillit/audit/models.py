"""The append-only, hash-chained audit trail and the records of its follow-up."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class AuditAction(models.TextChoices):
    CREATE = "create", "Skapad"
    CHANGE = "change", "Ändrad"
    TRANSITION = "transition", "Statusbyte"
    READ = "read", "Läst"
    EXPORT = "export", "Export"
    LOGIN = "login", "Inloggning"
    LOGIN_FAILED = "login_failed", "Misslyckad inloggning"
    LOGOUT = "logout", "Utloggning"
    PERMISSION_DENIED = "permission_denied", "Nekad åtkomst"
    RETENTION = "retention", "Gallring"


class AuditEvent(models.Model):
    """One audited action: who, what, when (UTC), in which unit, on which object.

    No personal data goes into `detail`: only codes, ids and field names. Rows are chained by
    `prev_hash`/`row_hash` (SHA-256, or HMAC-SHA256 with `AUDIT_CHAIN_KEY`) and database triggers
    reject UPDATE and DELETE.
    """

    seq = models.BigIntegerField(unique=True)
    at = models.DateTimeField(db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    action = models.CharField(max_length=32, choices=AuditAction.choices)
    object_type = models.CharField(max_length=100, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    unit = models.ForeignKey(
        "org.Unit", null=True, blank=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    detail = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    row_hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["seq"]
        indexes = [
            models.Index(fields=["actor", "at"], name="audit_actor_at"),
            models.Index(fields=["object_type", "object_id"], name="audit_object"),
            models.Index(fields=["unit", "at"], name="audit_unit_at"),
        ]


class AuditChainHead(models.Model):
    """A single row holding the last sequence number and hash; locked to append to the chain.

    `keyed_from_seq` is the first row hashed with `AUDIT_CHAIN_KEY` (HMAC-SHA256); rows before it,
    written before a key was configured, are plain SHA-256. Null while the chain is unkeyed.
    """

    seq = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)
    keyed_from_seq = models.BigIntegerField(null=True, blank=True)


class LogReview(models.Model):
    """A documented follow-up of the log (logguppföljning): the filter, the sample, the conclusion."""

    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reviewed_at = models.DateTimeField(auto_now_add=True)
    period_start = models.DateField("från")
    period_end = models.DateField("till")
    filters = models.JSONField("urval", default=dict, blank=True)
    sample_seqs = models.JSONField("stickprov", default=list, blank=True)
    conclusion = models.TextField("slutsats")

    class Meta:
        ordering = ["-reviewed_at"]
        verbose_name = "logguppföljning"
        verbose_name_plural = "logguppföljningar"
