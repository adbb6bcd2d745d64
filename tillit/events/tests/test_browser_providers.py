"""A private provider runs its own lex Sarah in a real browser: its medarbetare reports, its utredare
investigates and sends the IVO anmälan and submits the investigation; the municipality sees the
notice and the submitted investigation without personal data and cannot open or change the case."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, expect

from tillit.core.roles import Role
from tillit.events.models import Event, PurchaserSubmission
from tillit.events.tests.test_browser_flows import add_entry, log_in, next_step, person, verified
from tillit.testing.factories import UserFactory, assign
from tillit.workflow.declaration import workflow

pytestmark = pytest.mark.browser
NAME = "Greta Gustafsson"


def test_provider_handles_its_lex_sarah_and_the_municipality_sees_notice_and_submission(
    browser: Browser, live_server, browser_org
):
    org = browser_org
    base = live_server.url
    reporter = UserFactory(username="p1-medarbetare", provider=org.provider1, title="Undersköterska")
    assign(reporter, Role.MEDARBETARE, org.p1a)
    utredare = UserFactory(username="p1-utredare", provider=org.provider1, title="Kvalitetsansvarig")
    assign(utredare, Role.UTREDARE, org.p1a)
    follow_up = UserFactory(username="kommun-kvalitet", title="Kvalitetsutvecklare")
    assign(follow_up, Role.KVALITETSUTVECKLARE, org.soc)

    page = browser.new_context().new_page()
    page.set_default_timeout(60000)  # the anmälan's PDF is rendered when it is registered as sent
    page.on("dialog", lambda dialog: dialog.accept())
    log_in(page, base, reporter.username)
    page.goto(f"{base}/handelser/rapportera/")
    page.get_by_label(re.compile("^Lex Sarah")).check()
    page.get_by_label("Vad hände?").fill(f"{NAME} lämnades utan tillsyn över natten.")
    page.get_by_role("button", name="Skicka rapport").click()
    expect(page.get_by_role("heading", name=re.compile("Lex Sarah LS-"))).to_be_visible()
    event = Event.objects.get()
    page.get_by_role("button", name="Logga ut").click()

    verified(page, utredare)
    page.goto(f"{base}/handelser/{event.pk}/")
    next_step(page, "Ta emot")
    page.get_by_label("Ansvarig").select_option(label=person(utredare))
    page.get_by_role("button", name="Ta emot").click()
    next_step(page, "Dokumentera omedelbara åtgärder")
    page.get_by_label(re.compile("Omedelbara åtgärder")).fill("Nattpersonal förstärktes samma natt.")
    page.get_by_role("button", name="Dokumentera omedelbara åtgärder").click()
    page.get_by_role("button", name=re.compile("Bedöm som allvarligt")).click()
    page.get_by_role("link", name="Förbered anmälan").click()
    for textarea in page.locator("form textarea").all():
        if not textarea.input_value():
            textarea.fill("Uppgift till IVO.")
    page.get_by_role("button", name="Spara utkast").click()
    page.get_by_label("IVO:s e-tjänst").check()
    page.get_by_role("button", name="Registrera som skickad").click()
    expect(page.get_by_text(re.compile("är låst"))).to_be_visible()

    page.goto(f"{base}/handelser/{event.pk}/")
    next_step(page, "Starta utredning")
    page.get_by_role("button", name="Starta utredning").click()
    from tillit.events.checklists import investigation_topics

    for item in investigation_topics():
        add_entry(page, item.text, f"Utredning om {NAME}: {item.text}.")
    next_step(page, "Till bedömning")
    page.get_by_role("button", name="Till bedömning").click()
    next_step(page, "Fatta beslut")
    page.get_by_label("Missförhållande", exact=True).check()
    page.get_by_role("button", name="Fatta beslut").click()
    next_step(page, "Avsluta")
    page.get_by_label("Ställningstagande").fill(f"Missförhållande för {NAME}; anmält till IVO.")
    page.get_by_role("button", name="Avsluta").click()
    event.refresh_from_db()
    assert event.state == "avslutad" and event.ivo_notified_on is not None

    # The finished investigation goes to the municipality as the provider writes and confirms it.
    page.get_by_role("link", name="Lämna in till kommunen").click()
    page.get_by_label("Sammanfattning av utredningen").fill("Nattbemanningen räckte inte vid sjukfrånvaro.")
    page.get_by_label("Utförarens ställningstagande").fill("Missförhållande; anmält till IVO.")
    page.get_by_label(re.compile("inte innehåller namn")).check()
    page.get_by_role("button", name="Lämna in till kommunen").click()
    expect(page.get_by_text("Utredningen har lämnats in till kommunen.")).to_be_visible()
    assert PurchaserSubmission.objects.filter(event=event).count() == 1
    page.get_by_role("button", name="Logga ut").click()

    verified(page, follow_up)
    page.get_by_role("link", name="Utförare", exact=True).first.click()
    notices = page.get_by_role("region", name="Underrättelser")
    expect(notices).to_contain_text(org.p1a.name)
    expect(notices).to_contain_text("Missförhållande, allvarligt")
    page.get_by_role("link", name=re.compile(re.escape(f"{org.provider1.name}, {org.p1a.name}"))).click()
    expect(page.get_by_role("heading", name="Inlämnad lex Sarah-utredning")).to_be_visible()
    expect(page.get_by_text("Nattbemanningen räckte inte vid sjukfrånvaro.")).to_be_visible()
    body = page.content()
    for personal in (NAME, reporter.username, utredare.display_name):
        assert personal not in body
    # The municipality cannot open the case, let alone change it.
    page.goto(f"{base}/handelser/{event.pk}/")
    expect(page.get_by_role("heading", name=re.compile("finns inte|hittades inte", re.I))).to_be_visible()
    before = (event.state, event.entries.count())
    page.goto(f"{base}/handelser/{event.pk}/status/avsluta/")
    event.refresh_from_db()
    assert (event.state, event.entries.count()) == before
    assert workflow("lex_sarah").is_final(event.state)
