"""An internkontroll plan with results and carry-over in a real browser, with no serious axe-core
findings on its pages."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, expect

from tillit.core.roles import Role
from tillit.core.tests.test_accessibility import log_in, violations
from tillit.internal_control.models import ControlPlan
from tillit.internal_control.services import plan_create, point_add
from tillit.testing.factories import UserFactory, assign

pytestmark = pytest.mark.browser


def test_plan_results_and_carry_over(browser: Browser, live_server, browser_org):
    keeper = UserFactory(username="avd_soc", title="Avdelningschef")
    assign(keeper, Role.AVDELNINGSCHEF, browser_org.soc)
    plan = plan_create(actor=keeper, unit=browser_org.soc, year=2025)
    for code, title in (("1", "Attest av fakturor"), ("2", "Behörigheter i verksamhetssystemet")):
        point_add(actor=keeper, plan=plan, code=code, title=title, probability=3, consequence=3)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    base = live_server.url
    found = {}
    log_in(page, base, "avd_soc")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Internkontroll").click()
    found["list"] = violations(page, base)
    page.get_by_role("link", name="2025").click()
    page.get_by_role("link", name="Attest av fakturor").click()
    page.get_by_label("Status").select_option("genomford")
    page.get_by_label("Utfall").select_option("med_brister")
    page.get_by_label("Kommentar").fill("Två fakturor saknade attest.")
    found["point"] = violations(page, base)
    page.get_by_role("button", name="Spara resultatet").click()
    expect(page.get_by_text("Resultatet är sparat.")).to_be_visible()
    page.get_by_role("link", name="Internkontrollplan 2025").click()
    expect(page.get_by_text("1 av 2 kontrollpunkter genomförda.")).to_be_visible()
    expect(page.get_by_text("Gul – med brister")).to_be_visible()
    found["plan"] = violations(page, base)
    page.get_by_role("button", name="För över till planen för 2026").click()
    expect(page.get_by_text("1 kontrollpunkt fördes över till planen för 2026.")).to_be_visible()
    expect(page.get_by_role("heading", name="Internkontrollplan 2026")).to_be_visible()
    expect(page.get_by_text("Överförd från 2025")).to_be_visible()
    context.close()
    assert ControlPlan.objects.get(year=2026).points.get().carried_from.title == "Behörigheter i verksamhetssystemet"
    assert not any(found.values()), {k: v for k, v in found.items() if v}


def test_adoption_results_and_the_follow_up_report_to_the_namnd(browser: Browser, live_server, browser_org):
    from datetime import date

    keeper = UserFactory(username="avdchef_soc", title="Avdelningschef")  # no two-factor step
    assign(keeper, Role.AVDELNINGSCHEF, browser_org.soc)
    namnd = UserFactory(username="namnd_soc", title="Ledamot")
    assign(namnd, Role.NAMND, browser_org.soc)
    plan = plan_create(actor=keeper, unit=browser_org.soc, year=2025)
    point_add(
        actor=keeper,
        plan=plan,
        code="1",
        title="Attest av fakturor",
        probability=3,
        consequence=3,
        report_due=date(2025, 4, 30),
    )
    point_add(
        actor=keeper,
        plan=plan,
        code="2",
        title="Behörigheter",
        probability=2,
        consequence=4,
        report_due=date(2025, 10, 31),
    )
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    base = live_server.url
    found = {}
    log_in(page, base, "avdchef_soc")
    page.goto(f"{base}/internkontroll/{plan.pk}/")
    page.get_by_label("Beslut", exact=True).fill("SN § 12")
    page.get_by_label("Beslutsdatum").fill("2025-02-14")
    page.get_by_role("button", name="Registrera att planen är antagen").click()
    expect(page.get_by_text("Planen är antagen (SN § 12, 2025-02-14).")).to_be_visible()
    page.get_by_role("link", name="Attest av fakturor").click()
    page.get_by_label("Status").select_option("genomford")
    page.get_by_label("Utfall").select_option("utan_anmarkning")
    page.get_by_label("Kommentar").fill("Stickprov på tjugo fakturor.")
    page.get_by_role("button", name="Spara resultatet").click()
    page.get_by_role("link", name="Internkontrollplan 2025").click()
    page.get_by_role("link", name="Uppföljningsrapport till nämnden").click()
    page.get_by_label("Period").select_option("tertial1")
    page.get_by_role("button", name="Visa").click()
    expect(page.get_by_text("1 av 1 kontrollpunkter genomförda.")).to_be_visible()
    found["keeper"] = violations(page, base)
    context.close()

    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    log_in(page, base, "namnd_soc")
    page.goto(f"{base}/internkontroll/uppfoljning/")
    found["list"] = violations(page, base)
    page.get_by_role("link", name="Uppföljning 2025").click()
    expect(page.get_by_text("1 av 2 kontrollpunkter genomförda.")).to_be_visible()
    expect(page.get_by_text("Planen antogs av nämnden 2025-02-14 (SN § 12).")).to_be_visible()
    assert page.get_by_text("Stickprov på tjugo fakturor.").count() == 0
    found["namnd"] = violations(page, base)
    page.emulate_media(media="print")
    assert not page.get_by_role("button", name="Visa").is_visible()
    expect(page.get_by_text("Period: Helår")).to_be_visible()
    context.close()
    assert not any(found.values()), {k: v for k, v in found.items() if v}
