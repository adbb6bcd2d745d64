"""Creating and revoking integrations. The token is shown once; only its SHA-256 is stored."""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify

from tillit.accounts.models import User
from tillit.audit.models import AuditAction
from tillit.audit.services import audit_object
from tillit.events.models import Channel
from tillit.events.services import Reported, event_report
from tillit.integrations.models import IdempotencyKey, Integration
from tillit.org.models import Unit

TOKEN_PREFIX = "tlt_"
IDEMPOTENCY_KEY_MAX_LENGTH = 255


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class CreatedIntegration:
    integration: Integration
    token: str  # shown to the administrator once, never stored


@transaction.atomic
def integration_create(*, actor, name: str, units: Iterable[Unit], can_read: bool = False) -> CreatedIntegration:
    units = list(units)
    if not units:
        raise ValidationError("Välj minst en enhet som integrationen gäller för.")
    if Integration.objects.filter(name=name).exists():
        raise ValidationError("Det finns redan en integration med det namnet.")
    user = User(username=f"integration-{slugify(name)[:60]}-{secrets.token_hex(3)}", first_name=name)
    user.set_unusable_password()  # a technical identity: it can never log in interactively
    user.save()
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    integration = Integration.objects.create(
        name=name,
        user=user,
        can_read=can_read,
        token_prefix=token[:8],
        token_hash=token_hash(token),
        created_by=actor,
    )
    integration.units.set(units)
    audit_object(
        actor=actor,
        action=AuditAction.CREATE,
        obj=integration,
        detail={"units": [u.pk for u in units], "can_read": can_read},
    )
    return CreatedIntegration(integration=integration, token=token)


@transaction.atomic
def integration_revoke(*, actor, integration: Integration) -> Integration:
    if integration.revoked_at is None:
        integration.revoked_at = timezone.now()
        integration.save(update_fields=["revoked_at"])
        audit_object(actor=actor, action=AuditAction.CHANGE, obj=integration, detail={"fields": ["revoked_at"]})
    return integration


def integration_for_token(token: str) -> Integration | None:
    if not token.startswith(TOKEN_PREFIX):
        return None
    integration = (
        Integration.objects.select_related("user").filter(token_hash=token_hash(token), revoked_at__isnull=True).first()
    )
    if integration is not None:
        # Written at most once a minute, so that a busy integration does not write on every call.
        now = timezone.now()
        if integration.last_used_at is None or (now - integration.last_used_at).total_seconds() > 60:
            Integration.objects.filter(pk=integration.pk).update(last_used_at=now)
    return integration


class IdempotencyKeyReused(Exception):
    """The integration sent this `Idempotency-Key` before, with another request body."""


def request_hash(body: dict) -> str:
    """SHA-256 of the canonical request body: the validated fields as JSON with sorted keys, so a
    retry that reorders fields or re-spaces the JSON is still the same request."""
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def _replayed(*, integration: Integration, key: str, body_hash: str) -> Reported | None:
    record = IdempotencyKey.objects.select_related("event").filter(integration=integration, key=key).first()
    if record is None:
        return None
    if record.request_hash and record.request_hash != body_hash:
        raise IdempotencyKeyReused
    return Reported(event=record.event, created=False)


def api_event_report(*, integration: Integration, idempotency_key: str, body_hash: str, **report) -> Reported:
    """File an event for an integration (see `event_report` for `report`). A key seen before with
    the same body returns its event; with another body it raises `IdempotencyKeyReused`. The key is
    recorded in the event's transaction, so a crash leaves neither or both."""
    if len(idempotency_key) > IDEMPOTENCY_KEY_MAX_LENGTH:
        raise ValidationError(f"Idempotency-Key får vara högst {IDEMPOTENCY_KEY_MAX_LENGTH} tecken.")
    if idempotency_key and (replayed := _replayed(integration=integration, key=idempotency_key, body_hash=body_hash)):
        return replayed
    try:
        with transaction.atomic():
            reported = event_report(actor=integration.user, channel=Channel.API, **report)
            if idempotency_key:
                IdempotencyKey.objects.create(
                    integration=integration, key=idempotency_key, request_hash=body_hash, event=reported.event
                )
    except IntegrityError:
        # A concurrent request with the same key won the race; its event is the one.
        if idempotency_key and (
            replayed := _replayed(integration=integration, key=idempotency_key, body_hash=body_hash)
        ):
            return replayed
        raise
    return reported
