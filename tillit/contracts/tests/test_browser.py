"""In a real browser: the municipality's avtalsuppföljare records a deficiency at a contract
follow-up and requires a measure, the provider's utförarkontakt answers it in Tillit, the
municipality approves the answer and closes the follow-up; the provider's own kvalitetsberättelse
shows the drafted section "Utförare och avtalsuppföljning". No serious axe-core findings."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from playwright.sync_api import Browser, expect

from tillit.contracts.models import FindingResult, FollowUp, RequiredMeasure
from tillit.contracts.selectors import contract_requirements
from tillit.contracts.services import contract_create, finding_record, follow_up_transition
from tillit.core.roles import Role
from tillit.core.tests.test_accessibility import log_in, violations
from tillit.reports.services import report_create
from tillit.testing.factories import UserFactory, assign

pytestmark = pytest.mark.browser


def test_follow_up_with_a_finding_the_providers_answer_and_the_approval(browser: Browser, live_server, browser_org):
    org = browser_org
    follower = org.user("avtalsuppfoljare")
    contract = contract_create(
        actor=follower,
        provider=org.provider1,
        code="AVT-SOL",
        title="Särskilt boende Solgården",
        units=[org.p1a],
        valid_from=date(2024, 1, 1),
    )
    base = live_server.url
    found = {}

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20000)
    log_in(page, base, "avtalsuppfoljare")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Avtal").click()
    found["list"] = violations(page, base)
    page.get_by_role("link", name="Registrera ett avtal").click()
    expect(page.get_by_label("Ledningssystem för systematiskt kvalitetsarbete enligt SOSFS 2011:9")).to_be_checked()
    found["register"] = violations(page, base)
    page.go_back()
    page.get_by_role("link", name="AVT-SOL").click()
    found["contract"] = violations(page, base)
    page.get_by_role("link", name="Planera en uppföljning").click()
    page.get_by_label("Verksamhetsbesök").check()
    page.get_by_label("Granskning av utförarens avvikelsehantering i Tillit").check()
    found["plan"] = violations(page, base)
    page.get_by_role("button", name="Planera uppföljningen").click()
    expect(page.get_by_text("Uppföljningen är planerad.")).to_be_visible()
    follow_up = FollowUp.objects.get()
    # Every requirement but one is met (recorded beforehand); the browser records the deficiency.
    items = contract_requirements(contract)
    lacking = next(i for i in items if i.code == "fast_omsorgskontakt")
    for item in items:
        if item != lacking:
            finding_record(actor=follower, follow_up=follow_up, item=item, result=FindingResult.UPPFYLLT)
    page.reload()
    card = page.locator(f"#krav-{lacking.pk}")
    card.get_by_label("Brist").check()
    card.get_by_label("Iakttagelse").fill("Flera brukare saknar utsedd fast omsorgskontakt.")
    card.get_by_role("button", name="Spara iakttagelsen").click()
    expect(page.get_by_text("Iakttagelsen är sparad.")).to_be_visible()
    card = page.locator(f"#krav-{lacking.pk}")
    card.get_by_text("Kräv en åtgärd av utföraren").click()
    card.get_by_label("Åtgärd som krävs").fill("Utse fast omsorgskontakt för alla brukare.")
    card.get_by_label("Utföraren svarar senast").fill((date.today() + timedelta(days=21)).isoformat())
    found["follow_up"] = violations(page, base)
    card.get_by_role("button", name="Kräv åtgärden").click()
    expect(page.get_by_text("Åtgärden är begärd och utföraren har fått besked.")).to_be_visible()
    page.get_by_role("button", name="Markera som genomförd").click()
    expect(page.get_by_text("Uppföljningen är genomförd.")).to_be_visible()
    context.close()

    # The provider answers in Tillit.
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(20000)
    log_in(page, base, "utforarkontakt")
    page.goto(f"{base}/avtal/")
    page.get_by_role("link", name="AVT-SOL").click()
    page.get_by_role("link", name=date.today().isoformat()).click()
    expect(page.get_by_text("Väntar på utförarens svar")).to_be_visible()
    expect(page.get_by_role("button", name="Spara iakttagelsen")).to_have_count(0)
    page.get_by_label("Ert svar: vad har ni gjort åt bristen?").fill("Alla brukare har nu en fast omsorgskontakt.")
    found["answer"] = violations(page, base)
    page.get_by_role("button", name="Skicka svaret till kommunen").click()
    expect(page.get_by_text("Svaret är skickat till kommunen.")).to_be_visible()
    context.close()

    # The municipality approves and closes the follow-up.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20000)
    log_in(page, base, "avtalsuppfoljare")
    page.goto(f"{base}/avtal/uppfoljning/{follow_up.pk}/")
    expect(page.get_by_text("Alla brukare har nu en fast omsorgskontakt.")).to_be_visible()
    page.get_by_label("Godkänn svaret").check()
    found["judge"] = violations(page, base)
    page.get_by_role("button", name="Spara bedömningen").click()
    expect(page.get_by_text("Svaret är godkänt.")).to_be_visible()
    page.get_by_role("button", name="Avsluta uppföljningen").click()
    expect(page.get_by_text("Uppföljningen är avslutad.")).to_be_visible()
    context.close()
    assert RequiredMeasure.objects.get().state == "godkand"
    assert FollowUp.objects.get().state == "avslutad"
    assert not any(found.values()), {k: v for k, v in found.items() if v}


def test_the_drafted_section_in_the_providers_own_report(browser: Browser, live_server, browser_org):
    org = browser_org
    follower = org.user("avtalsuppfoljare")
    contract = contract_create(
        actor=follower, provider=org.provider1, code="AVT-1", units=[org.p1a], valid_from=date(2024, 1, 1)
    )
    from tillit.contracts.services import follow_up_plan

    follow_up = follow_up_plan(actor=follower, contract=contract, planned_on=date.today(), methods=["besok"])
    for item in contract_requirements(contract):
        finding_record(actor=follower, follow_up=follow_up, item=item, result=FindingResult.UPPFYLLT)
    follow_up_transition(actor=follower, follow_up=follow_up, code="genomfora")
    quality = UserFactory(username="p1-kvalitet", provider=org.provider1)
    assign(quality, Role.KVALITETSUTVECKLARE, org.p1a)
    report = report_create(actor=quality, year=date.today().year, scope=org.p1a)

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20000)
    log_in(page, live_server.url, "utforarkontakt")
    page.goto(f"{live_server.url}/kvalitetsberattelse/{report.pk}/")
    expect(page.get_by_role("heading", name="Utförare och avtalsuppföljning").first).to_be_visible()
    expect(page.get_by_text(f"Under {date.today().year} genomfördes 1 avtalsuppföljning.").first).to_be_visible()
    found = violations(page, live_server.url)
    context.close()
    assert not found, found
