"""Canonical form and hashing of audit rows; shared by writing and `verify_audit`."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any

GENESIS_HASH = "0" * 64


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


def row_hash(prev_hash: str, canonical_row: str) -> str:
    return hashlib.sha256(f"{prev_hash}\n{canonical_row}".encode()).hexdigest()
