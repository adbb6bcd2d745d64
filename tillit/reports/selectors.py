from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from tillit.org.access import scope_unit_ids
from tillit.reports import engine
from tillit.reports.engine import ContentSection, ReportContent
from tillit.reports.models import QualityReport


def reports_visible(user) -> QuerySet[QualityReport]:
    return QualityReport.objects.filter(scope_id__in=scope_unit_ids(user, "report.view")).select_related("scope")


def report_or_404(user, pk: int) -> QualityReport:
    report = reports_visible(user).filter(pk=pk).first()
    if report is None:
        raise Http404
    return report


def report_content(report: QualityReport) -> ReportContent:
    """What the report's document shows: frozen as adopted; for a draft, today's figures (computed
    once) with the saved texts; for an unsaved report (the command line), the drafts themselves."""
    if report.adopted:
        return _adopted_content(report)
    drafted = engine.draft(scope=report.scope, year=report.year, kind=report.kind)
    if report.pk is None:
        sections = [ContentSection(d.key, d.title, d.text, d.chart, d.figures, d.tables) for d in drafted.sections]
        return ReportContent(figures=drafted.figures.published, sections=sections)
    sections = []
    for row in report.sections.all():
        current = drafted.section(row.key)
        sections.append(
            ContentSection(
                row.key,
                row.title,
                row.text,
                row.chart,
                figures=current.figures if current else {},
                tables=current.tables if current else [],
            )
        )
    return ReportContent(figures=drafted.figures.published, sections=sections)


def _adopted_content(report: QualityReport) -> ReportContent:
    snapshot = report.snapshot
    stored = {s["key"]: s for s in snapshot["sections"]}
    sections = []
    for key in snapshot["order"]:
        item = stored[key]
        tables = item["tables"] if "tables" in item else engine.tables_for(key, snapshot["figures"], kind=report.kind)
        sections.append(
            ContentSection(
                key, item["title"], item["text"], item.get("chart", ""), figures=item.get("figures", {}), tables=tables
            )
        )
    return ReportContent(figures=snapshot["figures"], sections=sections)
