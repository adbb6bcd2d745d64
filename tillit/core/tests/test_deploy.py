"""Production settings pass Django's deployment checks, and the security headers are there."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import reverse

from tillit.testing.client import login


def test_check_deploy_passes_in_production_mode():
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}  # set for browser tests
    env = {
        **inherited,
        "TILLIT_ENV": "production",
        "TILLIT_TESTING": "0",
        "SECRET_KEY": "p" * 20 + "-production-secret-for-the-check-only-0123456789",
        "ALLOWED_HOSTS": "tillit.exempelby.se",
        "DATABASE_URL": "sqlite:////tmp/tillit-deploy-check.sqlite3",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = {**os.environ, "TILLIT_ENV": "production", "TILLIT_TESTING": "0", "SECRET_KEY": ""}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


@pytest.mark.django_db
def test_authenticated_pages_are_not_cached_and_have_a_csp_without_inline_scripts(client, org):
    response = login(client, org.user("medarbetare")).get(reverse("home:start"))
    assert "no-store" in response["Cache-Control"]
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert "<script>" not in response.content.decode(), "no inline scripts"


@pytest.mark.django_db
def test_session_cookie_is_httponly(client, org):
    response = client.post(reverse("accounts:login"), {"username": "medarbetare", "password": "test-losenord-123"})
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] and cookie["samesite"] == "Lax"


@pytest.mark.django_db
def test_error_pages_are_swedish(client, org):
    response = login(client, org.user("medarbetare")).get("/finns-inte/")
    assert response.status_code == 404
    assert "Sidan finns inte" in response.content.decode() or "hittades inte" in response.content.decode()


@pytest.mark.django_db
def test_an_english_browser_still_gets_swedish(client):
    response = client.get(reverse("accounts:login"), headers={"accept-language": "en-US,en;q=0.9"})
    assert "Användarnamn" in response.content.decode()


def _debug_setting(**extra: str) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "TILLIT_ENV")} | {"TILLIT_TESTING": "0"} | extra
    result = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.DEBUG)"],
        cwd=settings.BASE_DIR,
        env={**env, "DJANGO_SETTINGS_MODULE": "tillit.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    return result.stdout.strip()


def test_debug_is_off_unless_asked_for():
    # The demo (`make run`) used to run with DEBUG on: any 404 showed Django's English debug page
    # listing every URL pattern.
    assert _debug_setting() == "False"
    assert _debug_setting(DEBUG="1") == "True"
    assert _debug_setting(DEBUG="1", TILLIT_ENV="production", SECRET_KEY="s" * 60) == "False"


@pytest.mark.django_db
def test_a_missing_page_is_swedish_and_lists_no_urls(client):
    response = client.get("/finns-inte/")
    assert response.status_code == 404
    text = response.content.decode()
    assert "Sidan finns inte" in text and "urlpatterns" not in text.lower() and "Page not found" not in text
