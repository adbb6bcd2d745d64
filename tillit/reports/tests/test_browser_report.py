"""In a real browser: a kvalitetsutvecklare opens the last full year's report, edits a section,
previews, adopts it and downloads the PDF and the DOCX; the preview passes an axe-core check."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from docx import Document
from playwright.sync_api import Browser, expect

from tillit.events.services import event_report
from tillit.reports.models import QualityReport
from tillit.testing.factories import PASSWORD, UserFactory, assign

pytestmark = pytest.mark.browser


def test_kvalitetsutvecklare_edits_adopts_and_downloads(browser: Browser, live_server, browser_org, tmp_path):
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    org = browser_org
    author = UserFactory(username="kvalitet", first_name="Karin", last_name="Kvalitet", title="Kvalitetsutvecklare")
    assign(author, "kvalitetsutvecklare", org.soc)
    device = TOTPDevice.objects.create(user=author, name="app", confirmed=True)
    for unit in (org.vux1, org.ald1):
        event_report(actor=org.user("medarbetare"), kind="avvikelse", unit=unit, description="Händelse")

    base = live_server.url
    page = browser.new_context().new_page()
    page.set_default_timeout(20000)
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(f"{base}/konto/logga-in/")
    page.get_by_label("Användarnamn").fill("kvalitet")
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.get_by_label("Engångskod från appen").fill(f"{TOTP(device.bin_key).token():06d}")
    page.get_by_role("button", name="Fortsätt").click()

    page.get_by_role("link", name="Kvalitetsberättelse").first.click()
    expect(page.get_by_label("År")).to_have_value(str(date.today().year - 1))  # the last full year
    page.get_by_role("button", name="Ta fram utkast").click()
    last_year = date.today().year - 1
    expect(page.get_by_role("heading", level=1, name=re.compile(f"Kvalitetsberättelse {last_year}"))).to_be_visible()

    page.add_script_tag(url=f"{base}/static/vendor/axe-core/axe.min.js")
    result = page.evaluate("() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa']}})")
    serious = [v["id"] for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, serious

    page.locator("section[aria-labelledby=h-edit] .action-list a").first.click()
    page.get_by_label("Text").fill("Vår egen inledning till nämnden.")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_text("Vår egen inledning till nämnden.").first).to_be_visible()  # in the preview

    page.get_by_label("Nämndens beslutsdatum").fill(date.today().isoformat())
    page.get_by_label("Paragraf").fill("SN § 88")
    page.get_by_role("button", name="Fastställ").click()
    expect(page.get_by_text(re.compile("fastställd", re.I)).first).to_be_visible()
    assert QualityReport.objects.get().adopted

    with page.expect_download() as pdf_download:
        page.get_by_role("link", name="PDF").click()
    pdf_download.value.save_as(tmp_path / "k.pdf")
    assert (tmp_path / "k.pdf").read_bytes().startswith(b"%PDF")
    with page.expect_download() as docx_download:
        page.get_by_role("link", name="Word (DOCX)").click()
    docx_download.value.save_as(tmp_path / "k.docx")
    text = "\n".join(p.text for p in Document(io.BytesIO((tmp_path / "k.docx").read_bytes())).paragraphs)
    assert "Vår egen inledning till nämnden." in text
