"""A riskanalys before a change with a measure, in a real browser, with no serious axe-core findings
on the riskanalys pages."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, expect

from tillit.actions.models import Action
from tillit.core.tests.test_accessibility import log_in, violations
from tillit.risks.models import RiskAnalysis

pytestmark = pytest.mark.browser


def test_a_riskanalys_before_a_change_with_a_measure(browser: Browser, live_server, browser_org):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    base = live_server.url
    found = {}
    log_in(page, base, "enhetschef")
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Riskanalys").click()
    page.wait_for_url(f"{base}/riskanalys/")
    found["list"] = violations(page, base)
    page.get_by_role("link", name="Ny riskanalys").click()
    page.get_by_label("Rubrik").fill("Sammanslagning av arbetslag")
    assert page.get_by_label("Enhet").input_value() == str(browser_org.vux1.pk)  # the chef's one unit
    page.get_by_label("Inför en förändring").check()
    page.get_by_label("Planerad förändring").fill("Tre arbetslag blir två från nästa månad.")
    page.get_by_label("Deltagare").fill("Enhetschef\nTvå medarbetare")
    found["new"] = violations(page, base)
    page.get_by_role("button", name="Skapa").click()
    page.get_by_role("button", name="Starta analysen").click()
    expect(page.get_by_text("Analysen pågår.")).to_be_visible()
    page.get_by_label("Risk – vad kan gå fel?").fill("Insatser missas när planeringen flyttas.")
    page.get_by_label("Orsak").fill("Dubbel planering under övergången.")
    page.get_by_label("Sannolikhet före åtgärder").select_option("2")
    page.get_by_label("Konsekvens före åtgärder").select_option("4")
    page.get_by_role("button", name="Lägg till risken").click()
    expect(page.get_by_role("heading", name="Risk 1 i")).to_be_visible()
    page.get_by_label("Typ av åtgärd").select_option(label="Ny rutin")
    page.get_by_label("Beskrivning").fill("Rutin för överlämning av planeringen.")
    due = timezone.localdate() + timedelta(days=21)
    page.get_by_label("Klart senast").fill(due.isoformat())
    page.get_by_role("button", name="Lägg till åtgärd").click()
    expect(page.get_by_text("Rutin för överlämning av planeringen.")).to_be_visible()
    page.get_by_label("Sannolikhet efter åtgärder").select_option("1")
    page.get_by_label("Konsekvens efter åtgärder").select_option("4")
    found["risk"] = violations(page, base)
    page.get_by_role("button", name="Spara risken").click()
    page.get_by_role("link", name="Sammanslagning av arbetslag").first.click()
    page.get_by_role("button", name="Besluta åtgärder").click()
    expect(page.get_by_text("Analysen och åtgärderna är beslutade.")).to_be_visible()
    expect(page.get_by_text("Antal risker per ruta: före åtgärder (1) / efter åtgärder (1)")).to_be_visible()
    found["analysis"] = violations(page, base)
    page.goto(f"{base}/riskanalys/register/?open_measures=on")
    expect(page.get_by_role("link", name="Insatser missas när planeringen flyttas.")).to_be_visible()
    found["register"] = violations(page, base)
    context.close()
    analysis = RiskAnalysis.objects.get()
    assert analysis.state == "beslutad" and analysis.reason == "forandring"
    assert Action.objects.get().source == analysis.risks.get()
    assert not any(found.values()), {k: v for k, v in found.items() if v}


def test_risk_for_recurrence_from_an_avvikelse(browser: Browser, live_server, browser_org):
    from tillit.events.models import EventKind
    from tillit.events.services import event_report, event_transition
    from tillit.risks.models import Risk

    chef = browser_org.user("enhetschef")
    event = event_report(
        actor=browser_org.user("medarbetare"), kind=EventKind.AVVIKELSE, unit=browser_org.vux1, description="Fel dos"
    ).event
    event = event_transition(actor=chef, event=event, code="motta", responsible=chef)
    event = event_transition(actor=chef, event=event, code="starta_utredning")
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    base = live_server.url
    found = {}
    log_in(page, base, "enhetschef")
    page.goto(f"{base}/handelser/{event.pk}/")
    page.get_by_label("Riskanalys", exact=True).select_option("")
    page.get_by_role("button", name="Risk för upprepning").click()
    page.get_by_label("Risk – vad kan gå fel?").fill("Dubbeldos vid skiftbyte.")
    page.get_by_label("Sannolikhet före åtgärder").select_option("2")
    page.get_by_label("Konsekvens före åtgärder").select_option("3")
    found["form"] = violations(page, base)
    page.get_by_role("button", name="Lägg till risken").click()
    expect(page.get_by_text(f"är kopplad till {event.reference}")).to_be_visible()
    found["risk"] = violations(page, base)
    page.get_by_role("link", name=event.reference).click()
    risk = Risk.objects.get()
    expect(page.get_by_role("link", name=risk.reference)).to_be_visible()
    found["event"] = violations(page, base)
    context.close()
    assert risk.event_id == event.pk and risk.analysis.reason == "handelse"
    assert not any(found.values()), {k: v for k, v in found.items() if v}


def test_a_new_matrix_version_copied_edited_and_activated(browser: Browser, live_server, browser_org):
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tillit.risks.models import RiskMatrix
    from tillit.risks.services import matrix_ensure_shipped
    from tillit.testing.factories import PASSWORD

    matrix = matrix_ensure_shipped()
    user = browser_org.user("kvalitetsutvecklare")
    device = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    base = live_server.url
    found = {}
    page.goto(f"{base}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill(user.username)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.get_by_label("Engångskod från appen").fill(f"{TOTP(device.bin_key).token():06d}")
    page.get_by_role("button", name="Fortsätt").click()
    page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Riskmatriser").click()
    found["list"] = violations(page, base)
    page.get_by_role("link", name=matrix.name).click()
    found["detail"] = violations(page, base)
    page.get_by_role("button", name="Gör en ny version").click()
    page.get_by_label("Sannolikhet 4: benämning").fill("Nästan alltid")
    page.get_by_label("Sannolikhet 2 × konsekvens 2").select_option("hog")
    page.get_by_label("Följ upp från poäng").fill("6")
    found["edit"] = violations(page, base)
    page.get_by_role("button", name="Spara utkastet").click()
    expect(page.get_by_text("Utkastet är sparat.")).to_be_visible()
    page.get_by_role("button", name="Aktivera").click()
    expect(page.get_by_text("används nu för nya riskanalyser")).to_be_visible()
    context.close()
    new = RiskMatrix.objects.get(code=matrix.code, version=2)
    assert not new.draft and new.is_default and new.cells["2,2"] == "hog" and new.follow_up_score == 6
    assert not any(found.values()), {k: v for k, v in found.items() if v}
