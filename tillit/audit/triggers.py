"""Database triggers that make the audit table append-only, on SQLite and PostgreSQL.

Kept as functions (not only in a migration) so that retention jobs and the test-suite's flush can
lift them inside one transaction and put them back: `triggers_lifted()`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction

TABLE = "audit_auditevent"

SQLITE_CREATE = [
    f"""CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON {TABLE}
        BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END""",
    f"""CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON {TABLE}
        BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END""",
]
SQLITE_DROP = ["DROP TRIGGER IF EXISTS audit_no_update", "DROP TRIGGER IF EXISTS audit_no_delete"]

POSTGRES_CREATE = [
    """CREATE OR REPLACE FUNCTION audit_reject_change() RETURNS trigger AS $$
       BEGIN RAISE EXCEPTION 'audit log is append-only'; END; $$ LANGUAGE plpgsql""",
    f"""DROP TRIGGER IF EXISTS audit_no_change ON {TABLE}""",
    f"""CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON {TABLE}
        FOR EACH ROW EXECUTE FUNCTION audit_reject_change()""",
    f"""DROP TRIGGER IF EXISTS audit_no_truncate ON {TABLE}""",
    f"""CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON {TABLE}
        FOR EACH STATEMENT EXECUTE FUNCTION audit_reject_change()""",
]
POSTGRES_DROP = [
    f"DROP TRIGGER IF EXISTS audit_no_change ON {TABLE}",
    f"DROP TRIGGER IF EXISTS audit_no_truncate ON {TABLE}",
]


def _statements(vendor: str, create: bool) -> list[str]:
    if vendor == "postgresql":
        return POSTGRES_CREATE if create else POSTGRES_DROP
    if vendor == "sqlite":
        return SQLITE_CREATE if create else SQLITE_DROP
    raise NotImplementedError(f"append-only triggers are not written for {vendor}")


def install(schema_editor_or_connection=None) -> None:
    conn = getattr(schema_editor_or_connection, "connection", schema_editor_or_connection) or connection
    with conn.cursor() as cursor:
        for sql in _statements(conn.vendor, create=True):
            cursor.execute(sql)


def remove(schema_editor_or_connection=None) -> None:
    conn = getattr(schema_editor_or_connection, "connection", schema_editor_or_connection) or connection
    with conn.cursor() as cursor:
        for sql in _statements(conn.vendor, create=False):
            cursor.execute(sql)


@contextmanager
def triggers_lifted() -> Iterator[None]:
    """Lift the append-only triggers for one transaction (retention/gallring, test flush)."""
    with transaction.atomic():
        remove()
        try:
            yield
        finally:
            install()
