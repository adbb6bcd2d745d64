"""In a real browser: the nämnd logs in and reads the overview (charts, a signal, no serious axe-core
findings); an enhetschef sees a signal on her start page and opens its run chart."""

from __future__ import annotations

import random

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, expect

from tillit.core.tests.test_accessibility import log_in, violations
from tillit.events.models import Category
from tillit.kpis.demo import demo_step
from tillit.overview.signals import window
from tillit.trends.models import EventMonthCount
from tillit.trends.tests.test_spc import _poisson

pytestmark = pytest.mark.browser


def shift(unit) -> None:
    # A transactional test database is flushed after each test, the seeded categories with it.
    Category.objects.get_or_create(code="lakemedel", defaults={"label": "Läkemedel"})
    rng = random.Random(20261101)
    counts = [_poisson(rng, 3) for _ in range(14)] + [_poisson(rng, 9) for _ in range(10)]
    EventMonthCount.objects.bulk_create(
        EventMonthCount(unit=unit, kind="avvikelse", category="lakemedel", month=m, count=c)
        for m, c in zip(window(timezone.localdate()), counts, strict=True)
    )


def test_namnd_logs_in_and_reads_the_overview(browser: Browser, live_server, browser_org):
    shift(browser_org.vux1)
    demo_step(rng=None, today=None)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    base = live_server.url
    log_in(page, base, "namnd")
    found = {"/start/": violations(page, base)}
    expect(page.get_by_role("heading", name="Översikt").first).to_be_visible()
    page.get_by_role("link", name="Visa översikten").click()
    page.wait_for_url(f"{base}/oversikt/")
    expect(page.get_by_role("heading", name="Översikt", level=1)).to_be_visible()
    expect(page.get_by_text("Avvikelser om läkemedel i Boendestöd har legat över medianen")).to_be_visible()
    assert page.locator("figure.chart svg").count() == 3  # kinds, run chart, KPIs
    expect(page.get_by_text("Antal under 5 visas som <5").first).to_be_visible()
    found["/oversikt/"] = violations(page, base)
    context.close()
    assert not any(found.values()), found


def test_a_signal_on_the_enhetschefs_start_page_leads_to_its_chart(browser: Browser, live_server, browser_org):
    shift(browser_org.vux1)
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    base = live_server.url
    log_in(page, base, "enhetschef")
    signals = page.get_by_role("region", name="Trendsignaler")
    expect(signals.get_by_role("listitem")).to_contain_text(
        "Avvikelser om läkemedel i Boendestöd har legat över medianen"
    )
    found = {"/start/": violations(page, base)}
    signals.get_by_role("link", name="Visa styrdiagrammet").click()
    page.wait_for_url(f"{base}/oversikt/serie/avvikelse/VUX1/lakemedel/")
    assert page.locator("figure.chart svg").count() == 1
    found["/oversikt/serie/…/"] = violations(page, base)
    context.close()
    assert not any(found.values()), found
