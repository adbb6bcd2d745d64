"""A small case-file review on a phone (headless Chromium): answer per case with a conditional
criterion, a double tap makes one answer, finish, read the results; axe-core finds no serious
problems on the answer page and the results page."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import Browser, Page, expect

from tillit.assessments.demo import JOURNAL_FILE
from tillit.assessments.importer import import_framework
from tillit.assessments.models import Answer, Assessment, AssessmentStatus
from tillit.assessments.services import assessment_create
from tillit.testing.factories import PASSWORD

pytestmark = pytest.mark.browser
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def axe_violations(page: Page, base: str) -> list[str]:
    page.add_script_tag(url=f"{base}/static/vendor/axe-core/axe.min.js")
    result = page.evaluate(
        "() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
    )
    assert result["passes"], "axe-core did not run"
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def save(page: Page, item_pk: int, label: str) -> None:
    item = page.locator(f"#punkt-{item_pk}")
    item.get_by_label(label, exact=True).check()
    item.get_by_role("button", name=re.compile("^Spara svar")).click()
    expect(page.locator(f"#punkt-{item_pk}").get_by_text(f"Sparat: {label}")).to_be_visible()


def test_a_case_file_review_on_a_phone(browser: Browser, live_server, browser_org):
    journal = import_framework(JOURNAL_FILE, establish=True).templates[0]
    plan, within = journal.items.order_by("position")
    chef = browser_org.user("enhetschef")
    review = assessment_create(
        actor=chef,
        template=journal,
        unit=browser_org.vux1,
        title="Journalgranskning våren",
        performed_on=date.today(),
        performer=chef,
        population="BOU-2026-001\nBOU-2026-002",
        sample_size=2,
        seed=5,
    )
    first, second = review.cases.order_by("position")
    base = live_server.url
    page = browser.new_context(**PHONE).new_page()
    page.set_default_timeout(10000)
    page.goto(f"{base}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill("enhetschef")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.get_by_role("link", name="1 granskning pågår som du genomför").click()
    page.get_by_role("link", name="Journalgranskning våren").first.click()
    expect(page.get_by_role("heading", name=f"Ärende 1 av 2: {first.case_number}")).to_be_visible()
    expect(page.get_by_text("slumpfrö 5")).to_be_visible()
    assert not axe_violations(page, base)

    # No plan in the first case: the six-week criterion stops applying at once (htmx, no reload).
    expect(page.locator(f"#punkt-{within.pk}").get_by_text(re.compile("Besvara först 1"))).to_be_visible()
    save(page, plan.pk, "Nej")
    expect(page.locator(f"#punkt-{within.pk}").get_by_text(re.compile("Gäller inte här"))).to_be_visible()

    page.get_by_role("link", name=re.compile("Nästa ärende")).click()
    expect(page.get_by_role("heading", name=f"Ärende 2 av 2: {second.case_number}")).to_be_visible()
    save(page, plan.pk, "Ja")
    item = page.locator(f"#punkt-{within.pk}")
    item.get_by_label("Ja", exact=True).check()
    item.get_by_label(re.compile("^Kommentar")).fill("Planen kom efter fem veckor.")
    item.get_by_role("button", name=re.compile("^Spara svar")).dblclick()  # a double tap must not make two
    expect(page.locator(f"#punkt-{within.pk}").get_by_text("Sparat: Ja")).to_be_visible()
    assert Answer.objects.filter(assessment=review).count() == 3
    assert Answer.objects.get(item=within).comment == "Planen kom efter fem veckor."

    page.get_by_role("button", name="Markera granskningen som klar").click()
    expect(page.get_by_role("heading", name="Resultat: Journalgranskning våren")).to_be_visible()
    expect(page.get_by_text(re.compile("Andel uppfyllt totalt: 67"))).to_be_visible()
    assert Assessment.objects.get().status == AssessmentStatus.KLAR
    found = {"resultat": axe_violations(page, base)}
    for path in ("/granskningar/", f"/granskningar/mallar/{journal.pk}/", f"/granskningar/ny/?mall={journal.pk}"):
        page.goto(f"{base}{path}")
        found[path] = axe_violations(page, base)
    assert not any(found.values()), found
