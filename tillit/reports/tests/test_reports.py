"""The kvalitetsberättelse: drafted from data, edited with versions, adopted and frozen; every
format renders; no personal data from events ever reaches a report."""

import io
import json
from datetime import date

import pytest
import time_machine
from django.core.exceptions import ValidationError
from docx import Document
from pypdf import PdfReader

from tillit.events.services import event_report, event_transition
from tillit.reports.document import build_document, render_docx, render_html, render_pdf
from tillit.reports.figures import compute_figures
from tillit.reports.services import report_adopt, report_create, report_refresh_drafts, section_update

pytestmark = pytest.mark.django_db


def author_at_root(org):
    """A kvalitetsutvecklare for the whole förvaltning (the named one sits at VUX)."""
    from tillit.testing.factories import UserFactory, assign

    user = UserFactory(username="kvalitet_soc", title="Kvalitetsutvecklare")
    assign(user, "kvalitetsutvecklare", org.soc)
    return user


PERSONAL = ["19121212-1212", "Astrid Lindqvist", "astrid@example.org"]


def file_events(org, year):
    with time_machine.travel(f"{year}-03-10 10:00 +0100", tick=False):
        for i in range(3):
            event_report(
                actor=org.user("medarbetare"),
                kind="lex_sarah",
                unit=org.vux1,
                description=f"{PERSONAL[0]} {PERSONAL[1]} mejl {PERSONAL[2]} nr {i}",
                immediate_actions=PERSONAL[1],
            )
        event_report(actor=org.user("medarbetare"), kind="avvikelse", unit=org.ald1, description=PERSONAL[1])


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_figures_and_change_sentence(org, settings):
    settings.SMALL_COUNT_THRESHOLD = 1  # the wording of the drafts; small counts: test_small_counts.py
    file_events(org, 2024)
    with time_machine.travel("2025-05-01 10:00 +0100", tick=False):
        event_report(actor=org.user("medarbetare"), kind="lex_sarah", unit=org.vux1, description="x")
    figures = compute_figures(year=2025, scope=org.soc)
    sarah = figures["events"]["lex_sarah"]
    assert sarah["count"] == 1 and sarah["previous_year"] == 3
    assert sarah["by_unit"] == {"ALD": 0, "VUX": 1}
    assert set(figures["events"]) == {"avvikelse", "lex_sarah", "lex_maria", "klagomal", "synpunkt"}
    report = report_create(actor=author_at_root(org), year=2025, scope=org.soc)
    text = report.sections.get(key="lex_sarah").text
    assert "Under 2025 har totalt 1 lex Sarah-rapport inkommit." in text
    assert "en minskning med 2 rapporter jämfört med föregående år" in text


def test_every_format_renders_without_personal_data(org, settings):
    settings.SMALL_COUNT_THRESHOLD = 1  # a few test events: let the charts draw them
    file_events(org, 2025)
    report = report_create(actor=author_at_root(org), year=2025, scope=org.soc)
    doc = build_document(report)
    html = render_html(doc)
    pdf = render_pdf(doc)
    docx = render_docx(doc)
    figures = json.dumps(compute_figures(year=2025, scope=org.soc), ensure_ascii=False)
    text_pdf, text_docx = pdf_text(pdf), docx_text(docx)
    for secret in PERSONAL:
        for output in (html, text_pdf, text_docx, figures):
            assert secret not in output
    assert "Lex Sarah" in text_pdf and "Innehåll" in text_pdf
    assert "<svg" in html  # charts
    headings = [p.text for p in Document(io.BytesIO(docx)).paragraphs if p.style.name.startswith("Heading")]
    assert "Lex Sarah" in headings and "Avvikelser" in headings and "Avdelning Vuxna" in headings


def test_edit_keeps_versions_and_refresh_keeps_edits(org, settings):
    settings.SMALL_COUNT_THRESHOLD = 1  # the refreshed draft's count is pinned below
    file_events(org, 2025)
    author = author_at_root(org)
    report = report_create(actor=author, year=2025, scope=org.soc)
    section = report.sections.get(key="riskanalys")
    section_update(actor=author, section=section, text="Vi gjorde två riskanalyser.")
    section_update(actor=author, section=section, text="Vi gjorde tre riskanalyser.")
    assert [v.number for v in section.versions.all()] == [2, 1]
    with time_machine.travel("2025-06-01 10:00 +0100", tick=False):
        event_report(actor=org.user("medarbetare"), kind="lex_sarah", unit=org.vux1, description="x")
    report_refresh_drafts(actor=author, report=report)
    section.refresh_from_db()
    assert section.text == "Vi gjorde tre riskanalyser."
    assert "totalt 4 lex Sarah-rapporter" in report.sections.get(key="lex_sarah").text


def test_adopted_report_does_not_change_when_data_changes(org):
    file_events(org, 2025)
    author = author_at_root(org)
    report = report_create(actor=author, year=2025, scope=org.soc)
    with time_machine.travel("2026-03-01 10:00 +0100", tick=False):
        report = report_adopt(
            actor=author, report=report, decision_date=date(2026, 2, 20), decision_reference="SN § 88"
        )
    pdf, docx = bytes(report.pdf), bytes(report.docx)
    assert "SN § 88" in pdf_text(pdf)
    with time_machine.travel("2025-07-01 10:00 +0100", tick=False):
        late = event_report(actor=org.user("medarbetare"), kind="lex_sarah", unit=org.vux1, description="x").event
    event_transition(actor=org.user("utredare"), event=late, code="motta", responsible=org.user("utredare"))
    report.refresh_from_db()
    assert build_document(report).figures["events"]["lex_sarah"]["count"] == 3
    assert bytes(report.pdf) == pdf and bytes(report.docx) == docx
    with pytest.raises(ValidationError, match="fastställd"):
        section_update(actor=author, section=report.sections.first(), text="x")


def test_only_kvalitetsutvecklare_may_create(org):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        report_create(actor=org.user("namnd"), year=2025, scope=org.soc)


def test_pdf_pages_show_the_charts(org, tmp_path, settings):
    settings.SMALL_COUNT_THRESHOLD = 1  # a few test events: let the charts draw them
    """Render the page that carries the monthly chart with pdftoppm and look for the chart's colours."""
    import shutil
    import subprocess

    from PIL import Image

    from tillit.reports.charts import TITLES

    assert shutil.which("pdftoppm"), "poppler-utils is installed by the test command"
    file_events(org, 2025)
    report = report_create(actor=author_at_root(org), year=2025, scope=org.soc)
    pdf = render_pdf(build_document(report))
    (tmp_path / "report.pdf").write_bytes(pdf)
    pages = PdfReader(io.BytesIO(pdf)).pages
    first_title = next(iter(TITLES.values()))
    page_number = next(i for i, page in enumerate(pages, start=1) if first_title in (page.extract_text() or ""))
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", str(page_number), "-l", str(page_number), "report.pdf", "page"],
        cwd=tmp_path,
        check=True,
    )
    image = Image.open(next(tmp_path.glob("page*.png"))).convert("RGB")
    coloured = sum(1 for r, g, b in image.getdata() if max(r, g, b) - min(r, g, b) > 60)
    assert coloured > 50, "the chart's coloured marks and legend are on the page"
