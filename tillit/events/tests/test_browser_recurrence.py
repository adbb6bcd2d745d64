"""The case page's "Liknande händelser tidigare" in a real browser: shown, and no serious axe-core findings."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from playwright.sync_api import Browser, expect

from tillit.core.tests.test_accessibility import log_in, violations
from tillit.events.models import Category, Event
from tillit.events.services import event_report

pytestmark = pytest.mark.browser


def test_case_page_with_similar_earlier_events_has_no_serious_findings(browser: Browser, live_server, browser_org):
    org = browser_org
    category = Category.objects.get_or_create(code="fall-test", defaults={"label": "Fall (test)"})[0]
    for days in (40, 12, 0):
        event = event_report(
            actor=org.user("medarbetare"), kind="avvikelse", unit=org.vux1, description="x", category=category
        ).event
        Event.objects.filter(pk=event.pk).update(reported_on=date.today() - timedelta(days=days))
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    base = live_server.url
    log_in(page, base, "enhetschef")
    page.goto(f"{base}/handelser/{event.pk}/")
    expect(page.get_by_role("heading", name="Liknande händelser tidigare: 2 de senaste 90 dagarna")).to_be_visible()
    found = violations(page, base)
    context.close()
    assert not found, found
