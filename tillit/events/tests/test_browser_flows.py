"""The event loop in a real browser (headless Chromium): reporting on a phone, investigating,
acting and closing; a lex Sarah case to a downloaded IVO PDF; an anonymous complaint answered and
read with the receipt code."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import Browser, Page, expect

from tillit.actions.models import Action
from tillit.events.models import EntryTopic, Event
from tillit.testing.factories import PASSWORD

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def log_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("heading", name=re.compile("Välkommen"))).to_be_visible()


def verified(page: Page, user) -> None:
    """2FA roles: pass TOTP with a known device (its own browser test is in accounts)."""
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    page.get_by_label("Användarnamn").fill(user.username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.get_by_label("Engångskod från appen").fill(f"{TOTP(device.bin_key).token():06d}")
    page.get_by_role("button", name="Fortsätt").click()
    expect(page.get_by_role("heading", name=re.compile("Välkommen"))).to_be_visible()


def person(user) -> str:
    return f"{user.display_name}, {user.title}" if user.title else user.display_name


def next_step(page: Page, label: str) -> None:
    page.get_by_role("link", name=label, exact=True).click()
    expect(page.get_by_role("heading", name=label)).to_be_visible()


def add_entry(page: Page, topic_label: str, text: str) -> None:
    page.get_by_label("Del av utredningen").select_option(label=topic_label)
    page.get_by_label("Text", exact=True).fill(text)
    page.get_by_role("button", name="Spara anteckning").click()
    expect(page.get_by_text("Anteckningen har sparats.")).to_be_visible()


def test_avvikelse_reported_on_a_phone_then_received_investigated_acted_on_and_closed(
    browser: Browser, live_server, browser_org
):
    base = live_server.url
    phone = browser.new_context(**PHONE).new_page()
    phone.set_default_timeout(20000)
    log_in(phone, base, "medarbetare")
    phone.get_by_role("link", name="Rapportera").first.click()
    phone.get_by_label(re.compile("^Avvikelse")).check()
    phone.get_by_label("Vad hände?").fill("Dosetten var tom på morgonen.")
    phone.get_by_label("Vad gjordes direkt?").fill("Ringde sjuksköterskan.")
    phone.get_by_role("button", name="Skicka rapport").dblclick()  # a double tap must not make two
    expect(phone.get_by_role("heading", name=re.compile("Avvikelse AV-"))).to_be_visible()
    assert Event.objects.count() == 1
    event = Event.objects.get()

    page = browser.new_context().new_page()
    page.set_default_timeout(20000)
    log_in(page, base, "enhetschef")
    page.get_by_role("link", name="Mina uppgifter").first.click()
    page.get_by_role("link", name=event.reference).click()
    next_step(page, "Ta emot")
    page.get_by_label("Ansvarig").select_option(label=person(browser_org.user("enhetschef")))
    page.get_by_role("button", name="Ta emot").click()
    next_step(page, "Starta utredning")
    page.get_by_role("button", name="Starta utredning").click()
    add_entry(page, EntryTopic.CAUSES.label, "Rutin för kontroll av dosett saknades.")

    page.get_by_label("Typ av åtgärd").select_option(label="Ny rutin")
    page.get_by_label("Beskrivning").fill("Rutin: dosetten kontrolleras kvällen innan.")
    page.get_by_label("Ansvarig").select_option(label=person(browser_org.user("enhetschef")))
    page.get_by_role("button", name="Lägg till åtgärd").click()
    expect(page.get_by_text("Åtgärden har lagts till.")).to_be_visible()
    next_step(page, "Besluta åtgärder")
    page.get_by_role("button", name="Besluta åtgärder").click()
    next_step(page, "Avsluta")
    page.get_by_label("Ställningstagande").fill("Ny rutin infördes; händelsen är utredd.")
    page.get_by_role("button", name="Avsluta").click()
    expect(page.locator(".badge").first).to_have_text("Avslutad")
    event.refresh_from_db()
    assert event.state == "avslutad" and event.closed_on == date.today()
    assert Action.objects.filter(event=event).count() == 1


def test_lex_sarah_from_report_to_a_downloaded_ivo_pdf(browser: Browser, live_server, browser_org, tmp_path):
    base = live_server.url
    page = browser.new_context().new_page()
    page.set_default_timeout(30000)  # rendering the PDF takes long on a busy machine
    log_in(page, base, "medarbetare")
    page.goto(f"{base}/handelser/rapportera/")
    page.get_by_label(re.compile("^Lex Sarah")).check()
    page.get_by_label("Vad hände?").fill("Brukaren lämnades ensam utan tillsyn i flera timmar.")
    page.get_by_role("button", name="Skicka rapport").click()
    event = Event.objects.get()
    page.get_by_role("button", name="Logga ut").click()

    utredare = browser_org.user("utredare")
    page.on("dialog", lambda dialog: dialog.accept())  # the confirmations (data-confirm) are answered yes
    verified(page, utredare)
    page.goto(f"{base}/handelser/{event.pk}/")
    next_step(page, "Ta emot")
    page.get_by_label("Ansvarig").select_option(label=person(utredare))
    page.get_by_role("button", name="Ta emot").click()
    next_step(page, "Dokumentera omedelbara åtgärder")
    page.get_by_label(re.compile("Omedelbara åtgärder")).fill("Extra bemanning sattes in samma dag.")
    page.get_by_role("button", name="Dokumentera omedelbara åtgärder").click()
    # Judged allvarligt early: the anmälan may be made before the utredning is finished.
    page.get_by_role("button", name=re.compile("Bedöm som allvarligt")).click()
    page.get_by_role("link", name="Förbered anmälan").click()
    expect(page.get_by_role("heading", name="Anmälan till IVO")).to_be_visible()
    for textarea in page.locator("form textarea").all():
        if not textarea.input_value():
            textarea.fill("Uppgift till IVO.")
    page.get_by_role("button", name="Spara utkast").click()
    # WeasyPrint renders the PDF on the request; a loaded CI machine may need well over 10 s.
    with page.expect_download(timeout=60000) as download_info:
        page.get_by_role("link", name="Ladda ner PDF").first.click(timeout=60000)
    pdf = tmp_path / "ivo.pdf"
    download_info.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    page.get_by_label("IVO:s e-tjänst").check()
    page.get_by_role("button", name="Registrera som skickad").click()
    expect(page.get_by_text(re.compile("är låst"))).to_be_visible()
    event.refresh_from_db()
    assert event.severe is True and event.ivo_notified_on is not None

    # The utredning is still completed after the anmälan.
    page.goto(f"{base}/handelser/{event.pk}/")
    next_step(page, "Starta utredning")
    page.get_by_role("button", name="Starta utredning").click()
    for topic in (
        EntryTopic.WHAT_HAPPENED,
        EntryTopic.NOTICED,
        EntryTopic.OCCURRED,
        EntryTopic.CAUSES,
        EntryTopic.EARLIER,
        EntryTopic.RECURRENCE_RISK,
        EntryTopic.MEASURES,
    ):
        add_entry(page, topic.label, f"Utredning: {topic.label}.")
    next_step(page, "Till bedömning")
    page.get_by_role("button", name="Till bedömning").click()
    next_step(page, "Fatta beslut")
    page.get_by_label("Missförhållande", exact=True).check()
    expect(page.get_by_label("Ja, allvarligt")).to_be_checked()  # carried over from the early judgement
    page.get_by_role("button", name="Fatta beslut").click()
    next_step(page, "Avsluta")
    page.get_by_label("Ställningstagande").fill("Missförhållande; anmält till IVO; rutiner ändrade.")
    page.get_by_role("button", name="Avsluta").click()
    event.refresh_from_db()
    assert event.state == "avslutad" and event.outcome == "missforhallande"


def test_anonymous_complaint_is_answered_and_read_with_the_receipt_code(browser: Browser, live_server, browser_org):
    base = live_server.url
    public = browser.new_context(**PHONE).new_page()
    public.goto(f"{base}/lamna-synpunkt/")
    public.get_by_label(re.compile("^Klagomål")).check()
    public.get_by_label("Vilken verksamhet gäller det?").select_option(label=browser_org.vux1.name)
    public.get_by_label("Berätta vad det gäller").fill("Hemtjänsten kommer ofta för sent.")
    public.get_by_label("Jag vill vara anonym").check()
    public.wait_for_timeout(2100)  # the form refuses answers faster than a person can type
    public.get_by_role("button", name="Skicka").click()
    expect(public.get_by_role("heading", name="Tack för ditt meddelande")).to_be_visible()
    code = public.locator(".receipt-code").inner_text().strip()
    event = Event.objects.get()
    assert event.kind == "klagomal" and event.contact_name == "" and event.reporter is None

    page = browser.new_context().new_page()
    page.set_default_timeout(20000)
    log_in(page, base, "enhetschef")
    page.goto(f"{base}/handelser/{event.pk}/")
    next_step(page, "Besvara")
    page.get_by_label("Ansvarig").select_option(str(browser_org.user("enhetschef").pk))
    page.get_by_label("Svar", exact=True).fill("Vi har ändrat planeringen så att besöken kommer i tid.")
    page.get_by_role("button", name="Besvara").click()
    event.refresh_from_db()
    assert event.state == "besvarad"

    public.goto(f"{base}/lamna-synpunkt/folj-ditt-arende/")
    public.get_by_label("Din kod").fill(code)
    public.get_by_role("button", name="Visa").click()
    expect(public.get_by_text("Vi har ändrat planeringen så att besöken kommer i tid.")).to_be_visible()
