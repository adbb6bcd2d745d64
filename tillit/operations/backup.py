"""Online, consistent backups of the SQLite database, verified before they are kept.

SQLite's backup API copies the whole database in one step under one read transaction: the copy is
one consistent snapshot, and in WAL mode writers carry on meanwhile (their later commits are simply
not in the copy). The copy is then opened read-only and checked with `PRAGMA integrity_check` and
with the audit chain's own verification (`tillit.audit.verify`, through a temporary second database
alias), and only then renamed to the requested name. PostgreSQL is backed up with pg_dump and WAL
archiving instead (docs/operations.md).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.db import DEFAULT_DB_ALIAS, connections

from tillit.audit.models import AuditEvent
from tillit.audit.verify import VerifyResult, verify_chain

BUSY_TIMEOUT_SECONDS = 30.0


class BackupError(Exception):
    """A backup that could not be made or did not verify; the message is Swedish."""


@dataclass(frozen=True)
class CopyCheck:
    integrity: str
    chain: VerifyResult | None  # None when the copy has no audit table

    @property
    def ok(self) -> bool:
        return self.integrity == "ok" and self.chain is not None and self.chain.ok


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int
    seconds: float
    check: CopyCheck


def check_copy(path: Path | str, *, like: str = DEFAULT_DB_ALIAS) -> CopyCheck:
    """Open a copy read-only: `PRAGMA integrity_check`, then `verify_chain` against it."""
    with contextlib.closing(sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True)) as db:
        integrity = "; ".join(row[0] for row in db.execute("PRAGMA integrity_check"))
    # A temporary alias for this thread only (not in settings.DATABASES), so the ORM-based
    # verification runs unchanged against the copy.
    alias = f"backup_check_{uuid.uuid4().hex}"
    live = connections[like]
    settings_dict = {
        **live.settings_dict,
        "NAME": f"file:{Path(path).resolve()}?mode=ro",
        "OPTIONS": {"timeout": BUSY_TIMEOUT_SECONDS},
        "CONN_MAX_AGE": 0,
    }
    copy = live.__class__(settings_dict, alias)
    connections[alias] = copy
    try:
        has_log = AuditEvent._meta.db_table in copy.introspection.table_names()
        chain = verify_chain(using=alias) if has_log else None
    finally:
        copy.close()
        del connections[alias]
    return CopyCheck(integrity=integrity, chain=chain)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sqlite_backup(*, target: Path | str, using: str = DEFAULT_DB_ALIAS) -> BackupResult:
    """Copy the live database to `target` (never overwritten) and verify the copy."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        raise BackupError(
            "Databasen är PostgreSQL: ta säkerhetskopior med pg_dump (och WAL-arkivering för återställning "
            "till en viss tidpunkt), se docs/operations.md."
            if connection.vendor == "postgresql"
            else f"Säkerhetskopiering med detta kommando stöds bara för SQLite, inte {connection.vendor}."
        )
    target = Path(target)
    if target.exists():
        raise BackupError(f"Filen {target} finns redan. Välj ett nytt filnamn: en säkerhetskopia skrivs aldrig över.")
    if not target.parent.is_dir():
        raise BackupError(f"Katalogen {target.parent} finns inte.")
    partial = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.partial")
    started = time.monotonic()
    try:
        source = sqlite3.connect(connection.settings_dict["NAME"], timeout=BUSY_TIMEOUT_SECONDS)
        try:
            source.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
            copy = sqlite3.connect(partial)
            try:
                source.backup(copy)  # pages=-1: one step, one read transaction, one snapshot
                copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
            finally:
                copy.close()
        finally:
            source.close()
        _fsync(partial)
        check = check_copy(partial, like=using)
        if not check.ok:
            problem = (
                f"integritetskontrollen gav ”{check.integrity}”"
                if check.integrity != "ok"
                else "kopian saknar granskningsloggen"
                if check.chain is None
                else f"loggkedjan i kopian är bruten vid rad {check.chain.broken_seq}: {check.chain.reason}"
            )
            raise BackupError(f"Säkerhetskopian kunde inte verifieras och har inte sparats: {problem}.")
        os.replace(partial, target)
        _fsync(target.parent)
    except sqlite3.Error as exc:
        raise BackupError(f"Säkerhetskopieringen misslyckades: {exc}") from exc
    finally:
        partial.unlink(missing_ok=True)
    return BackupResult(path=target, size=target.stat().st_size, seconds=time.monotonic() - started, check=check)
