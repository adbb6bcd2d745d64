"""Builds the report's document from its content (figures and sections, see
`selectors.report_content`) and renders it as HTML, PDF (WeasyPrint) and DOCX (python-docx).
Only figures and edited texts go in: never free text from events."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from django.template.loader import render_to_string

from tillit.core.charts import to_png, to_svg
from tillit.core.reporting import report_charts
from tillit.org.selectors import unit_operator
from tillit.reports.charts import chart_spec, describe
from tillit.reports.engine import ReportContent
from tillit.reports.models import QualityReport
from tillit.reports.selectors import report_content


@dataclass
class DocSection:
    key: str
    title: str
    paragraphs: list[str]
    chart: str = ""
    chart_svg: str = ""
    chart_spec: dict[str, Any] | None = None
    chart_title: str = ""
    chart_description: str = ""  # Swedish, for screen readers (HTML) and alt text (DOCX)
    tables: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class ReportDocument:
    year: int
    scope_name: str
    adopted: bool
    decision: str
    sections: list[DocSection]
    figures: dict[str, Any]
    title: str = "Kvalitetsberättelse"
    operator: str = ""  # "Socialnämnden, Exempelby kommun": whose paper it is (tillit.org.selectors.Operator)


def build_document(
    report: QualityReport, *, content: ReportContent | None = None, with_charts: bool = True
) -> ReportDocument:
    """The document from `content` (the figures and the sections); without it, from the report's
    own content (`selectors.report_content`: frozen when adopted, today's figures for a draft)."""
    if content is None:
        content = report_content(report)
    figures = content.figures
    sections = []
    charts = report_charts()
    for item in content.sections:
        spec = chart_spec(item.chart, figures) if with_charts and item.chart else None
        chart_title = charts[item.chart].title if item.chart in charts else ""
        sections.append(
            DocSection(
                key=item.key,
                title=item.title,
                paragraphs=[p.strip() for p in item.text.split("\n\n") if p.strip()],
                chart=item.chart,
                chart_spec=spec,
                chart_svg=to_svg(spec, aria=False) if spec else "",
                chart_title=chart_title,
                chart_description=describe(spec, chart_title or item.title) if spec else "",
                tables=item.tables,
            )
        )
    decision = (
        f"Fastställd {report.decision_date:%Y-%m-%d}, {report.decision_reference}" if report.adopted else "Utkast"
    )
    return ReportDocument(
        year=report.year,
        scope_name=report.scope.name,
        adopted=report.adopted,
        decision=decision,
        sections=sections,
        figures=figures,
        title=report.get_kind_display(),
        operator=unit_operator(report.scope).name,
    )


def render_html(doc: ReportDocument, *, print_version: bool = False) -> str:
    template = "reports/print.html" if print_version else "reports/partials/document.html"
    return render_to_string(template, {"doc": doc})


def render_pdf(doc: ReportDocument) -> bytes:
    from weasyprint import HTML

    return HTML(string=render_html(doc, print_version=True)).write_pdf()


def render_docx(doc: ReportDocument) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    document = Document()
    styles = document.styles
    styles["Normal"].font.name = "Calibri"
    styles["Normal"].font.size = Pt(11)
    document.core_properties.title = f"{doc.title} {doc.year}"
    document.core_properties.language = LANGUAGE
    _swedish(document)
    _a4_with_page_numbers(document)
    title = document.add_heading(f"{doc.title} {doc.year}", level=0)
    title.alignment = WD_ALIGN_PARAGRAPH.LEFT
    if doc.operator:
        document.add_paragraph(doc.operator)
    document.add_paragraph(doc.scope_name)
    document.add_paragraph(doc.decision)
    # Word fills this field with the table of contents from the headings (F9 / on open).
    toc = document.add_paragraph()
    field_el = OxmlElement("w:fldSimple")
    field_el.set(qn("w:instr"), 'TOC \\o "1-2" \\h \\z \\u')
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "Innehållsförteckning – uppdatera fältet i Word (F9)."
    run.append(text)
    field_el.append(run)
    toc._p.append(field_el)
    document.add_page_break()
    for section in doc.sections:
        document.add_heading(section.title, level=1)
        for paragraph in section.paragraphs:
            document.add_paragraph(paragraph)
        for table_data in section.tables:
            caption = document.add_paragraph(table_data["caption"])
            caption.style = styles["Caption"] if "Caption" in [s.name for s in styles] else styles["Normal"]
            table = document.add_table(rows=1, cols=len(table_data["header"]))
            table.style = "Table Grid"
            for cell, value in zip(table.rows[0].cells, table_data["header"], strict=True):
                cell.text = value
            for row in table_data["rows"]:
                cells = table.add_row().cells
                for cell, value in zip(cells, row, strict=True):
                    cell.text = value
        if section.chart_spec:
            picture = document.add_picture(io.BytesIO(to_png(section.chart_spec)), width=Cm(16))
            picture._inline.docPr.set("title", section.chart_title or section.title)
            picture._inline.docPr.set("descr", section.chart_description)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


LANGUAGE = "sv-SE"


def _swedish(document) -> None:
    """Swedish as the language of the text and of every style (spelling and hyphenation in Word),
    instead of the python-docx template's en-US."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    if rpr.find(qn("w:lang")) is None:
        rpr.append(OxmlElement("w:lang"))
    for lang in styles.iter(qn("w:lang")):
        lang.set(qn("w:val"), LANGUAGE)
    settings = document.settings.element
    for lang in settings.iter(qn("w:themeFontLang")):
        lang.set(qn("w:val"), LANGUAGE)


def _field(paragraph, instruction: str, placeholder: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    field_el = OxmlElement("w:fldSimple")
    field_el.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = placeholder
    run.append(text)
    field_el.append(run)
    paragraph._p.append(field_el)


def _a4_with_page_numbers(document) -> None:
    """A4 with the margins of a nämnd paper and "Sida N av M" in the footer."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    for section in document.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(25), Mm(22)
        section.left_margin, section.right_margin = Mm(25), Mm(22)
        footer = section.footer.paragraphs[0] if section.footer.paragraphs else section.footer.add_paragraph()
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        footer.add_run("Sida ")
        _field(footer, "PAGE", "1")
        footer.add_run(" av ")
        _field(footer, "NUMPAGES", "1")
