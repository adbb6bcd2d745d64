"""In a real browser: with a riskanalys (a risk above the follow-up threshold with a measure), a
finished case-file review round and an internkontroll plan with one point not carried out — all made
through the services — a kvalitetsutvecklare creates last year's kvalitetsberättelse and finds the
sections Riskanalys, Egenkontroll and Internkontroll drafted from the data; the nämnd reads the same
report and sees the aggregates only (no risk descriptions, case numbers or control comments). The
report page passes axe-core for both."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import Browser, Page, expect

from tillit.actions.services import action_create
from tillit.assessments.importer import import_framework
from tillit.assessments.models import AssessmentTemplate
from tillit.core.roles import Role
from tillit.core.tests.test_accessibility import log_in, violations
from tillit.internal_control.services import plan_carry_over, plan_create, point_add, point_result_set
from tillit.reports.models import QualityReport
from tillit.risks.services import analysis_create, matrix_ensure_shipped, risk_add
from tillit.self_inspection.demo import TEMPLATES_FILE
from tillit.self_inspection.models import Method, Round
from tillit.self_inspection.services import item_add, programme_create
from tillit.self_inspection.tests.conftest import carry_out, start
from tillit.testing.factories import PASSWORD, UserFactory, assign

pytestmark = pytest.mark.browser

RISK_TEXT = "Insatser missas när arbetslagen slås ihop"
CASES = [f"BOU-{n}" for n in range(101, 109)]  # pseudonymous case numbers from the verksamhetssystem
# Per sampled case: criteria 1, 2 (only where 1 = ja) and 3 → 1: 5 of 6 (83 %), 2: 4 of 5 (80 %), 3: 3 of 6 (50 %).
ANSWERS = [
    ("ja", "ja", "ja"),
    ("ja", "ja", "ja"),
    ("ja", "ja", "ja"),
    ("ja", "ja", "nej"),
    ("ja", "nej", "nej"),
    ("nej", "", "nej"),
]
SECRET = "Hemlig kommentar om brister i attesten"


def _make_data(org, year: int) -> None:
    chef = org.user("enhetschef")
    matrix_ensure_shipped()
    analysis = analysis_create(
        actor=chef,
        unit=org.vux1,
        title="Nya scheman i boendestödet",
        reason="forandring",
        planned_change="Tre arbetslag blir två.",
        analysed_on=date(year, 3, 2),
    )
    above = risk_add(
        actor=chef,
        analysis=analysis,
        description=RISK_TEXT,
        probability=3,
        consequence=3,  # 9 ≥ 8: above the threshold
        residual_probability=1,
        residual_consequence=3,  # 3: below after the measure
    )
    risk_add(actor=chef, analysis=analysis, description="Brukare får vänta på besked", probability=1, consequence=2)
    action_create(
        actor=chef,
        source=above,
        action_type="ny_rutin",
        description="Överlämningsrutin mellan arbetslagen",
        owner=chef,
        due_on=date(2099, 1, 31),
    )

    import_framework(TEMPLATES_FILE, establish=True)
    template = AssessmentTemplate.objects.get(code="AKTGRANSKNING-BOU", version=1)
    programme = programme_create(actor=chef, unit=org.vux1, year=year)
    item_add(
        actor=chef,
        programme=programme,
        code="AKT",
        title="Aktgranskning av utredningar",
        method=Method.JOURNALGRANSKNING,
        template=template,
        frequency="En gång per år",
        responsible="Enhetschef",
        months=[4],
    )
    round_ = Round.objects.get(item__programme=programme)
    carry_out(start(round_, chef, population="\n".join(CASES), size=6, seed=11), chef, ANSWERS)


def _make_plan(org, keeper, year: int) -> None:
    plan = plan_create(actor=keeper, unit=org.soc, year=year)
    rows = [
        ("A", "Attest av fakturor", "genomford", "utan_anmarkning", ""),
        ("B", "Handläggningstider för utredningar", "genomford", "med_brister", SECRET),
        ("C", "Uppföljning av placeringar", "ej_genomford", "", "Hann inte"),
    ]
    for code, title, status, outcome, comment in rows:
        point = point_add(actor=keeper, plan=plan, code=code, title=title, probability=3, consequence=3)
        point_result_set(actor=keeper, point=point, status=status, outcome=outcome, comment=comment)
    plan_carry_over(actor=keeper, plan=plan)


def _section(page: Page, title: str):
    heading = page.get_by_role("heading", name=title, exact=True).first
    expect(heading).to_be_visible()
    return heading.locator("xpath=ancestor::section[1]")


def test_drafted_improvement_sections_and_what_the_namnd_sees(browser: Browser, live_server, browser_org):
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    org, base = browser_org, live_server.url
    year = date.today().year - 1  # the report form proposes the last full year
    author = UserFactory(username="kvalitet", first_name="Karin", last_name="Kvalitet", title="Kvalitetsutvecklare")
    assign(author, Role.KVALITETSUTVECKLARE, org.soc)
    device = TOTPDevice.objects.create(user=author, name="app", confirmed=True)
    namnd = UserFactory(username="namnd_soc")
    assign(namnd, Role.NAMND, org.soc)
    _make_data(org, year)
    _make_plan(org, author, year)
    found: dict[str, list[str]] = {}

    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(20000)
    page.goto(f"{base}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill("kvalitet")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.get_by_label("Engångskod från appen").fill(f"{TOTP(device.bin_key).token():06d}")
    page.get_by_role("button", name="Fortsätt").click()
    page.get_by_role("link", name="Kvalitetsberättelse").first.click()
    expect(page.get_by_label("År")).to_have_value(str(year))
    page.get_by_role("button", name="Ta fram utkast").click()
    expect(page.get_by_role("heading", level=1, name=re.compile(f"Kvalitetsberättelse {year}"))).to_be_visible()
    report_url = page.url
    assert QualityReport.objects.get().scope == org.soc

    expected = {
        "Riskanalys": [
            f"Under {year} gjordes 1 riskanalys (SOSFS 2011:9 5 kap. 1 §): 1 inför en förändring.",
            "I analyserna identifierades 2 risker.",
            "Före åtgärder låg 1 risk över gränsen för uppföljning; efter beslutade åtgärder bedöms 0 ligga kvar",
            "1 av 1 åtgärd från riskanalyserna är ännu inte genomförda.",
        ],
        "Egenkontroll": [
            f"Under {year} genomfördes 1 egenkontrollomgång i Boendestöd",
            "6 ärenden av 8 valdes slumpmässigt och granskades.",
            "Andel uppfyllt: 1 83 %, 2 80 %, 3 50 %.",
        ],
        "Internkontroll": [
            f"2 av 3 kontrollpunkter i internkontrollplanen för {year} genomfördes.",
            "1 utan anmärkning och 1 med brister.",
            f"Inte genomförda: Uppföljning av placeringar (ej genomförd). Den förs över till planen för {year + 1}.",
        ],
    }
    for title, sentences in expected.items():
        section = _section(page, title)
        for sentence in sentences:
            expect(section.get_by_text(sentence, exact=False).first).to_be_visible()
    # The tables: before/after per level, the share met with n, the traffic lights.
    risk = _section(page, "Riskanalys")
    expect(risk.get_by_role("row", name=re.compile(r"Över gränsen för uppföljning\s+1\s+0"))).to_be_visible()
    egen = _section(page, "Egenkontroll")
    expect(egen.get_by_role("row", name=re.compile(r"Utredningsplan finns\.\s+83 %\s+6"))).to_be_visible()
    intern = _section(page, "Internkontroll")
    expect(
        intern.get_by_role("row", name=re.compile("C Uppföljning av placeringar.*Röd – ej genomförd"))
    ).to_be_visible()
    expect(
        intern.get_by_role("row", name=re.compile("B Handläggningstider.*Gul – genomförd med brister"))
    ).to_be_visible()
    found["report (kvalitetsutvecklare)"] = violations(page, base)
    context.close()

    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.set_default_timeout(20000)
    log_in(page, base, "namnd_soc")
    page.goto(report_url)
    for title, sentences in expected.items():
        section = _section(page, title)
        for sentence in sentences:
            expect(section.get_by_text(sentence, exact=False).first).to_be_visible()
    body = page.locator("body").inner_text()
    for private in (RISK_TEXT, "Brukare får vänta på besked", "Överlämningsrutin", SECRET, "Hann inte", *CASES):
        assert private not in body, private
    # The downloadable document holds the same aggregates; the raw figures (JSON) are for editors only.
    published = page.request.get(f"{report_url}kvalitetsberattelse.html")
    assert published.ok and "2 av 3 kontrollpunkter" in published.text()
    for private in (RISK_TEXT, SECRET, *CASES):
        assert private not in published.text(), private
    assert page.request.get(f"{report_url}kvalitetsberattelse.json").status == 404
    expect(page.get_by_role("button", name="Ta fram utkast")).to_have_count(0)
    expect(page.get_by_role("button", name="Fastställ")).to_have_count(0)
    found["report (nämnd)"] = violations(page, base)
    context.close()

    assert not any(found.values()), {k: v for k, v in found.items() if v}
