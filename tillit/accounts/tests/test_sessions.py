"""Login, logout and session limits: logout and the timeouts end the session on the server."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from tillit.accounts.models import Session
from tillit.audit.models import AuditAction, AuditEvent
from tillit.testing.factories import PASSWORD

START = reverse("home:start")


def password_login(client, user):
    return client.post(reverse("accounts:login"), {"username": user.username, "password": PASSWORD})


@pytest.mark.django_db
def test_home_sends_anonymous_users_to_login_and_others_to_their_start_page(client, org):
    assert client.get(reverse("home:home"))["Location"] == reverse("accounts:login")
    password_login(client, org.user("medarbetare"))
    assert client.get(reverse("home:home"))["Location"] == START


@pytest.mark.django_db
def test_login_and_logout_are_audited_and_logout_ends_the_server_session(client, org):
    user = org.user("medarbetare")
    password_login(client, user)
    assert Session.objects.filter(user_id=user.pk).count() == 1
    assert client.get(reverse("accounts:logout")).status_code == 405, "no state change on GET"
    response = client.post(reverse("accounts:logout"))
    assert response["Location"] == reverse("accounts:login")
    assert not Session.objects.filter(user_id=user.pk).exists()
    actions = list(AuditEvent.objects.filter(actor=user).values_list("action", flat=True))
    assert AuditAction.LOGIN in actions and AuditAction.LOGOUT in actions


@pytest.mark.django_db
def test_failed_login_is_audited_without_the_typed_name(client, org):
    client.post(reverse("accounts:login"), {"username": "Anna Andersson", "password": "fel"})
    row = AuditEvent.objects.get(action=AuditAction.LOGIN_FAILED)
    assert "Anna" not in str(row.detail) and row.object_id == ""


@pytest.mark.django_db
def test_login_is_throttled_after_repeated_failures(client, org):
    user = org.user("medarbetare")
    for _ in range(5):
        client.post(reverse("accounts:login"), {"username": user.username, "password": "fel"})
    locked = password_login(client, user)
    assert locked.status_code == 429
    assert "låst" in locked.content.decode().lower()


@pytest.mark.django_db
def test_idle_timeout_ends_the_session(client, org, settings):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        password_login(client, org.user("medarbetare"))
        assert client.get(START).status_code == 200
        traveller.shift(timedelta(minutes=settings.SESSION_IDLE_TIMEOUT // 60 - 1))
        assert client.get(START).status_code == 200, "activity keeps the session alive"
        traveller.shift(timedelta(minutes=settings.SESSION_IDLE_TIMEOUT // 60 + 1))
        assert client.get(START).status_code == 302


@pytest.mark.django_db
def test_absolute_lifetime_ends_even_an_active_session(client, org, settings):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        password_login(client, org.user("medarbetare"))
        hours = settings.SESSION_ABSOLUTE_LIFETIME // 3600
        for _ in range(hours * 3 + 1):  # a request every 20 minutes, never idle
            traveller.shift(timedelta(minutes=20))
            response = client.get(START)
        assert response.status_code == 302
        assert "utgangen=1" in response["Location"]
