"""Builds the report's document from its content (figures and sections, see
`selectors.report_content`) and renders it as HTML, PDF (WeasyPrint) and DOCX (python-docx).
Only figures and edited texts go in: never free text from events."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

from django.template.loader import render_to_string

from tillit.reports.charts import chart_spec, to_png, to_svg
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


def build_document(
    report: QualityReport, *, content: ReportContent | None = None, with_charts: bool = True
) -> ReportDocument:
    """The document from `content` (the figures and the sections); without it, from the report's
    own content (`selectors.report_content`: frozen when adopted, today's figures for a draft)."""
    if content is None:
        content = report_content(report)
    figures = content.figures
    sections = []
    for item in content.sections:
        spec = chart_spec(item.chart, figures) if with_charts and item.chart else None
        sections.append(
            DocSection(
                key=item.key,
                title=item.title,
                paragraphs=[p.strip() for p in item.text.split("\n\n") if p.strip()],
                chart=item.chart,
                chart_spec=spec,
                chart_svg=to_svg(spec) if spec else "",
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
    document.core_properties.language = "sv-SE"
    title = document.add_heading(f"{doc.title} {doc.year}", level=0)
    title.alignment = WD_ALIGN_PARAGRAPH.LEFT
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
            document.add_picture(io.BytesIO(to_png(section.chart_spec)), width=Cm(16))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
