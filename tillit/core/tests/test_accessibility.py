"""axe-core (WCAG 2.1 A/AA rules) finds no serious problems on the main pages, on a phone and a desktop."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tillit.events.services import event_report
from tillit.testing.factories import PASSWORD

pytestmark = pytest.mark.browser

PAGES = [
    "/start/",
    "/handelser/",
    "/handelser/rapportera/",
    "/handelser/mina-uppgifter/",
    "/inkorg/",
    "/kvalitetsberattelse/",
]


def log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(f"{base}/start/")


def violations(page, base: str) -> list[str]:
    page.add_script_tag(url=f"{base}/static/vendor/axe-core/axe.min.js")
    result = page.evaluate(
        "() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    assert result["passes"], "axe-core did not run"
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("viewport", [(390, 844), (1280, 800)], ids=["phone", "desktop"])
def test_main_pages_have_no_serious_accessibility_problems(browser: Browser, live_server, browser_org, viewport):
    event = event_report(
        actor=browser_org.user("medarbetare"), kind="avvikelse", unit=browser_org.vux1, description="Fallolycka"
    ).event
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    page = context.new_page()
    base = live_server.url
    found = {}
    page.goto(f"{base}/konto/logga-in/")
    found["/konto/logga-in/"] = violations(page, base)
    log_in(page, base, "enhetschef")
    for path in [*PAGES, f"/handelser/{event.pk}/"]:
        page.goto(f"{base}{path}")
        found[path] = violations(page, base)
    context.close()
    assert not any(found.values()), {k: v for k, v in found.items() if v}


def test_phone_header_is_one_row_and_the_menu_opens_from_a_button(browser: Browser, live_server, browser_org):
    # A phone used to spend three to four rows of the screen on the menu.
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    base = live_server.url
    log_in(page, base, "enhetschef")
    header = page.locator(".site-header").bounding_box()
    assert header and header["height"] < 80
    menu = page.get_by_role("button", name="Meny")
    assert menu.get_attribute("aria-expanded") == "false"
    nav = page.get_by_role("navigation", name="Huvudmeny")
    assert not nav.get_by_role("link", name="Mina uppgifter").is_visible()
    menu.click()
    assert menu.get_attribute("aria-expanded") == "true"
    nav.get_by_role("link", name="Mina uppgifter").click()
    page.wait_for_url(f"{base}/handelser/mina-uppgifter/")
    # No page is wider than the phone: wide tables scroll inside their own box.
    for path in ["/handelser/", "/handelser/mina-uppgifter/", "/organisation/"]:
        page.goto(f"{base}{path}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
    context.close()


def test_desktop_shows_the_menu_without_a_button(browser: Browser, live_server, browser_org):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    log_in(page, live_server.url, "enhetschef")
    assert not page.get_by_role("button", name="Meny").is_visible()
    assert page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Mina uppgifter").is_visible()
    context.close()


def test_settings_fit_on_a_phone(browser: Browser, live_server, browser_org):
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = browser_org.user("kvalitetsutvecklare")
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    base = live_server.url
    page.goto(f"{base}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(user.username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.get_by_label("Engångskod från appen").fill(f"{TOTP(device.bin_key).token():06d}")
    page.get_by_role("button", name="Fortsätt").click()
    page.wait_for_url(f"{base}/start/")
    page.goto(f"{base}/handelser/installningar/")
    # The settings table used to run off the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert violations(page, base) == []
    context.close()
