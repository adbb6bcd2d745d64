"""`manage.py backup`: a consistent, verified copy while Tillit keeps writing (the backup drill)."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import threading
import time

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection, connections

from tillit.audit.models import AuditEvent
from tillit.audit.triggers import triggers_lifted
from tillit.events.models import Attachment, Event
from tillit.events.services import event_report
from tillit.operations.backup import check_copy

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="backup uses SQLite's backup API; PostgreSQL is backed up with pg_dump (docs/operations.md)",
)


def _backup(*args) -> tuple[int, str, str]:
    from io import StringIO

    out, err = StringIO(), StringIO()
    try:
        call_command("backup", *args, stdout=out, stderr=err)
        return 0, out.getvalue(), err.getvalue()
    except SystemExit as exc:
        return exc.code, out.getvalue(), err.getvalue()


def _count(path, sql: str, params=()) -> int:
    with contextlib.closing(sqlite3.connect(path)) as db:
        return db.execute(sql, params).fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_backup_drill_while_events_are_being_written(org, tmp_path):
    """A writer files events (event, transition, deadlines, audit row each) without pause while
    the backup runs; the restored copy is intact, its chain verifies, and it holds every row
    committed before the backup started."""
    reporter, written, stop, errors = org.user("medarbetare"), [], threading.Event(), []
    # Some bulk (16 MB of attachments), so that the copy takes long enough to overlap many writes.
    first = event_report(actor=reporter, kind="avvikelse", unit=org.vux1, description="Bilagor").event
    blob = bytes(range(256)) * 2048
    Attachment.objects.bulk_create(
        Attachment(
            event=first,
            filename=f"{i}.pdf",
            content_type="application/pdf",
            size=len(blob),
            data=blob,
            uploaded_by=reporter,
        )
        for i in range(32)
    )

    def writer():
        try:
            while not stop.is_set():
                written.append(
                    event_report(actor=reporter, kind="avvikelse", unit=org.vux1, description="Övning").event.pk
                )
        except Exception as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while len(written) < 20 and time.monotonic() < deadline:
            time.sleep(0.01)
        committed_events = set(Event.objects.values_list("pk", flat=True))
        committed_seq = AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first()
        before = len(written)
        started = time.monotonic()
        code, out, err = _backup(str(tmp_path / "tillit-backup.sqlite3"))
        seconds = time.monotonic() - started
        during = len(written) - before
        time.sleep(0.05)
    finally:
        stop.set()
        thread.join(timeout=30)
    assert not errors, errors
    assert code == 0, err
    assert during > 0, "the writer must have been writing while the backup ran"

    # Restore: the server is stopped and the file copied back (here: into a fresh file).
    restored = tmp_path / "restored.sqlite3"
    shutil.copyfile(tmp_path / "tillit-backup.sqlite3", restored)
    check = check_copy(restored)
    assert check.integrity == "ok"
    assert check.chain.ok and check.chain.head_seq >= committed_seq
    in_copy = _count(restored, "SELECT COUNT(*) FROM events_event")
    ids = ",".join(str(pk) for pk in committed_events)
    assert _count(restored, f"SELECT COUNT(*) FROM events_event WHERE id IN ({ids})") == len(committed_events)
    assert _count(restored, "SELECT COUNT(*) FROM audit_auditevent WHERE seq <= ?", (committed_seq,)) == committed_seq
    total = Event.objects.count()
    assert len(committed_events) <= in_copy <= total
    print(
        f"\nBackup drill: {len(committed_events)} events committed before the backup, {during} written during it "
        f"({seconds:.2f} s incl. verification), {in_copy} in the copy, {total} in the live database after; "
        f"copy's audit head {check.chain.head_seq} (≥ {committed_seq} committed before)."
    )
    assert f"Kopians huvud: {check.chain.head_seq}:{check.chain.head_hash}" in out


@pytest.mark.django_db(transaction=True)
def test_existing_file_is_never_overwritten(tmp_path):
    target = tmp_path / "old.sqlite3"
    target.write_bytes(b"an earlier backup")
    code, _, err = _backup(str(target))
    assert code == 1 and "finns redan" in err
    assert target.read_bytes() == b"an earlier backup"


@pytest.mark.django_db(transaction=True)
def test_a_copy_with_a_broken_chain_is_refused_and_not_kept(org, tmp_path):
    event_report(actor=org.user("medarbetare"), kind="avvikelse", unit=org.vux1, description="x")
    with triggers_lifted(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET action = 'read'")
    code, _, err = _backup(str(tmp_path / "b.sqlite3"))
    assert code == 1 and "loggkedjan i kopian är bruten" in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.django_db
def test_postgresql_is_told_to_use_pg_dump(monkeypatch, tmp_path):
    monkeypatch.setattr(connection, "vendor", "postgresql")
    code, _, err = _backup(str(tmp_path / "b.sqlite3"))
    assert code == 1 and "pg_dump" in err


@pytest.mark.django_db
def test_sqlite_runs_with_synchronous_full_by_default():
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA synchronous")
        assert cursor.fetchone()[0] == 2  # FULL; NORMAL is 1
