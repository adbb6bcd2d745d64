"""The permission matrix, generated from the declared role table (every app's plugin.py, collected in tillit.core.registry).

For every role and every scope relation between the user's unit and an object's unit (own unit,
unit below, sibling, parent, other provider) the declared answer must hold: in the scope function,
and through the screens, where a denial is a 404 that changes nothing. Anonymous users are covered
by test_urls.py (every URL sends them to the login page).
"""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from tillit.accounts.models import RoleAssignment, User
from tillit.core.registry import registry, roles_with
from tillit.core.roles import Role
from tillit.events.models import Event, EventEntry
from tillit.events.services import event_report, work_roles
from tillit.org.access import has_permission
from tillit.reports.models import QualityReport
from tillit.testing.client import login
from tillit.testing.factories import UserFactory, assign, make_unit
from tillit.testing.org import TestOrg
from tillit.workflow.declaration import workflow

RELATIONS = ("own", "below", "sibling", "parent", "other_provider")
IN_SCOPE = {"own", "below"}


class Matrix:
    """One user per role at an "own" unit, and the unit standing in each relation to it."""

    def __init__(self, org: TestOrg) -> None:
        self.org = org
        # A unit below the provider unit, so provider staff have a "below" too.
        self.p1b = make_unit("P1B", "Solgården avd 2", parent=org.p1a, provider=org.provider1)
        self.users: dict[Role, User] = {}
        for role in Role:
            provider = org.provider1 if role == Role.UTFORARKONTAKT else None
            user = UserFactory(username=f"matrix-{role}", provider=provider)
            assign(user, role, self.units(role)["own"])
            self.users[role] = user

    def units(self, role: Role):
        o = self.org
        if role == Role.UTFORARKONTAKT:
            return {"own": o.p1a, "below": self.p1b, "sibling": o.ald1, "parent": o.ald, "other_provider": o.p2a}
        return {"own": o.vux, "below": o.vux1, "sibling": o.ald, "parent": o.soc, "other_provider": o.p2a}


@pytest.fixture
def matrix(org) -> Matrix:
    return Matrix(org)


def expected(permission: str, role: Role, relation: str) -> bool:
    return role in roles_with(permission) and relation in IN_SCOPE


