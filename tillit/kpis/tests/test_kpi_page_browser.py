"""The KPI page in a real browser: charts drawn, "Källa: Kolada" shown, and no serious axe-core findings."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tillit.core.tests.test_accessibility import log_in, violations
from tillit.kpis.demo import demo_step

pytestmark = pytest.mark.browser


def test_kpi_page_has_charts_and_no_serious_accessibility_problems(browser: Browser, live_server, browser_org):
    demo_step(rng=None, today=None)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    base = live_server.url
    log_in(page, base, "namnd")
    page.goto(f"{base}/nyckeltal/")
    page.get_by_role("link", name="Utredningstid i antal dagar").click()
    assert page.locator("figure.chart svg").count() == 3  # comparison, women/men, styrdiagram
    assert page.get_by_text("Källa: Kolada (U33401)").is_visible()
    found = {"/nyckeltal/U33401/": violations(page, base)}
    page.goto(f"{base}/nyckeltal/")
    found["/nyckeltal/"] = violations(page, base)
    context.close()
    assert not any(found.values()), found
