"""Lex Maria in a real browser: reported by a medarbetare, then MAS bedömning, utredning, anmälan
to IVO, information to the patient and closing; and a case judged "ej vårdskada" closed without the
patient being told that a vårdskada occurred (PSL (2010:659) 3 kap. 8 §)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tillit.events.checklists import investigation_topics, patient_information_values
from tillit.events.models import Event
from tillit.events.tests.test_browser_flows import add_entry, log_in, next_step, verified

pytestmark = pytest.mark.browser


def _reported_by_medarbetare(browser: Browser, base: str, description: str) -> Event:
    page = browser.new_context().new_page()
    page.set_default_timeout(10000)
    log_in(page, base, "medarbetare")
    page.goto(f"{base}/handelser/rapportera/")
    page.get_by_label(re.compile("^Lex Maria")).check()
    page.get_by_label("Vad hände?").fill(description)
    page.get_by_role("button", name="Skicka rapport").click()
    expect(page.get_by_role("heading", name=re.compile("Lex Maria LM-"))).to_be_visible()
    page.context.close()
    return Event.objects.get(description=description)


def _mas(browser: Browser, base: str, browser_org) -> Page:
    page = browser.new_context().new_page()
    page.set_default_timeout(30000)  # registering the anmälan renders the PDF that was sent
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(f"{base}/konto/logga-in/")
    verified(page, browser_org.user("mas"))
    return page


def _investigate(page: Page) -> None:
    for topic in investigation_topics():
        add_entry(page, topic.text, f"Utredning: {topic.text}.")


def test_lex_maria_from_report_to_patient_information_and_closing(browser: Browser, live_server, browser_org):
    base = live_server.url
    event = _reported_by_medarbetare(browser, base, "Fel läkemedel gavs vid kvällsmedicineringen.")
    page = _mas(browser, base, browser_org)
    page.goto(f"{base}/handelser/{event.pk}/")

    next_step(page, "MAS bedömning")
    page.get_by_label("Vårdskada", exact=True).check()
    page.get_by_label("Ja, allvarligt").check()
    page.get_by_role("button", name="MAS bedömning").click()
    next_step(page, "Starta utredning")
    page.get_by_role("button", name="Starta utredning").click()
    _investigate(page)

    page.get_by_role("link", name="Förbered anmälan").click()
    expect(page.get_by_role("heading", name="Anmälan till IVO")).to_be_visible()
    for textarea in page.locator("form textarea").all():
        if not textarea.input_value():
            textarea.fill("Uppgift till IVO.")
    page.get_by_role("button", name="Spara utkast").click()
    page.get_by_label("IVO:s e-tjänst").check()
    page.get_by_role("button", name="Registrera som skickad").click()
    expect(page.get_by_text(re.compile("är låst"))).to_be_visible()

    page.goto(f"{base}/handelser/{event.pk}/")
    next_step(page, "Registrera anmälan till IVO")
    page.get_by_role("button", name="Registrera anmälan till IVO").click()
    next_step(page, "Informera patienten")
    page.get_by_role("button", name="Informera patienten").click()

    # Closing before the patient has been told everything is refused, with what is missing.
    next_step(page, "Avsluta")
    page.get_by_label("Ställningstagande").fill("Vårdskada; anmäld till IVO; rutin för dubbelkontroll.")
    page.get_by_role("button", name="Avsluta").click()
    expect(page.get_by_text(re.compile("att en vårdskada har inträffat"))).to_be_visible()

    page.goto(f"{base}/handelser/{event.pk}/")
    page.get_by_role("link", name="Dokumentera information till patienten").click()
    page.get_by_label("Informerad den").fill(str(event.reported_on))
    for item in page.locator("form input[type=checkbox]").all():
        if item.get_attribute("name") != "informed_relative":
            item.check()
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Informationen till patienten har dokumenterats.")).to_be_visible()
    next_step(page, "Avsluta")
    page.get_by_label("Ställningstagande").fill("Vårdskada; anmäld till IVO; rutin för dubbelkontroll.")
    page.get_by_role("button", name="Avsluta").click()
    expect(page.locator(".badge").first).to_have_text("Avslutad")
    event.refresh_from_db()
    assert event.state == "avslutad" and event.outcome == "vardskada" and event.ivo_notified_on


def test_lex_maria_ej_vardskada_is_closed_without_the_vardskada_item(browser: Browser, live_server, browser_org):
    base = live_server.url
    event = _reported_by_medarbetare(browser, base, "Brukaren fick sin insulin en timme sent.")
    page = _mas(browser, base, browser_org)
    page.goto(f"{base}/handelser/{event.pk}/")

    next_step(page, "MAS bedömning")
    page.get_by_label("Ej vårdskada", exact=True).check()
    page.get_by_label("Nej", exact=True).check()
    page.get_by_role("button", name="MAS bedömning").click()
    next_step(page, "Starta utredning")
    page.get_by_role("button", name="Starta utredning").click()
    _investigate(page)
    next_step(page, "Informera patienten")
    page.get_by_role("button", name="Informera patienten").click()

    # The patient was told what happened and of the measures, but no vårdskada occurred.
    page.get_by_role("link", name="Dokumentera information till patienten").click()
    page.get_by_label("Informerad den").fill(str(event.reported_on))
    for item in page.locator("form input[type=checkbox]").all():
        if item.get_attribute("name") not in ("informed_relative", "told_vardskada"):
            item.check()
    page.get_by_role("button", name="Spara").click()
    next_step(page, "Avsluta")
    page.get_by_label("Ställningstagande").fill("Ingen vårdskada; rutin för tider ses över.")
    page.get_by_role("button", name="Avsluta").click()
    expect(page.locator(".badge").first).to_have_text("Avslutad")
    event.refresh_from_db()
    assert event.state == "avslutad" and event.outcome == "ej_vardskada"
    assert patient_information_values(event.patient_information).get("told_vardskada", False) is False
