"""Verify the audit trail's hash chain: every row's hash, the links, the chain head and anchors.

An anchor (`SEQ:HASH`, printed by `audit_anchor` and kept outside the database) pins a row: a
chain that was cut back (rows deleted at the end and the head rewound) or rewritten (rows changed
and every later hash recomputed) no longer contains that row with that hash, although it is
internally consistent.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import DEFAULT_DB_ALIAS

from tillit.audit.chain import GENESIS_HASH, canonical, chain_key, key_for, row_hash
from tillit.audit.models import AuditChainHead, AuditEvent


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    broken_seq: int | None = None
    broken_id: int | None = None
    reason: str = ""
    head_seq: int = 0  # the last row verified (0 with the genesis hash when the chain is empty)
    head_hash: str = GENESIS_HASH
    keyed_from_seq: int | None = None


def verify_chain(
    *, batch: int = 5000, anchors: Iterable[tuple[int, str]] = (), using: str = DEFAULT_DB_ALIAS
) -> VerifyResult:
    """Walk the rows in `seq` order in batches (memory stays flat for millions of rows).

    `using` lets `backup` verify a copy through a second database alias with the same logic.
    """
    pinned = dict(anchors)
    head = AuditChainHead.objects.using(using).filter(pk=1).first()
    keyed_from = head.keyed_from_seq if head else None
    key = chain_key()
    expected_prev, expected_seq, checked, last_seq = GENESIS_HASH, 1, 0, 0

    def broken(seq, pk, reason) -> VerifyResult:
        return VerifyResult(False, checked, seq, pk, reason, last_seq, expected_prev, keyed_from)

    while True:
        rows = list(
            AuditEvent.objects.using(using)
            .filter(seq__gt=last_seq)
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
                return broken(expected_seq, None, f"rad {expected_seq} saknas")
            if keyed_from is not None and seq >= keyed_from and key is None:
                return broken(seq, pk, f"kedjan är nycklad från rad {keyed_from} men AUDIT_CHAIN_KEY är inte satt")
            if prev != expected_prev:
                return broken(seq, pk, "prev_hash stämmer inte med föregående rad")
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
            if row_hash(prev, canonical(**fields), key_for(seq, keyed_from, key)) != digest:
                return broken(seq, pk, "row_hash stämmer inte med radens innehåll (raden är ändrad)")
            if seq in pinned and pinned[seq] != digest:
                return broken(
                    seq,
                    pk,
                    "raden har en annan hash än ankaret: kedjan är omskriven (rader ändrade och hashar omräknade)",
                )
            expected_prev, expected_seq, last_seq = digest, seq + 1, seq
            checked += 1
    if head is None:
        return broken(last_seq + 1, None, "kedjans huvud (AuditChainHead) saknas")
    if head.seq != last_seq or head.last_hash != expected_prev:
        return broken(last_seq + 1, None, "kedjans huvud stämmer inte med sista raden (rader borttagna i slutet)")
    for seq in sorted(pinned):
        if seq > last_seq:
            return broken(
                seq,
                None,
                f"rad {seq} från ankaret finns inte: kedjan är avkortad"
                " (rader borttagna i slutet, huvudet tillbakaskrivet)",
            )
        if seq == 0 and pinned[seq] != GENESIS_HASH:
            return broken(0, None, "ankaret för rad 0 ska vara kedjans starthash")
    return VerifyResult(True, checked, head_seq=last_seq, head_hash=expected_prev, keyed_from_seq=keyed_from)