def snapshot() -> tuple:
    """What a denied request must leave unchanged (audit rows of the denial itself aside)."""
    return (
        Event.objects.count(),
        EventEntry.objects.count(),
        tuple(Event.objects.order_by("pk").values_list("state", flat=True)),
        QualityReport.objects.count(),
        RoleAssignment.objects.count(),
        User.objects.filter(is_active=True).count(),
    )


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role), ids=str)
def test_scope_function_answers_the_declared_table(matrix, role):
    user = matrix.users[role]
    for permission in registry.permissions.values():
        for relation, unit in matrix.units(role).items():
            want = expected(permission.code, role, relation)
            assert has_permission(user, permission.code, unit) is want, (permission.code, str(role), relation)


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role), ids=str)
def test_case_screens_follow_the_table(matrix, role):
    user = matrix.users[role]
    client = login(Client(), user)
    reporter = matrix.org.user("medarbetare")
    for relation, unit in matrix.units(role).items():
        event = event_report(actor=reporter, kind="avvikelse", unit=unit, description="Händelse i matrisen").event
        may_read = expected("event.view", role, relation)
        before = snapshot()
        response = client.get(reverse("events:event_detail", args=[event.pk]))
        assert response.status_code == (200 if may_read else 404), (str(role), relation)
        assert snapshot() == before

        may_document = may_read and role in work_roles("avvikelse")
        response = client.post(
            reverse("events:entry_add", args=[event.pk]),
            {"topic": "orsaker", "is_fact": "fakta", "text": "Anteckning", "entry_date": date.today().isoformat()},
        )
        if may_document:
            assert response.status_code == 302, (str(role), relation, response.content[:300])
            assert EventEntry.objects.filter(event=event).count() == 1
        else:
            assert response.status_code in (404, 422), (str(role), relation)
            assert snapshot() == before, (str(role), relation)


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role), ids=str)
@pytest.mark.parametrize("kind", ["lex_sarah", "lex_maria"])
def test_confidential_kinds_are_read_by_their_workflows_roles_only(matrix, role, kind):
    """Need to know: `event.view` reads a kind only through a role that works on it or is one of its
    declared readers (workflows.toml); lex Sarah and lex Maria declare no readers."""
    client = login(Client(), matrix.users[role])
    reporter = matrix.org.user("medarbetare")
    for relation, unit in matrix.units(role).items():
        event = event_report(actor=reporter, kind=kind, unit=unit, description="Känsligt ärende").event
        may_read = expected("event.view", role, relation) and role in workflow(kind).read_roles
        response = client.get(reverse("events:event_detail", args=[event.pk]))
        assert response.status_code == (200 if may_read else 404), (str(role), relation)


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role), ids=str)
def test_reporting_follows_the_table(matrix, role):
    client = login(Client(), matrix.users[role])
    for relation, unit in matrix.units(role).items():
        before = Event.objects.count()
        client.post(
            reverse("events:report"),
            {"kind": "avvikelse", "unit": unit.pk, "description": "Rapport i matrisen", "idempotency_key": relation},
        )
        created = Event.objects.count() - before
        assert created == int(expected("event.report", role, relation)), (str(role), relation)


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role), ids=str)
def test_quality_reports_follow_the_table(matrix, role):
    client = login(Client(), matrix.users[role])
    for relation, unit in matrix.units(role).items():
        report = QualityReport.objects.create(year=2025, scope=unit, created_by=matrix.org.user("kvalitetsutvecklare"))
        before = snapshot()
        response = client.get(reverse("reports:report_detail", args=[report.pk]))
        assert response.status_code == (200 if expected("report.view", role, relation) else 404), (str(role), relation)
        assert snapshot() == before


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role), ids=str)
def test_user_administration_follows_the_table(matrix, role):
    client = login(Client(), matrix.users[role])
    for relation, unit in matrix.units(role).items():
        subject = UserFactory(username=f"subject-{relation}")
        assign(subject, Role.MEDARBETARE, unit)
        before = snapshot()
        may = expected("user.manage", role, relation)
        assert client.get(reverse("accounts:user_detail", args=[subject.pk])).status_code == (200 if may else 404)
        response = client.post(reverse("accounts:user_deactivate", args=[subject.pk]))
        if may:
            assert response.status_code == 302 and not User.objects.get(pk=subject.pk).is_active
        else:
            assert response.status_code == 404, (str(role), relation)
            assert snapshot() == before


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role), ids=str)
def test_pages_without_an_object_follow_the_table(matrix, role):
    client = login(Client(), matrix.users[role])
    pages = {
        "audit.view": reverse("accounts:log_list"),
        "access_review.manage": reverse("accounts:access_review"),
        "event.configure": reverse("events:settings"),
        "retention.manage": reverse("retention:overview"),
        "user.manage": reverse("accounts:user_list"),
    }
    for permission, url in pages.items():
        want = role in roles_with(permission)
        assert client.get(url).status_code == (200 if want else 404), (permission, str(role))


def test_aggregate_roles_never_read_personal_data():
    for permission in registry.permissions.values():
        if permission.personal_data:
            assert Role.LEDNING not in permission.roles and Role.NAMND not in permission.roles, permission.code


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role), ids=str)
def test_organisation_pages_follow_the_table(matrix, role):
    client = login(Client(), matrix.users[role])
    for relation, unit in matrix.units(role).items():
        name_before = unit.name
        response = client.get(reverse("org:unit_detail", args=[unit.pk]))
        assert response.status_code == (200 if expected("unit.view", role, relation) else 404), (str(role), relation)
        response = client.post(reverse("org:unit_edit", args=[unit.pk]), {"name": "Nytt namn", "level": unit.level})
        unit.refresh_from_db()
        if expected("unit.manage", role, relation):
            assert response.status_code == 302 and unit.name == "Nytt namn"
            client.post(reverse("org:unit_edit", args=[unit.pk]), {"name": name_before, "level": unit.level})
        else:
            assert response.status_code == 404 and unit.name == name_before, (str(role), relation)
