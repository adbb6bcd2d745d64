"""In a real browser: a computed KPI's page with its I-chart and funnel plot, the way to the series
page and re-phasing there, the unit-size page; no serious axe-core findings on any of them."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tillit.core.tests.test_accessibility import violations
from tillit.kpis.models import Kpi, KpiSource, KpiValue
from tillit.testing.factories import PASSWORD, assign

pytestmark = pytest.mark.browser


def _data(org) -> Kpi:
    kpi = Kpi.objects.create(
        code="TILLIT-AVV-MOTTAGEN",
        title="Andel avvikelser mottagna inom tjänstenivån",
        source=KpiSource.COMPUTED,
        measure="procent",
    )
    values = [82, 80, 85, 81, 83, 79, 84, 82, 80, 83, 81, 84, 82, 80, 60, 83, 81, 82]
    KpiValue.objects.bulk_create(
        KpiValue(kpi=kpi, unit=org.soc, year=2025 + m // 12, month=m % 12 + 1, value=v) for m, v in enumerate(values)
    )
    for unit, num, den in ((org.vux1, 45, 50), (org.vux2, 20, 40), (org.ald1, 90, 100), (org.p1a, 28, 30)):
        KpiValue.objects.create(kpi=kpi, unit=unit, year=2026, value=100 * num / den, numerator=num, denominator=den)
    return kpi


def test_kpi_page_i_chart_funnel_and_rephasing(browser: Browser, live_server, browser_org):
    org = browser_org
    kpi = _data(org)
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = org.user("kvalitetsutvecklare")
    assign(user, "kvalitetsutvecklare", org.soc)
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20000)
    base = live_server.url
    page.goto(f"{base}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill("kvalitetsutvecklare")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.get_by_label("Engångskod från appen").fill(f"{TOTP(device.bin_key).token():06d}")
    page.get_by_role("button", name="Fortsätt").click()
    page.wait_for_url(f"{base}/start/")
    page.goto(f"{base}/nyckeltal/")
    page.get_by_role("link", name=kpi.title).click()
    assert page.locator("figure.chart svg").count() == 2  # I-chart and funnel (no Kolada comparison)
    assert page.get_by_text("Utanför gränserna:").is_visible()
    assert page.get_by_role("heading", name="Enheterna jämförda 2026").is_visible()
    found = {"kpi": violations(page, base)}
    page.get_by_role("link", name="Faser och baslinje för styrdiagrammet").click()
    page.get_by_label("Ny fas från månad").fill("2025-01")
    page.get_by_label("Baslinje (antal månader)").fill("12")
    page.get_by_label("Skäl (vilken förändring i arbetssättet)").fill("Ny rutin för mottagning av avvikelser")
    page.get_by_role("button", name="Starta ny fas").click()
    assert page.get_by_text("En ny fas börjar 2025-01").is_visible()
    assert page.get_by_role("cell", name="Ny rutin för mottagning av avvikelser").is_visible()
    found["series"] = violations(page, base)
    page.goto(f"{base}/nyckeltal/antal-brukare/")
    page.get_by_label("Enhet").select_option(label="— — Boendestöd (VUX1)")
    page.get_by_label("År").fill("2026")
    page.get_by_label("Antal brukare").fill("120")
    page.get_by_role("button", name="Spara").click()
    assert page.get_by_text("Antalet brukare för Boendestöd 2026 är sparat.").is_visible()
    found["denominators"] = violations(page, base)
    page.goto(f"{base}/trender/")
    assert page.get_by_role("heading", name="Styrdiagram").is_visible()
    found["series_list"] = violations(page, base)
    context.close()
    assert not any(found.values()), found
