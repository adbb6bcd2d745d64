"""Canonical form and hashing of audit rows; shared by writing, `verify_audit` and `backup`.

Rows are chained: each row's hash covers the previous row's hash and the row's canonical form.
Without a key the hash is plain SHA-256, so anyone with write access to the database could
rewrite a row and recompute every later hash. With `AUDIT_CHAIN_KEY` (a secret kept outside the
database) the hash is HMAC-SHA256 under that key, and a rewrite without the key is detected.

A chain started without a key continues keyed once the key is set: the chain head records the
first keyed sequence number (`AuditChainHead.keyed_from_seq`); rows before it stay plain SHA-256.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from datetime import UTC, datetime
from typing import Any

from django.conf import settings

GENESIS_HASH = "0" * 64
ANCHOR_PATTERN = re.compile(r"^(\d+):([0-9a-f]{64})$")


def canonical(
    *,
    seq: int,
    at: datetime,
    actor_id: int | None,
    action: str,
    object_type: str,
    object_id: str,
    unit_id: int | None,
    detail: dict[str, Any],
) -> str:
    return json.dumps(
        {
            "seq": seq,
            "at": at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
            "actor": actor_id,
            "action": action,
            "object_type": object_type,
            "object_id": object_id,
            "unit": unit_id,
            "detail": detail,
        },
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )


def row_hash(prev_hash: str, canonical_row: str, key: bytes | None = None) -> str:
    """SHA-256 of the link and row, or HMAC-SHA256 under `key` when the chain is keyed."""
    message = f"{prev_hash}\n{canonical_row}".encode()
    if key:
        return hmac.new(key, message, hashlib.sha256).hexdigest()
    return hashlib.sha256(message).hexdigest()


def chain_key() -> bytes | None:
    """The configured `AUDIT_CHAIN_KEY` (outside the database), or None for plain SHA-256."""
    key = getattr(settings, "AUDIT_CHAIN_KEY", "") or ""
    return key.encode() if key else None


def key_for(seq: int, keyed_from_seq: int | None, key: bytes | None) -> bytes | None:
    """The key a row was (or is to be) hashed with: none before the chain became keyed."""
    if keyed_from_seq is None or seq < keyed_from_seq:
        return None
    return key


def parse_anchor(text: str) -> tuple[int, str]:
    """`SEQ:HASH` as printed by `audit_anchor` → (seq, hash). Raises ValueError in Swedish."""
    match = ANCHOR_PATTERN.match(text.strip().lower())
    if not match:
        raise ValueError(f"Ogiltigt ankare ”{text}”: skriv SEQ:HASH, t.ex. 1234:{'ab' * 32}.")
    return int(match.group(1)), match.group(2)


def format_anchor(seq: int, digest: str) -> str:
    return f"{seq}:{digest}"
