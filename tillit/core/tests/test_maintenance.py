import pytest
from django.db import connection

from tillit.core.maintenance import refresh_planner_statistics


@pytest.mark.django_db
def test_sqlite_gets_planner_statistics(org):
    refresh_planner_statistics(full=True)
    refresh_planner_statistics()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM sqlite_stat1")
            assert cursor.fetchone()[0] > 0
