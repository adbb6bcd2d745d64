"""In a real browser: a document past its review date reminds its owner, who finds the reminder in
the inbox (on a phone), opens the document and moves its review date on the new editing page; an
enhetschef edits a process and its steps and cites the routine in an avvikelse's investigation; a GAP answer gets an åtgärd; the report editor shows the
drafted section "Ledningssystemet och processer och rutiner". The new pages pass axe-core."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import Browser, expect

from tillit.actions.models import Action
from tillit.assessments.demo import SOSFS_FILE
from tillit.assessments.importer import import_framework
from tillit.assessments.models import AssessmentTemplate, ItemType
from tillit.assessments.services import answer_save, assessment_create
from tillit.core.tests.test_accessibility import log_in, violations
from tillit.documents.models import Document
from tillit.documents.services import activity_add, process_create
from tillit.documents.tests.helpers import faststall, make_document
from tillit.events.services import event_report
from tillit.inbox.services import reminders_send
from tillit.testing.factories import PASSWORD, UserFactory, assign

pytestmark = pytest.mark.browser


def test_review_reminder_and_editing_pages(browser: Browser, live_server, browser_org):
    org, base = browser_org, live_server.url
    chef = org.user("enhetschef")
    today = date.today()
    document = make_document(org, code="RUT-VUX-09", title="Rutin för nyckelhantering")
    faststall(
        document.versions.get(), chef, valid_from=today - timedelta(days=400), next_review_on=today - timedelta(days=5)
    )
    process = process_create(actor=chef, code="P-VUX", name="Socialtjänstprocessen Vuxna", unit=org.vux1)
    activity_add(actor=chef, process=process, name="Aktualisera")
    activity_add(actor=chef, process=process, name="Utreda")
    reminders_send()
    event = event_report(actor=org.user("medarbetare"), kind="avvikelse", unit=org.vux1, description="Nyckel").event
    found: dict[str, list[str]] = {}

    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(20000)
    log_in(page, base, "enhetschef")
    page.goto(f"{base}/inkorg/")
    found["inbox (phone)"] = violations(page, base)
    note = page.locator("li.card", has_text="RUT-VUX-09 Rutin för nyckelhantering: revideringen skulle ha gjorts")
    note.get_by_role("button", name="Öppna").click()
    expect(page.get_by_role("heading", level=1, name="Rutin för nyckelhantering")).to_be_visible()
    page.get_by_role("link", name="Ändra uppgifter om dokumentet").click()
    found["document edit (phone)"] = violations(page, base)
    page.get_by_label("Nästa revidering senast").fill((today + timedelta(days=90)).isoformat())
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Uppgifterna om dokumentet är sparade.")).to_be_visible()
    found["document with actions (phone)"] = violations(page, base)
    context.close()

    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(20000)
    log_in(page, base, "enhetschef")
    page.goto(f"{base}/dokument/processer/")
    page.get_by_role("link", name="Ny process").click()
    found["process form"] = violations(page, base)
    page.goto(f"{base}/dokument/processer/{process.pk}/")
    page.get_by_label("Aktivitet", exact=True).fill("Besluta")
    page.get_by_label("Samverkan med").fill("Regionens beroendevård")
    page.get_by_label("Rutiner för aktiviteten").select_option(label="RUT-VUX-09 Rutin för nyckelhantering")
    page.get_by_role("button", name="Lägg till aktivitet sist").dblclick()  # a double click adds one step
    expect(page.get_by_text("Aktiviteten är tillagd.")).to_be_visible()
    page.get_by_role("button", name="Flytta aktivitet 3 upp").click()
    expect(page.get_by_text("Aktiviteten är flyttad.")).to_be_visible()
    found["process detail"] = violations(page, base)
    page.get_by_role("link", name="Ändra aktivitet 1").click()
    found["activity form"] = violations(page, base)
    page.get_by_role("button", name="Spara").click()
    page.get_by_role("link", name="Ändra processen").click()
    found["process edit"] = violations(page, base)
    # The investigation of an avvikelse cites the routine that was not followed.
    page.goto(f"{base}/handelser/{event.pk}/")
    page.get_by_text("Fler uppgifter").click()
    page.get_by_label("RUT-VUX-09 Rutin för nyckelhantering").check()
    page.get_by_role("button", name="Spara rutiner").click()
    expect(page.get_by_text("Rutinerna är sparade.")).to_be_visible()
    page.get_by_text("Fler uppgifter").click()
    expect(page.get_by_role("link", name="RUT-VUX-09 Rutin för nyckelhantering")).to_be_visible()
    found["case with cited routine"] = violations(page, base)
    context.close()

    document.refresh_from_db()
    assert document.next_review_on == today + timedelta(days=90)
    assert list(process.activities.values_list("name", flat=True)) == ["Aktualisera", "Besluta", "Utreda"]
    assert list(event.cited_routines.all()) == [document]
    assert not any(found.values()), {k: v for k, v in found.items() if v}


def test_a_gap_answer_gets_an_action(browser: Browser, live_server, browser_org):
    org, base = browser_org, live_server.url
    chef = org.user("enhetschef")
    import_framework(SOSFS_FILE, establish=True)
    template = AssessmentTemplate.objects.get(code="SOSFS-2011-9", version=1)
    assessment = assessment_create(
        actor=chef, template=template, unit=org.vux1, title="GAP Boendestöd", performed_on=date.today(),
        performer=chef,
    )  # fmt: skip
    item = template.items.exclude(item_type=ItemType.KAPITEL).order_by("position").first()
    answer_save(actor=chef, assessment=assessment, item=item, value="ej_uppfyllt")
    found: dict[str, list[str]] = {}

    page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    page.set_default_timeout(20000)
    log_in(page, base, "enhetschef")
    page.goto(f"{base}/granskningar/{assessment.pk}/")
    page.locator(f"#punkt-{item.pk}").get_by_role("link", name=re.compile("^Åtgärder")).click()
    expect(page.get_by_role("heading", level=1, name=item.ref)).to_be_visible()
    found["gap answer"] = violations(page, base)
    page.get_by_label("Typ av åtgärd").select_option("ny_rutin")
    page.get_by_label("Beskrivning").fill("Ta fram en rutin för hur synpunkter tas emot")
    page.get_by_label("Klart senast").fill((date.today() + timedelta(days=60)).isoformat())
    page.get_by_role("button", name="Lägg till åtgärd").click()
    expect(page.get_by_text("Åtgärden har lagts till.")).to_be_visible()
    expect(page.get_by_text("Ta fram en rutin för hur synpunkter tas emot")).to_be_visible()
    found["gap answer with action"] = violations(page, base)

    action = Action.objects.get()
    assert action.source.assessment == assessment and action.owner == chef
    assert not any(found.values()), {k: v for k, v in found.items() if v}


def test_the_report_editor_shows_the_drafted_section(browser: Browser, live_server, browser_org):
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    org, base = browser_org, live_server.url
    chef = org.user("enhetschef")
    process = process_create(actor=chef, code="P-VUX", name="Socialtjänstprocessen Vuxna", unit=org.vux1)
    activity_add(actor=chef, process=process, name="Aktualisera")
    activity_add(actor=chef, process=process, name="Utreda", samverkan_with="Regionen")
    assert Document.objects.count() == 0
    author = UserFactory(username="kvalitet", first_name="Karin", last_name="Kvalitet", title="Kvalitetsutvecklare")
    assign(author, "kvalitetsutvecklare", org.soc)
    device = TOTPDevice.objects.create(user=author, name="app", confirmed=True)

    page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    page.set_default_timeout(20000)
    page.goto(f"{base}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill("kvalitet")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.get_by_label("Engångskod från appen").fill(f"{TOTP(device.bin_key).token():06d}")
    page.get_by_role("button", name="Fortsätt").click()
    page.get_by_role("link", name="Kvalitetsberättelse").first.click()
    page.get_by_role("button", name="Ta fram utkast").click()
    expect(page.get_by_role("heading", name="Ledningssystemet och processer och rutiner").first).to_be_visible()
    expect(
        page.get_by_text(re.compile(r"kärnprocesser är identifierade och beskrivna: Socialtjänstprocessen Vuxna")).first
    ).to_be_visible()
    expect(page.get_by_text("Samverkan är markerad i 1 aktivitet.", exact=False).first).to_be_visible()
    assert not violations(page, base)
