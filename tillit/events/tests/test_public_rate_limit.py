"""The public form's rate limit holds across app server processes: it is counted in the database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection

from tillit.events.services.public import within_rate_limit

ROOT = Path(settings.BASE_DIR)
WORKER = """
import django, os
os.environ["DJANGO_SETTINGS_MODULE"] = "tillit.settings"
django.setup()
import time
# Both processes count in the same minute: one starting a little later must not open a new window.
now = float(os.environ["RATE_TEST_NOW"])
time.time = lambda: now
from tillit.events.services.public import within_rate_limit
print(sum(within_rate_limit("report") for _ in range(20)))
"""


def database_url() -> str:
    """The test database as a URL, for processes started by the test."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or db.get("OPTIONS", {}).get("host") or "localhost"
    if host.startswith("/"):  # a Unix socket directory
        return f"postgres://{db['USER']}{password}@/{db['NAME']}?host={host}"
    return f"postgres://{db['USER']}{password}@{host}:{db.get('PORT') or 5432}/{db['NAME']}"


@pytest.mark.django_db(transaction=True)
def test_two_app_server_processes_together_accept_only_the_limit():
    cache.clear()
    env = os.environ | {
        "DATABASE_URL": database_url(),
        "PUBLIC_FORM_RATE_PER_MINUTE": "30",
        "TILLIT_TESTING": "1",
        "RATE_TEST_NOW": "1800000030",
    }
    workers = [
        subprocess.Popen([sys.executable, "-c", WORKER], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    accepted = [int(worker.communicate(timeout=120)[0].strip().splitlines()[-1]) for worker in workers]
    assert sum(accepted) == 30, accepted


@pytest.mark.django_db
def test_the_limit_is_exact_and_per_bucket(settings):
    settings.PUBLIC_FORM_RATE_PER_MINUTE = 3
    cache.clear()
    assert [within_rate_limit("report") for _ in range(5)] == [True, True, True, False, False]
    assert within_rate_limit("receipt")
