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
