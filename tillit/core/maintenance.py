"""Database upkeep that SQLite, unlike PostgreSQL's autovacuum, does not do by itself."""

from __future__ import annotations

from django.db import connection


def refresh_planner_statistics(*, full: bool = False) -> None:
    """Keep SQLite's query planner statistics current (PostgreSQL analyses on its own).

    Without them SQLite may pick a poor index on a large events table (seen in bench/: the filtered
    list 4× slower). `full` after bulk loads; otherwise the cheap `PRAGMA optimize`, which only
    analyses what has changed enough.
    """
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA analysis_limit=1000")
        cursor.execute("ANALYZE" if full else "PRAGMA optimize")
