"""In a real browser: log in with password and TOTP, see the role's start page, log out."""

from __future__ import annotations

import re

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from tillit.accounts.models import Session
from tillit.testing.factories import PASSWORD

pytestmark = pytest.mark.browser


def test_login_with_totp_start_page_and_logout(page: Page, live_server, browser_org):
    user = browser_org.user("utredare")
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)

    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(r"/konto/logga-in/"))
    page.get_by_label("Användarnamn").fill(user.username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()

    expect(page.get_by_role("heading", name="Tvåfaktorsinloggning")).to_be_visible()
    page.get_by_label("Engångskod från appen").fill(f"{TOTP(device.bin_key).token():06d}")
    page.get_by_role("button", name="Fortsätt").click()

    expect(page.get_by_role("heading", name=re.compile("Välkommen"))).to_be_visible()
    expect(page.get_by_role("heading", name="Utredare")).to_be_visible()
    expect(page.get_by_text("Du utreder lex Sarah-rapporter")).to_be_visible()
    # Nothing for a utredare's eyes only is offered to others, and the menu is there.
    expect(page.get_by_role("navigation", name="Huvudmeny")).to_be_visible()

    page.get_by_role("button", name="Logga ut").click()
    expect(page).to_have_url(re.compile(r"/konto/logga-in/"))
    assert not Session.objects.filter(user_id=user.pk).exists()
    page.goto(f"{live_server.url}/start/")
    expect(page).to_have_url(re.compile(r"/konto/logga-in/"))


def test_enrolment_in_the_browser_on_a_phone(browser, live_server, browser_org):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    user = browser_org.user("mas")
    page.goto(f"{live_server.url}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(user.username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("heading", name="Aktivera tvåfaktorsinloggning")).to_be_visible()
    expect(page.get_by_role("img", name="QR-kod för autentiseringsappen")).to_be_visible()
    secret = page.locator("code.secret").inner_text().replace(" ", "")
    import base64

    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    page.get_by_label("Engångskod från appen").fill(f"{TOTP(key).token():06d}")
    page.get_by_role("button", name="Aktivera").click()
    expect(page.get_by_role("heading", name=re.compile("Välkommen"))).to_be_visible()
    assert TOTPDevice.objects.get(user=user).confirmed
    context.close()
