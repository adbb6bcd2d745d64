"""The demo municipality: idempotent, one user per role, and each role's menu works and shows only
what the role may see."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client

from tillit.accounts.models import User
from tillit.core.roles import Role
from tillit.home.demo import DEMO_PASSWORD, PEOPLE, PROVIDER_PEOPLE
from tillit.org.models import Provider, Unit, UnitLevel

pytestmark = pytest.mark.django_db


def test_demo_data_is_idempotent_and_prints_the_logins(capsys):
    call_command("demo_data", "--no-events")
    out = capsys.readouterr().out
    assert DEMO_PASSWORD in out and "TOTP-nyckel" in out
    units, users = Unit.objects.count(), User.objects.count()
    call_command("demo_data", "--no-events", "--quiet-logins")
    assert (Unit.objects.count(), User.objects.count()) == (units, users)
    assert Unit.objects.filter(level=UnitLevel.ENHET).count() >= 25
    assert set(Unit.objects.filter(level=UnitLevel.AVDELNING).values_list("name", flat=True)) == {
        "Barn och unga",
        "Vuxna",
        "Funktionsstöd",
        "Äldreomsorg",
        "Stab",
    }
    assert Provider.objects.count() == 2
    root = Unit.objects.get(parent=None)  # the operator named on IVO notifications and report covers
    assert (root.municipality, root.namnd) == ("Exempelby kommun", "Socialnämnden")
    municipal = User.objects.filter(provider__isnull=True)
    assert {u.assignments.get().role for u in municipal} | {Role.UTFORARKONTAKT} == set(Role)
    # Each private provider has its own people, scoped to its units.
    for provider in Provider.objects.all():
        roles = {a.role for u in provider.staff.exclude(username="utforarkontakt") for a in u.assignments.all()}
        assert roles == {Role.MEDARBETARE, Role.ENHETSCHEF, Role.UTREDARE}, provider.code


def test_every_demo_role_can_use_its_menu(capsys):
    call_command("demo_data", "--no-events", "--quiet-logins")
    for username, *_ in PEOPLE + PROVIDER_PEOPLE:
        client = Client()
        response = client.post("/konto/logga-in/", {"username": username, "password": DEMO_PASSWORD})
        assert response.status_code == 302, username
        session = client.session
        session["tillit_strong_auth"] = True
        session.save()
        start = client.get("/start/")
        assert start.status_code == 200, username
        for item in start.context["nav_items"]:
            assert client.get(item["url"]).status_code == 200, (username, item["url"])
        if username in ("ledning", "namnd", "medarbetare"):
            labels = {item["label"] for item in start.context["nav_items"]}
            assert "Användare" not in labels and "Logguppföljning" not in labels
        if username in ("ledning", "namnd"):
            assert "Mina uppgifter" not in {item["label"] for item in start.context["nav_items"]}


def test_demo_cases_open_for_those_they_are_listed_for():
    """Every case in a demo user's 'Mina uppgifter' and list opens (no 404s in the demo)."""
    import random

    from django.utils import timezone

    from tillit.events.demo import demo_events
    from tillit.home.demo import demo_org

    demo_org(rng=random.Random(1))
    staff = {str(role): User.objects.get(username=username) for username, _, _, role, _, _ in PEOPLE}
    units = list(Unit.objects.filter(code__in=["ALD-HTN", "ALD-SAB1", "BOU-MOT", "ALD-OH1"]))
    provider_staff: dict[int, dict[str, object]] = {}
    for username, _, _, role, _, _ in PROVIDER_PEOPLE:
        user = User.objects.get(username=username)
        provider_staff.setdefault(user.provider_id, {})[str(role)] = user
    today = timezone.localdate()
    assert demo_events(
        rng=random.Random(1), units=units, staff=staff, today=today, years=1, provider_staff=provider_staff
    )
    for username in (
        "medarbetare",
        "enhetschef",
        "avdelningschef",
        "utredare",
        "utforarkontakt",
        "oh-enhetschef",
        "oh-utredare",
    ):
        client = Client()
        client.post("/konto/logga-in/", {"username": username, "password": DEMO_PASSWORD})
        session = client.session
        session["tillit_strong_auth"] = True
        session.save()
        tasks = client.get("/handelser/mina-uppgifter/").context["events"]
        listed = list(client.get("/handelser/").context["page"])
        for event in [*tasks, *listed[:10]]:
            assert client.get(f"/handelser/{event.pk}/").status_code == 200, (username, event.unit.code)
