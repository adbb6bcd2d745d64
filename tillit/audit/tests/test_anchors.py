"""Anchors kept outside the database, the keyed chain (AUDIT_CHAIN_KEY) and `verify_audit`'s edges.

Each tamper scenario here leaves an internally consistent chain that plain `verify_audit` accepts;
the anchor or the key is what finds it.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from tillit.audit.chain import GENESIS_HASH, canonical, row_hash
from tillit.audit.models import AuditAction, AuditChainHead, AuditEvent
from tillit.audit.services import audit_record
from tillit.audit.triggers import triggers_lifted
from tillit.audit.verify import verify_chain

TABLE = AuditEvent._meta.db_table
KEY = "test-chain-key-kept-outside-the-database"


def _rows(n: int) -> list[AuditEvent]:
    return [
        audit_record(actor=None, action=AuditAction.CREATE, object_type="x", object_id=i, detail={"n": i})
        for i in range(n)
    ]


def _anchor(capsys) -> str:
    call_command("audit_anchor")
    return capsys.readouterr().out.strip()


def _verify(capsys, *anchors: str) -> tuple[int, str, str]:
    args = [f"--anchor={a}" for a in anchors]
    try:
        call_command("verify_audit", *args)
        code = 0
    except SystemExit as exc:
        code = exc.code
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _rehash_from(seq: int, *, key: bytes | None = None, change: dict | None = None) -> None:
    """Rewrite rows from `seq` on (optionally changing the first) and recompute every later hash
    and the head, as someone with write access to the database but without the key would."""
    with triggers_lifted(), connection.cursor() as cursor:
        rows = list(AuditEvent.objects.filter(seq__gte=seq).order_by("seq"))
        prev = AuditEvent.objects.get(seq=seq - 1).row_hash if seq > 1 else GENESIS_HASH
        for i, row in enumerate(rows):
            if i == 0 and change:
                for name, value in change.items():
                    setattr(row, name, value)
            fields = {f: getattr(row, f) for f in ("seq", "at", "actor_id", "action")}
            fields |= {f: getattr(row, f) for f in ("object_type", "object_id", "unit_id", "detail")}
            digest = row_hash(prev, canonical(**fields), key)
            cursor.execute(
                f"UPDATE {TABLE} SET action = %s, prev_hash = %s, row_hash = %s WHERE id = %s",
                [row.action, prev, digest, row.pk],
            )
            prev = digest
        AuditChainHead.objects.filter(pk=1).update(last_hash=prev)


@pytest.mark.django_db
def test_audit_anchor_prints_the_head_and_verify_ends_with_it(capsys):
    _rows(3)
    head = AuditChainHead.objects.get(pk=1)
    anchor = _anchor(capsys)
    assert anchor == f"{head.seq}:{head.last_hash}"
    code, out, _ = _verify(capsys, anchor)
    assert code == 0 and "1 ankare stämmer." in out
    assert out.strip().splitlines()[-1] == f"Kontrollerat huvud: {anchor}"


@pytest.mark.django_db(transaction=True)
def test_truncated_chain_with_rewound_head_is_found_by_the_anchor(capsys):
    rows = _rows(6)
    anchor = _anchor(capsys)
    with triggers_lifted(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE seq > %s", [rows[3].seq])
    AuditChainHead.objects.filter(pk=1).update(seq=rows[3].seq, last_hash=rows[3].row_hash)
    assert verify_chain().ok  # consistent without the anchor: this is the gap anchors close
    code, _, err = _verify(capsys, anchor)
    assert code == 1
    assert f"rad {rows[-1].seq} från ankaret finns inte: kedjan är avkortad" in err


@pytest.mark.django_db(transaction=True)
def test_rewritten_and_rehashed_chain_is_found_by_the_anchor(capsys):
    rows = _rows(6)
    anchor = _anchor(capsys)
    _rehash_from(rows[2].seq, change={"action": "read"})
    assert verify_chain().ok
    code, _, err = _verify(capsys, anchor)
    assert code == 1
    assert f"seq={rows[-1].seq}" in err and "kedjan är omskriven" in err


@pytest.mark.django_db
def test_older_anchor_still_matches_a_grown_chain_and_several_anchors_are_checked(capsys):
    _rows(2)
    first = _anchor(capsys)
    _rows(3)
    second = _anchor(capsys)
    code, out, _ = _verify(capsys, first, second)
    assert code == 0 and "2 ankare stämmer." in out


@pytest.mark.django_db
def test_malformed_anchor_is_refused_in_swedish(capsys):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Ogiltigt ankare"):
        call_command("verify_audit", "--anchor=12-abc")


@pytest.mark.django_db
def test_empty_chain_is_reported_as_empty_with_the_genesis_head(capsys):
    assert not AuditEvent.objects.exists()
    code, out, _ = _verify(capsys)
    assert code == 0
    assert "Granskningsloggen är tom" in out
    assert out.strip().splitlines()[-1] == f"Kontrollerat huvud: 0:{GENESIS_HASH}"
    assert _anchor(capsys) == f"0:{GENESIS_HASH}"


@pytest.mark.django_db
def test_unmigrated_database_is_explained_not_a_traceback(capsys, monkeypatch):
    monkeypatch.setattr(connection.introspection, "table_names", lambda *a, **k: [])
    code, _, err = _verify(capsys)
    assert code == 1 and "saknar granskningsloggen" in err


@pytest.mark.django_db(transaction=True)
def test_with_a_key_recomputing_hashes_without_it_is_detected(capsys):
    with override_settings(AUDIT_CHAIN_KEY=KEY):
        rows = _rows(5)
        assert verify_chain().ok
        _rehash_from(rows[1].seq, change={"action": "read"})  # plain SHA-256: no key
        result = verify_chain()
    assert not result.ok and result.broken_seq == rows[1].seq and "ändrad" in result.reason


@pytest.mark.django_db(transaction=True)
@override_settings(AUDIT_CHAIN_KEY="")
def test_without_a_key_the_same_rehash_goes_unnoticed():
    """The counterpart of the test above: why production sets AUDIT_CHAIN_KEY."""
    rows = _rows(5)
    _rehash_from(rows[1].seq, change={"action": "read"})
    assert verify_chain().ok


@pytest.mark.django_db
@override_settings(AUDIT_CHAIN_KEY="")
def test_unkeyed_chain_continues_keyed_once_the_key_is_set():
    old = _rows(3)
    with override_settings(AUDIT_CHAIN_KEY=KEY):
        new = _rows(2)
        head = AuditChainHead.objects.get(pk=1)
        assert head.keyed_from_seq == new[0].seq
        fields = {f: getattr(new[0], f) for f in ("seq", "at", "actor_id", "action", "object_type")}
        fields |= {f: getattr(new[0], f) for f in ("object_id", "unit_id", "detail")}
        assert new[0].row_hash == row_hash(old[-1].row_hash, canonical(**fields), KEY.encode())
        assert new[0].row_hash != row_hash(old[-1].row_hash, canonical(**fields))
        result = verify_chain()
        assert result.ok and result.keyed_from_seq == new[0].seq
    # The key is gone: keyed rows cannot be verified, and no unkeyed row is appended after them.
    result = verify_chain()
    assert not result.ok and "AUDIT_CHAIN_KEY" in result.reason
    assert result.broken_seq == new[0].seq and result.checked == new[0].seq - 1
    with pytest.raises(ImproperlyConfigured):
        _rows(1)


@pytest.mark.django_db
def test_wrong_key_is_detected():
    with override_settings(AUDIT_CHAIN_KEY=KEY):
        _rows(2)
    with override_settings(AUDIT_CHAIN_KEY="another-key"):
        assert not verify_chain().ok
