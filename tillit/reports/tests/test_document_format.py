"""The report as a nämnd paper: the operator on the cover, A4 and Swedish DOCX with page numbers,
Swedish chart descriptions, the complaints section's own categories, and singular/plural."""

from __future__ import annotations

import io
import re

import pytest
import time_machine
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm

from tillit.events.models import Category
from tillit.events.report_texts import kind_paragraphs
from tillit.events.services import event_report
from tillit.org.models import Unit
from tillit.reports.document import build_document, render_docx, render_html
from tillit.reports.services import report_create
from tillit.reports.tests.test_reports import author_at_root, pdf_text

pytestmark = pytest.mark.django_db


def make_report(org):
    complaint, fall = (
        Category.objects.get_or_create(code=code, defaults={"label": label})[0]
        for code, label in (("bemotande", "Bemötande och kommunikation"), ("fall", "Fall"))
    )
    with time_machine.travel("2025-03-10 10:00 +0100", tick=False):
        for kind, category in (("klagomal", complaint), ("avvikelse", fall), ("avvikelse", fall)):
            event_report(actor=org.user("medarbetare"), kind=kind, unit=org.vux1, description="x", category=category)
    return report_create(actor=author_at_root(org), year=2025, scope=org.soc)


@pytest.fixture
def operator(org):
    Unit.objects.filter(pk=org.soc.pk).update(municipality="Exempelby kommun", namnd="Socialnämnden")


def test_cover_names_the_municipality_and_namnd(org, operator):
    doc = build_document(make_report(org))
    assert doc.operator == "Socialnämnden, Exempelby kommun"
    assert "Exempelby kommun" in render_html(doc)
    assert "Exempelby kommun" in render_html(doc, print_version=True).split('class="toc"')[0]  # the cover
    docx = Document(io.BytesIO(render_docx(doc)))
    assert "Socialnämnden, Exempelby kommun" in [p.text for p in docx.paragraphs[:4]]


def test_docx_is_a4_swedish_with_page_numbers(org, operator):
    data = render_docx(build_document(make_report(org), with_charts=False))
    docx = Document(io.BytesIO(data))
    section = docx.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(1) and abs(section.page_height - Mm(297)) < Mm(1)
    assert docx.core_properties.language == "sv-SE"
    languages = {el.get(qn("w:val")) for el in docx.styles.element.iter(qn("w:lang"))}
    assert languages == {"sv-SE"}
    defaults = docx.styles.element.find(qn("w:docDefaults"))
    assert defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}").get(qn("w:val")) == "sv-SE"
    footer = section.footer._element.xml
    assert re.search(r'w:instr="\s*PAGE\s*"', footer)
    assert "Sida" in footer


def test_chart_descriptions_are_swedish_in_html_pdf_and_docx(org, operator, settings):
    settings.SMALL_COUNT_THRESHOLD = 1  # a few test events: let the charts draw them
    doc = build_document(make_report(org))
    html = render_html(doc)
    labels = re.findall(r'<figure class="chart" role="img" aria-label="([^"]*)"', html)
    assert labels, "the report has charts"
    for label in labels:
        assert "_" not in label and "Diagram: by_" not in label
    assert any(label.startswith("Stapeldiagram: Synpunkter och klagomål per kategori.") for label in labels)
    assert "X-axis titled" not in html  # Vega's English ARIA labels are not read out
    from tillit.reports.document import render_pdf

    assert "Stapeldiagram: Synpunkter och klagomål per kategori." in pdf_text(render_pdf(doc))
    docx = Document(io.BytesIO(render_docx(doc)))
    descriptions = [el.get("descr") for el in docx.element.body.iter(qn("wp:docPr"))]
    assert descriptions and all(d and "Diagram: by_" not in d for d in descriptions)
    assert any("Synpunkter och klagomål per kategori" in d for d in descriptions)


def test_complaints_chart_shows_only_complaint_and_synpunkt_categories(org, settings):
    settings.SMALL_COUNT_THRESHOLD = 1  # a few test events: let the charts draw them
    doc = build_document(make_report(org))
    section = next(s for s in doc.sections if s.key == "klagomal")
    categories = {row["category"] for row in section.chart_spec["data"]["values"]}
    assert categories == {Category.objects.get(code="bemotande").label}  # not the avvikelser's "Fall"


def figures_with(open_at_year_end: int, median_days: float) -> dict:
    data = {
        "count": 3,
        "previous_year": 3,
        "by_unit": {},
        "by_outcome": {},
        "not_investigated": 0,
        "not_investigated_reasons": {},
        "by_category": {},
        "median_days_to_close": median_days,
        "within_deadline_share": None,
        "open_at_year_end": open_at_year_end,
    }
    return {"year": 2025, "units": {}, "events": {"avvikelse": data}}


def test_open_at_year_end_and_days_agree_in_number(settings):
    settings.SMALL_COUNT_THRESHOLD = 1  # the wording, not the small-count rule (tested on its own)
    one = " ".join(kind_paragraphs(figures_with(1, 1.0), "avvikelse"))
    assert "Vid årets slut var 1 fortfarande öppen." in one
    assert "Medianhandläggningstiden var 1 dag." in one
    many = " ".join(kind_paragraphs(figures_with(2, 12.0), "avvikelse"))
    assert "Vid årets slut var 2 fortfarande öppna." in many
    assert "Medianhandläggningstiden var 12 dagar." in many


def test_chart_labels_are_measured_in_the_pdf_font_and_not_cut():
    """WeasyPrint draws the SVG's text in DejaVu Sans; measured in Vega's narrower default font the
    long labels ran past the chart's left edge in the PDF and were clipped."""
    from tillit.core.charts import to_svg

    long_label = "Särskilt boende Lärkan (Omsorgshuset)"
    spec = {
        "data": {"values": [{"category": long_label, "count": 3}, {"category": "Fall", "count": 5}]},
        "mark": "bar",
        "encoding": {
            "x": {"field": "count", "type": "quantitative"},
            "y": {"field": "category", "type": "nominal", "title": None},
        },
        "width": 460,
    }
    svg = to_svg(spec)
    fonts = set(re.findall(r'font-family="([^"]*)"', svg))
    assert fonts == {"DejaVu Sans"}
    assert long_label in svg  # whole, not cut with "…"
