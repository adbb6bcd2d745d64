"""TOTP two-factor: who must pass it, enrolment, verification, reset."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tillit.accounts.services import totp_reset
from tillit.audit.models import AuditAction, AuditEvent
from tillit.testing.client import login
from tillit.testing.factories import PASSWORD

START = reverse("home:start")
TWO_FACTOR = reverse("accounts:two_factor")


def code_for(key_hex: str) -> str:
    return f"{TOTP(bytes.fromhex(key_hex)).token():06d}"


def password_login(client, user):
    response = client.post(reverse("accounts:login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return response


@pytest.mark.django_db
def test_roles_reading_others_cases_must_pass_two_factor(client, org):
    password_login(client, org.user("utredare"))
    response = client.get(reverse("events:event_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(TWO_FACTOR)
    assert "next=" in response["Location"]


@pytest.mark.django_db
def test_medarbetare_needs_no_second_factor(client, org):
    password_login(client, org.user("medarbetare"))
    assert client.get(START).status_code == 200


@pytest.mark.django_db
def test_enrolment_shows_qr_keeps_the_secret_and_confirms_with_a_valid_code(client, org):
    user = org.user("mas")
    password_login(client, user)
    page = client.get(TWO_FACTOR)
    assert page.status_code == 200
    assert "<svg" in page.content.decode()
    key = client.session["tillit_totp_enrol_key"]
    assert client.get(TWO_FACTOR).status_code == 200
    assert client.session["tillit_totp_enrol_key"] == key, "reloading must not change the secret"
    assert not TOTPDevice.objects.filter(user=user).exists(), "a GET creates nothing"

    wrong = client.post(TWO_FACTOR, {"token": "000000" if code_for(key) != "000000" else "111111"})
    assert wrong.status_code == 200
    assert "Koden stämmer inte" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=user).exists()

    ok = client.post(TWO_FACTOR, {"token": code_for(key), "next": reverse("events:event_list")})
    assert ok.status_code == 302 and ok["Location"] == reverse("events:event_list")
    assert TOTPDevice.objects.get(user=user).confirmed
    assert client.get(START).status_code == 200
    assert AuditEvent.objects.filter(object_type="otp_totp.totpdevice", action=AuditAction.CREATE).exists()


@pytest.mark.django_db
def test_verification_with_an_enrolled_device(client, org):
    user = org.user("utredare")
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    password_login(client, user)
    page = client.get(TWO_FACTOR)
    assert "<svg" not in page.content.decode(), "an enrolled user is never shown a new secret"

    bad = client.post(TWO_FACTOR, {"token": "12 34 5x"})
    assert "sex siffror" in bad.content.decode()
    assert client.get(START).status_code == 302

    good = client.post(TWO_FACTOR, {"token": code_for(device.key)})
    assert good.status_code == 302
    assert client.get(START).status_code == 200
    assert AuditEvent.objects.filter(action=AuditAction.LOGIN, detail__factor="totp", actor=user).exists()


@pytest.mark.django_db
def test_wrong_codes_are_audited_and_throttled(client, org):
    user = org.user("systemadministrator")
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    password_login(client, user)
    right = code_for(device.key)
    wrong = "000000" if right != "000000" else "111111"
    client.post(TWO_FACTOR, {"token": wrong})
    client.post(TWO_FACTOR, {"token": wrong})
    assert AuditEvent.objects.filter(action=AuditAction.LOGIN_FAILED, detail__factor="totp").count() == 2
    # django-otp's throttle: right after failures even the right code is refused for a while.
    response = client.post(TWO_FACTOR, {"token": right})
    assert response.status_code == 200
    device.refresh_from_db()
    assert device.throttling_failure_count >= 1


@pytest.mark.django_db
def test_reset_removes_devices_and_ends_sessions(client, org):
    user = org.user("kvalitetsutvecklare")
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    login(client, user)
    assert client.get(START).status_code == 200
    totp_reset(actor=org.user("systemadministrator"), user=user)
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert client.get(START).status_code == 302, "the session was ended on the server"
