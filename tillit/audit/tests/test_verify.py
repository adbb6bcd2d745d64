"""verify_chain: batches, the kinds of tampering it finds, and the chain head."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection

from tillit.audit.models import AuditAction, AuditChainHead, AuditEvent
from tillit.audit.services import audit_record
from tillit.audit.triggers import triggers_lifted
from tillit.audit.verify import verify_chain

TABLE = AuditEvent._meta.db_table


def _rows(n: int) -> list[AuditEvent]:
    return [
        audit_record(actor=None, action=AuditAction.CREATE, object_type="x", object_id=i, detail={"n": i})
        for i in range(n)
    ]


def _tamper(sql: str, params: list) -> None:
    with triggers_lifted(), connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.django_db
def test_intact_chain_is_checked_across_batch_boundaries():
    _rows(7)
    total = AuditEvent.objects.count()
    result = verify_chain(batch=2)
    assert result.ok and result.checked == total and result.broken_seq is None


@pytest.mark.django_db
def test_command_reports_rows_checked(capsys):
    _rows(3)
    call_command("verify_audit")
    assert f"Loggkedjan är hel: {AuditEvent.objects.count()} rader kontrollerade." in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "assignment",
    ["action = 'read'", """detail = '{"n": 99}'""", "unit_id = 4711", "object_id = '999'"],
)
def test_changed_content_is_found_in_a_later_batch(assignment):
    rows = _rows(6)
    target = rows[4]
    _tamper(f"UPDATE {TABLE} SET {assignment} WHERE id = %s", [target.pk])
    result = verify_chain(batch=2)
    assert not result.ok and result.broken_seq == target.seq and result.broken_id == target.pk
    assert result.checked == target.seq - 1


@pytest.mark.django_db(transaction=True)
def test_rehashed_row_is_found_by_the_next_link():
    """Recomputing a changed row's own hash still breaks the next row's prev_hash."""
    from tillit.audit.chain import canonical, row_hash

    rows = _rows(4)
    row = AuditEvent.objects.get(pk=rows[1].pk)
    fields = {f: getattr(row, f) for f in ("seq", "at", "actor_id", "object_type", "object_id", "unit_id")}
    forged = row_hash(row.prev_hash, canonical(**fields, action="read", detail=row.detail))
    _tamper(f"UPDATE {TABLE} SET action = 'read', row_hash = %s WHERE id = %s", [forged, row.pk])
    result = verify_chain()
    assert not result.ok and result.broken_seq == rows[2].seq and "prev_hash" in result.reason


@pytest.mark.django_db(transaction=True)
def test_command_names_the_deleted_row_and_exits_1(capsys):
    rows = _rows(5)
    _tamper(f"DELETE FROM {TABLE} WHERE id = %s", [rows[2].pk])
    with pytest.raises(SystemExit) as exc:
        call_command("verify_audit")
    assert exc.value.code == 1
    assert f"seq={rows[2].seq}" in capsys.readouterr().err


@pytest.mark.django_db
def test_missing_or_stale_chain_head_is_found():
    _rows(2)
    AuditChainHead.objects.filter(pk=1).update(seq=1)
    assert not verify_chain().ok
    AuditChainHead.objects.all().delete()
    result = verify_chain()
    assert not result.ok and "huvud" in result.reason
