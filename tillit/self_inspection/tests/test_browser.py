"""A case-file review round of an egenkontrollprogram on a phone (headless Chromium): start the
round from the calendar with a population of pseudonymous case numbers, a sample size and a seed,
review each sampled case on the assessment core's answer page (the conditional criterion stops
applying where no utredningsplan exists), finish, and read the shares per criterion on the round
page; axe-core finds no serious problems on the egenkontroll pages."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import Browser, Page, expect

from tillit.assessments.importer import import_framework
from tillit.assessments.models import AssessmentStatus, AssessmentTemplate
from tillit.core.tests.test_accessibility import log_in, violations
from tillit.self_inspection.demo import TEMPLATES_FILE
from tillit.self_inspection.models import Method, Round
from tillit.self_inspection.services import item_add, programme_create

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def save(page: Page, item_pk: int, label: str) -> None:
    item = page.locator(f"#punkt-{item_pk}")
    item.get_by_label(label, exact=True).check()
    item.get_by_role("button", name=re.compile("^Spara svar")).click()
    expect(page.locator(f"#punkt-{item_pk}").get_by_text(f"Sparat: {label}")).to_be_visible()


def test_a_case_file_review_round_on_a_phone(browser: Browser, live_server, browser_org):
    import_framework(TEMPLATES_FILE, establish=True)
    template = AssessmentTemplate.objects.get(code="AKTGRANSKNING-BOU")
    plan, within, views = template.items.order_by("position")
    chef = browser_org.user("enhetschef")
    today = date.today()
    programme = programme_create(actor=chef, unit=browser_org.vux1, year=today.year)
    item_add(
        actor=chef,
        programme=programme,
        code="AKT",
        title="Aktgranskning av utredningar",
        method=Method.JOURNALGRANSKNING,
        template=template,
        responsible="Enhetschef",
        months=[today.month],
    )
    base = live_server.url
    page = browser.new_context(**PHONE).new_page()
    page.set_default_timeout(10000)
    found = {}
    log_in(page, base, "enhetschef")
    page.goto(f"{base}/egenkontroll/")
    found["list"] = violations(page, base)
    page.get_by_role("link", name=programme.title).click()
    found["programme"] = violations(page, base)
    page.get_by_role("link", name=re.compile("^Aktgranskning av utredningar \\(")).first.click()

    page.get_by_label("Population").fill("BOU-2026-011\nBOU-2026-014\nBOU-2026-020\nBOU-2026-023\nBOU-2026-031")
    page.get_by_label("Urvalets storlek (antal)").fill("3")
    page.get_by_label("Slumpfrö").fill("11")
    found["start"] = violations(page, base)
    page.get_by_role("button", name="Dra urvalet och starta").click()
    expect(page.get_by_text("3 ärenden av 5, slumpfrö 11")).to_be_visible()
    round_ = Round.objects.get()
    cases = list(round_.assessment.cases.order_by("position"))

    page.get_by_role("link", name="Granska ärendena").click()
    expect(page.get_by_role("heading", name=f"Ärende 1 av 3: {cases[0].case_number}")).to_be_visible()
    save(page, plan.pk, "Nej")  # no utredningsplan: "inom sex veckor" stops applying at once
    expect(page.locator(f"#punkt-{within.pk}").get_by_text(re.compile("Gäller inte här"))).to_be_visible()
    save(page, views.pk, "Ja")
    for number, answers in ((2, ("Ja", "Ja", "Nej")), (3, ("Ja", "Nej", "Ej aktuellt"))):
        page.get_by_role("link", name=re.compile("Nästa ärende")).click()
        expect(
            page.get_by_role("heading", name=f"Ärende {number} av 3: {cases[number - 1].case_number}")
        ).to_be_visible()
        for item, label in zip((plan, within, views), answers, strict=True):
            save(page, item.pk, label)
    page.get_by_role("button", name="Markera granskningen som klar").click()
    expect(page.get_by_role("heading", name=re.compile("^Resultat: "))).to_be_visible()
    assert Round.objects.get().assessment.status == AssessmentStatus.KLAR

    page.goto(f"{base}/egenkontroll/omgang/{round_.pk}/")
    table = page.get_by_role("table", name=re.compile("^Resultat"))
    expect(table.get_by_role("row", name=re.compile("^1 Utredningsplan finns"))).to_contain_text("67\u00a0% (n = 3)")
    expect(table.get_by_role("row", name=re.compile("^2 Utredningsplanen"))).to_contain_text("50\u00a0% (n = 2)")
    expect(table.get_by_role("row", name=re.compile("^3 Barnets"))).to_contain_text("50\u00a0% (n = 2)")
    found["round"] = violations(page, base)
    assert not any(found.values()), {k: v for k, v in found.items() if v}
