"""In a real browser: an enhetschef creates a rutin, sends it on remiss, fastställer it and asks for
läskvittens; a medarbetare finds it on the start page and confirms. The new pages pass axe-core
(no serious or critical violation) on a desktop and a phone."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from playwright.sync_api import Browser, expect

from tillit.core.tests.test_accessibility import log_in, violations
from tillit.documents.models import Document
from tillit.documents.services import activity_add, process_create

pytestmark = pytest.mark.browser


def test_create_faststall_ask_and_confirm(browser: Browser, live_server, browser_org):
    org, base = browser_org, live_server.url
    chef = org.user("enhetschef")
    process = process_create(actor=chef, code="P-VUX", name="Socialtjänstprocessen Vuxna", unit=org.vux1)
    activity_add(actor=chef, process=process, name="Aktualisera")
    activity_add(actor=chef, process=process, name="Utreda och bedöma", samverkan_with="Region")
    found: dict[str, list[str]] = {}

    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(20000)
    log_in(page, base, "enhetschef")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Dokument").click()
    page.get_by_role("link", name="Nytt dokument").click()
    found["form"] = violations(page, base)
    page.get_by_label("Dokumentkod").fill("RUT-VUX-01")
    page.get_by_label("Titel").fill("Rutin för nyckelhantering")
    page.get_by_label("Ägande enhet").select_option(label="Boendestöd")
    page.get_by_label("Process").select_option(label="Socialtjänstprocessen Vuxna")
    page.locator("#id_text").fill("Nycklar kvitteras i nyckelboken av den som hämtar dem.")
    page.get_by_role("button", name="Skapa utkast").click()
    expect(page.get_by_text("Dokumentet är skapat som utkast.")).to_be_visible()
    page.get_by_role("button", name="Skicka på remiss/granskning").click()
    expect(page.get_by_role("heading", name="Version 1: På remiss/granskning")).to_be_visible()
    page.get_by_label("Fastställd av").fill("Enhetschef")
    page.get_by_label("Gäller från").fill(date.today().isoformat())
    page.get_by_label("Nästa revidering senast").fill((date.today() + timedelta(days=365)).isoformat())
    page.get_by_role("button", name="Fastställ").click()
    expect(page.get_by_role("heading", name="Gällande version (1)")).to_be_visible()
    page.get_by_role("button", name="Begär läskvittens").click()
    expect(page.get_by_text("0 av 2 har kvitterat")).to_be_visible()
    found["detail"] = violations(page, base)
    for path in ["/dokument/", "/dokument/processer/", f"/dokument/enhet/{org.vux1.pk}/"]:
        page.goto(f"{base}{path}")
        found[path] = violations(page, base)
    context.close()

    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(20000)
    log_in(page, base, "medarbetare")
    found["start (phone)"] = violations(page, base)
    page.get_by_role("link", name="RUT-VUX-01 Rutin för nyckelhantering").click()
    found["detail (phone)"] = violations(page, base)
    page.get_by_role("button", name="Jag har läst dokumentet").click()
    expect(page.get_by_text("Du har kvitterat att du har läst dokumentet.")).to_be_visible()
    for path in ["/dokument/", "/dokument/processer/"]:
        page.goto(f"{base}{path}")
        found[f"{path} (phone)"] = violations(page, base)
    context.close()

    document = Document.objects.get(code="RUT-VUX-01")
    assert document.status == "faststalld" and document.process_id == process.pk
    assert document.current_version.read_receipts.filter(confirmed_at__isnull=False).count() == 1
    assert not any(found.values()), {k: v for k, v in found.items() if v}
