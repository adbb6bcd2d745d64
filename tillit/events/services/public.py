"""The public form (no login): synpunkter, klagomål and avvikelser from clients, relatives,
provider staff and substitutes. Anonymous reporters get a receipt code for two-way contact.

Privacy: nothing about the reporter is stored or logged — no IP address, user agent or session.
Floods are stopped without identifying anyone: a honeypot field, a signed form-timing token and a
global rate limit shared by all app servers (in the database cache).
"""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction

from tillit.actions.models import ActionStatus
from tillit.audit.models import AuditAction
from tillit.audit.services import audit_object
from tillit.classification.schemes import ACTION_TYPE
from tillit.classification.selectors import labels
from tillit.events.models import Channel, Event, EventMessage
from tillit.events.services.cases import may_work_on, receipt_code_hash

TOKEN_SALT = "tillit.public-form"
MIN_SECONDS, MAX_SECONDS = 2, 4 * 3600


def form_token() -> str:
    """Signed issue time and a random nonce of this one form load. The nonce is the report's
    idempotency key: a resubmission of the same form gives one event, two visitors never share one."""
    return signing.dumps({"t": int(time.time()), "n": secrets.token_urlsafe(16)}, salt=TOKEN_SALT)


def _token_payload(token: str) -> dict:
    expired = ValidationError("Formuläret har gått ut. Ladda om sidan och försök igen.")
    try:
        payload = signing.loads(token, salt=TOKEN_SALT, max_age=MAX_SECONDS)
    except signing.BadSignature:
        raise expired from None
    if not isinstance(payload, dict) or not isinstance(payload.get("t"), int) or not payload.get("n"):
        raise expired  # a page loaded before tokens carried a nonce
    return payload


def check_form_token(token: str) -> None:
    """Reject a submission made faster than a person can type, or from a page left for hours."""
    if time.time() - _token_payload(token)["t"] < MIN_SECONDS:
        raise ValidationError("Formuläret skickades för snabbt. Försök igen.")


def form_token_nonce(token: str) -> str:
    """The nonce of a token that `check_form_token` accepted."""
    return str(_token_payload(token)["n"])


def within_rate_limit(bucket: str) -> bool:
    """A global limit per minute (no per-person key: we do not keep addresses), counted in the
    shared database cache so that all app servers together accept at most the limit. Each accepted
    request claims the next numbered slot with an atomic `add`; `next` is only a hint where to start."""
    limit = settings.PUBLIC_FORM_RATE_PER_MINUTE
    window = f"public-rate:{bucket}:{int(time.time() // 60)}"
    for slot in range(cache.get(f"{window}:next", 0), limit):
        if cache.add(f"{window}:{slot}", 1, timeout=120):
            cache.set(f"{window}:next", slot + 1, timeout=120)
            return True
    return False


@dataclass
class PublicMeasure:
    """An åtgärd as the reporter sees it with the receipt code: its type and progress, not the
    internal description (which may name staff)."""

    type_label: str
    status_label: str
    due_on: date
    completed_on: date | None


def public_measures(event: Event) -> list[PublicMeasure]:
    """The measures decided in a case (struck ones left out), for its reporter's follow-up page."""
    type_labels = labels(ACTION_TYPE)
    return [
        PublicMeasure(
            type_label=type_labels.get(action.action_type, action.action_type),
            status_label=action.get_status_display(),
            due_on=action.due_on,
            completed_on=action.completed_on,
        )
        for action in event.actions.exclude(status=ActionStatus.STRUKEN).order_by("created_at", "id")
    ]


def event_by_receipt(code: str) -> Event | None:
    code = (code or "").strip()
    if len(code) < 8:
        return None
    return Event.objects.filter(receipt_code_hash=receipt_code_hash(code)).first()


@transaction.atomic
def reporter_message_add(*, event: Event, text: str) -> EventMessage:
    if not text.strip():
        raise ValidationError("Skriv ditt meddelande.")
    message = EventMessage.objects.create(event=event, from_reporter=True, text=text)
    audit_object(
        actor=None,
        action=AuditAction.CREATE,
        obj=message,
        unit=event.unit_id,
        detail={"event": event.pk, "public": True},
    )
    return message


@transaction.atomic
def staff_message_add(*, actor, event: Event, text: str) -> EventMessage:
    if not may_work_on(actor, event):
        raise ValidationError("Du har inte behörighet att skriva till anmälaren.")
    if event.channel != Channel.WEBB or not event.receipt_code_hash:
        raise ValidationError("Anmälaren kan bara nås i ärenden som kommit via det öppna formuläret.")
    if not text.strip():
        raise ValidationError("Skriv ditt meddelande.")
    message = EventMessage.objects.create(event=event, from_reporter=False, text=text, author=actor)
    audit_object(actor=actor, action=AuditAction.CREATE, obj=message, unit=event.unit_id, detail={"event": event.pk})
    return message
