"""Verify the audit trail's hash chain: every row's hash, the links and the chain head."""

from __future__ import annotations

from dataclasses import dataclass

from tillit.audit.chain import GENESIS_HASH, canonical, row_hash
from tillit.audit.models import AuditChainHead, AuditEvent


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    broken_seq: int | None = None
    broken_id: int | None = None
    reason: str = ""


def verify_chain(*, batch: int = 5000) -> VerifyResult:
    """Walk the rows in `seq` order in batches (memory stays flat for millions of rows)."""
    expected_prev, expected_seq, checked, last_seq = GENESIS_HASH, 1, 0, 0
    while True:
        rows = list(
            AuditEvent.objects.filter(seq__gt=last_seq)
            .order_by("seq")
            .values_list(
                "id",
                "seq",
                "at",
                "actor_id",
                "action",
                "object_type",
                "object_id",
                "unit_id",
                "detail",
                "prev_hash",
                "row_hash",
            )[:batch]
        )
        if not rows:
            break
        for pk, seq, at, actor_id, action, object_type, object_id, unit_id, detail, prev, digest in rows:
            if seq != expected_seq:
                return VerifyResult(False, checked, expected_seq, None, f"rad {expected_seq} saknas")
            if prev != expected_prev:
                return VerifyResult(False, checked, seq, pk, "prev_hash stämmer inte med föregående rad")
            fields = dict(
                seq=seq,
                at=at,
                actor_id=actor_id,
                action=action,
                object_type=object_type,
                object_id=object_id,
                unit_id=unit_id,
                detail=detail,
            )
            if row_hash(prev, canonical(**fields)) != digest:
                return VerifyResult(
                    False, checked, seq, pk, "row_hash stämmer inte med radens innehåll (raden är ändrad)"
                )
            expected_prev, expected_seq, last_seq = digest, seq + 1, seq
            checked += 1
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is None:
        return VerifyResult(False, checked, last_seq + 1, None, "kedjans huvud (AuditChainHead) saknas")
    if head.seq != last_seq or head.last_hash != expected_prev:
        return VerifyResult(
            False, checked, last_seq + 1, None, "kedjans huvud stämmer inte med sista raden (rader borttagna i slutet)"
        )
    return VerifyResult(True, checked)
