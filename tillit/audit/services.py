"""Writing the audit trail. Every service that changes or reads personal data calls `audit_record`."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from tillit.audit.chain import canonical, chain_key, key_for, row_hash
from tillit.audit.models import AuditAction, AuditChainHead, AuditEvent, LogReview


def _actor_id(actor) -> int | None:
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None
    return actor.pk


def audit_record(
    *,
    actor,
    action: AuditAction | str,
    object_type: str = "",
    object_id: str | int = "",
    unit_id: int | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one row to the chain. Runs inside the caller's transaction when there is one.

    The chain head is locked (SELECT … FOR UPDATE on PostgreSQL; SQLite serialises writers with
    IMMEDIATE transactions), so concurrent app servers append one at a time. With
    `AUDIT_CHAIN_KEY` set the row is hashed with HMAC-SHA256; the first keyed row is recorded in
    the head, so an existing unkeyed chain continues keyed from there.
    """
    with transaction.atomic():
        head = AuditChainHead.objects.select_for_update().get(pk=1)
        seq = head.seq + 1
        key = chain_key()
        keyed_from = head.keyed_from_seq
        if key and keyed_from is None:
            keyed_from = seq
        if keyed_from is not None and not key:
            # Writing unkeyed rows after keyed ones would break the chain: refuse instead.
            raise ImproperlyConfigured(
                f"The audit chain is keyed from seq {keyed_from}, but AUDIT_CHAIN_KEY is not set."
            )
        at = timezone.now()
        detail = detail or {}
        fields = {
            "seq": seq,
            "at": at,
            "actor_id": _actor_id(actor),
            "action": str(action),
            "object_type": object_type,
            "object_id": str(object_id),
            "unit_id": unit_id,
            "detail": detail,
        }
        digest = row_hash(head.last_hash, canonical(**fields), key_for(seq, keyed_from, key))
        event = AuditEvent.objects.create(prev_hash=head.last_hash, row_hash=digest, **fields)
        AuditChainHead.objects.filter(pk=1).update(seq=seq, last_hash=digest, keyed_from_seq=keyed_from)
        return event


def audit_object(
    *, actor, action: AuditAction, obj: Model, detail: dict[str, Any] | None = None, unit: Model | int | None = None
) -> AuditEvent:
    """Audit an action on a model instance. The row's unit (who may follow it up) is `unit` when
    given — for a part of a case, the case's unit — else `obj.unit_id` when it has one."""
    if unit is not None:
        unit_id = unit if isinstance(unit, int) else unit.pk
    else:
        unit_id = obj.pk if obj._meta.label_lower == "org.unit" else getattr(obj, "unit_id", None)
    return audit_record(
        actor=actor,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=obj.pk,
        unit_id=unit_id,
        detail=detail,
    )


def audit_permission_denied(*, actor, permission: str, object_type: str) -> AuditEvent:
    return audit_record(
        actor=actor,
        action=AuditAction.PERMISSION_DENIED,
        object_type=object_type,
        detail={"permission": permission},
    )


@transaction.atomic
def log_review_record(
    *,
    actor,
    period_start: date,
    period_end: date,
    filters: dict[str, Any],
    sample_seqs: list[int],
    conclusion: str,
) -> LogReview:
    """Record a logguppföljning: what was looked at, the sample read, and the conclusion."""
    review = LogReview.objects.create(
        reviewed_by=actor,
        period_start=period_start,
        period_end=period_end,
        filters=filters,
        sample_seqs=sample_seqs,
        conclusion=conclusion.strip(),
    )
    audit_object(actor=actor, action=AuditAction.CREATE, obj=review, detail={"sample": len(sample_seqs)})
    return review
