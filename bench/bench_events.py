"""Event filing and list pages against bare baselines, in one process, same run.

Usage: python bench/bench_events.py [--rounds 200]
Needs a database with the demo municipality and generated events (see bench/README.md).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tillit.settings")
os.environ.setdefault("TILLIT_TESTING", "0")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import override_settings  # noqa: E402
from django.urls import include, path  # noqa: E402

from tillit.accounts.models import User  # noqa: E402
from tillit.events.models import Event  # noqa: E402


def bare_insert(request):
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_row (v) VALUES (%s)", [uuid.uuid4().hex])
    return HttpResponse("ok")


def bare_page(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM org_unit ORDER BY id LIMIT 1")
        (name,) = cursor.fetchone()
    return HttpResponse(f"<html><body><p>{name}</p></body></html>")


urlpatterns = [
    path("bench/insert/", bare_insert),
    path("bench/page/", bare_page),
    path("", include("tillit.urls")),
]


def timed(fn, rounds: int) -> list[float]:
    fn()  # warm-up
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def report(name: str, samples: list[float], baseline: list[float]) -> None:
    p50, p95 = statistics.median(samples), statistics.quantiles(samples, n=20)[18]
    b50 = statistics.median(baseline)
    print(f"{name:<42} p50 {p50:8.2f} ms  p95 {p95:8.2f} ms  ratio(p50) {p50 / b50:7.1f}×")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=100)
    args = parser.parse_args()
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS bench_row (id INTEGER PRIMARY KEY, v VARCHAR(64))"
            if connection.vendor == "sqlite"
            else "CREATE TABLE IF NOT EXISTS bench_row (id SERIAL PRIMARY KEY, v VARCHAR(64))"
        )
    events = Event.objects.count()
    chef = User.objects.get(username="enhetschef")
    reporter = User.objects.get(username="medarbetare")
    unit_id = reporter.assignments.first().unit_id
    print(f"Tillit bench: {events} events on {connection.vendor}, {args.rounds} rounds each")
    with override_settings(ROOT_URLCONF=__name__, ALLOWED_HOSTS=["*"], DEBUG=False):
        client = Client()
        client.force_login(reporter)

        def file_event():
            data = {"kind": "avvikelse", "unit": unit_id, "description": "Bench", "idempotency_key": uuid.uuid4().hex}
            response = client.post("/handelser/rapportera/", data)
            assert response.status_code == 302, response.status_code

        insert_base = timed(lambda: client.post("/bench/insert/"), args.rounds)
        report("baseline: bare view, one INSERT", insert_base, insert_base)
        report("file an event (form POST + audit row)", timed(file_event, args.rounds), insert_base)

        client.force_login(chef)
        session = client.session
        session["tillit_strong_auth"] = True
        session.save()
        page_base = timed(lambda: client.get("/bench/page/"), args.rounds)
        report("baseline: bare one-row page", page_base, page_base)
        for name, url in [
            ("event list, unfiltered", "/handelser/"),
            ("event list, kind + open + text", "/handelser/?kind=avvikelse&open_only=on&q=Bench"),
            ("event list, overdue only", "/handelser/?overdue=on"),
            ("mina uppgifter", "/handelser/mina-uppgifter/"),
            ("inbox", "/inkorg/"),
        ]:
            report(name, timed(lambda url=url: client.get(url), args.rounds), page_base)
    print(f"settings: DEBUG={settings.DEBUG} database={connection.vendor}")


if __name__ == "__main__":
    main()
