"""Drill: the API server is killed (SIGKILL) mid-burst, twice, and restarted; nothing is lost, nothing doubled.

A real gunicorn (two workers, 127.0.0.1, a free port) serves a temporary SQLite database. Writer
threads file events, each with its own Idempotency-Key, and retry the same key and body after a
connection error, as a verksamhetssystem does. At the end every acknowledged event is in the
database exactly once, no event is there twice, and the audit chain verifies. Bounded: a fixed
number of events and a deadline. SQLite only: it is the embedded database whose file must survive a
killed process; on PostgreSQL the server's durability is PostgreSQL's own.
"""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from django.conf import settings
from django.db import connection

from tillit.integrations.services import integration_create

WRITERS, EVENTS_PER_WRITER, KILLS = 4, 15, 2
DEADLINE_SECONDS = 240  # bounded; generous for a loaded machine
ROOT = Path(settings.BASE_DIR)

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3",
    reason="kill -9 drill of the embedded SQLite file; PostgreSQL's durability is its own",
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Tally:
    acknowledged: dict[str, str] = field(default_factory=dict)  # description -> reference
    statuses: Counter = field(default_factory=Counter)
    connection_errors: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


class Server:
    def __init__(self, env: dict, port: int, log: Path) -> None:
        self.env, self.port, self.log = env, port, log
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        gunicorn = Path(sys.executable).parent / "gunicorn"
        with self.log.open("a") as log:
            self.process = subprocess.Popen(
                [str(gunicorn), "tillit.wsgi:application", "--bind", f"127.0.0.1:{self.port}", "--workers", "2",
                 "--preload", "--no-control-socket", "--timeout", "30", "--log-level", "warning"],
                cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip
        deadline = time.monotonic() + 120  # a loaded 2-core machine imports the app slowly
        while time.monotonic() < deadline:
            try:
                httpx.get(f"http://127.0.0.1:{self.port}/api/openapi.json", timeout=2)
                return
            except httpx.TransportError:
                time.sleep(0.1)
        raise AssertionError("gunicorn did not start: " + self.log.read_text()[-2000:])

    def kill(self) -> None:
        """SIGKILL to the master and its workers at once, as a crashed machine would."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)


def writer(number: int, base: str, token: str, tally: Tally, deadline: float) -> None:
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=base, headers=headers, timeout=15) as client:
        for i in range(EVENTS_PER_WRITER):
            description = f"Övning {number}-{i}"
            body = {"kind": "avvikelse", "unit_code": "VUX1", "description": description}
            key = f"drill-{number}-{i}"
            while time.monotonic() < deadline:
                try:
                    response = client.post("/api/events", json=body, headers={"Idempotency-Key": key})
                except httpx.TransportError:
                    with tally.lock:
                        tally.connection_errors += 1
                    time.sleep(0.2)
                    continue
                with tally.lock:
                    tally.statuses[response.status_code] += 1
                if response.status_code in (200, 201):
                    with tally.lock:
                        tally.acknowledged[description] = response.json()["reference"]
                    break
                time.sleep(0.2)


def copy_of_the_test_database(target: Path) -> None:
    """The migrated test database with the test organisation, copied (faster than migrating anew)."""
    source = sqlite3.connect(connection.settings_dict["NAME"])
    with sqlite3.connect(target) as copy:
        source.backup(copy)
    source.close()


def test_killed_server_loses_and_doubles_no_acknowledged_event(tmp_path, browser_org):
    token = integration_create(actor=None, name="Övning", units=[browser_org.vux]).token
    database = tmp_path / "drill.sqlite3"
    copy_of_the_test_database(database)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_ALLOW", "TILLIT_TESTING"))} | {
        "DATABASE_URL": f"sqlite:///{database}",
        "TILLIT_DATA_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "tillit.settings",
    }

    server = Server(env, free_port(), tmp_path / "gunicorn.log")
    tally = Tally()
    total = WRITERS * EVENTS_PER_WRITER
    acknowledged_at_kills: list[int] = []
    try:
        server.start()
        deadline = time.monotonic() + DEADLINE_SECONDS
        base = f"http://127.0.0.1:{server.port}"
        threads = [threading.Thread(target=writer, args=(n, base, token, tally, deadline)) for n in range(WRITERS)]
        for thread in threads:
            thread.start()
        for kill in range(1, KILLS + 1):
            # Mid-burst: once a share of the events is acknowledged, while the writers send more.
            while len(tally.acknowledged) < total * kill // (KILLS + 1) and time.monotonic() < deadline:
                time.sleep(0.01)
            server.kill()
            acknowledged_at_kills.append(len(tally.acknowledged))
            time.sleep(0.3)
            server.start()
        for thread in threads:
            thread.join(timeout=max(1.0, deadline - time.monotonic()))
    finally:
        server.kill()

    with sqlite3.connect(database) as db:
        stored = Counter(dict(db.execute("SELECT description, COUNT(*) FROM events_event GROUP BY description")))
        references = dict(db.execute("SELECT description, reference FROM events_event"))
    duplicates = sorted(d for d, n in stored.items() if n > 1)
    lost = sorted(d for d in tally.acknowledged if stored[d] != 1)
    print(
        f"crash drill: {len(tally.acknowledged)}/{total} acknowledged, {len(acknowledged_at_kills)} kills "
        f"(at {acknowledged_at_kills} acknowledged), "
        f"{tally.connection_errors} connection errors retried, statuses {dict(tally.statuses)}, "
        f"{sum(stored.values())} events stored, {len(duplicates)} duplicates, {len(lost)} lost"
    )
    assert len(acknowledged_at_kills) >= 2 and all(n < total for n in acknowledged_at_kills), "killed mid-burst"
    assert len(tally.acknowledged) == total, "every event acknowledged within the deadline"
    assert not duplicates and not lost
    assert all(references[d] == reference for d, reference in tally.acknowledged.items())
    assert set(stored) == set(tally.acknowledged), "nothing stored that was not sent"
    verify = subprocess.run(
        [sys.executable, "manage.py", "verify_audit"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert verify.returncode == 0, verify.stdout + verify.stderr
