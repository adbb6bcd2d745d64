"""Writes to the yearly reports (kvalitetsberättelse): create with drafted sections, edit with
versions, refresh drafts, adopt (freeze), export. The sections and figures come from the report
engine (tillit.reports.engine), computed once per call. Each write is atomic and audited."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from tillit.audit.models import AuditAction
from tillit.audit.services import audit_object
from tillit.org.access import has_permission
from tillit.org.models import Unit
from tillit.reports import engine
from tillit.reports.document import build_document, render_docx, render_html, render_pdf
from tillit.reports.models import QualityReport, ReportKind, ReportSection, ReportState, SectionVersion
from tillit.reports.selectors import report_content

FORMATS = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "json": "application/json",
    "html": "text/html; charset=utf-8",
}


def may_edit(actor, scope: Unit) -> bool:
    return has_permission(actor, "report.edit", scope)


@transaction.atomic
def report_create(*, actor, year: int, scope: Unit, kind: str = ReportKind.KVALITETSBERATTELSE) -> QualityReport:
    """A draft report with every registered section drafted from the year's figures (computed once)."""
    if not may_edit(actor, scope):
        raise PermissionDenied
    if not 2000 <= year <= timezone.localdate().year:
        raise ValidationError("Ange ett år som har passerat eller pågår.")
    existing = QualityReport.objects.filter(kind=kind, year=year, scope=scope).first()
    if existing:
        return existing  # a second click opens the same report
    report = QualityReport.objects.create(kind=kind, year=year, scope=scope, created_by=actor)
    drafted = engine.draft(scope=scope, year=year, kind=kind)
    ReportSection.objects.bulk_create(
        ReportSection(
            report=report,
            key=section.key,
            title=section.title,
            position=position,
            chart=section.chart,
            auto_text=section.text,
            text=section.text,
        )
        for position, section in enumerate(drafted.sections)
    )
    audit_object(actor=actor, action=AuditAction.CREATE, obj=report, detail={"year": year, "kind": kind})
    return report


def _editable(actor, report: QualityReport) -> None:
    if not may_edit(actor, report.scope):
        raise PermissionDenied
    if report.adopted:
        raise ValidationError("Kvalitetsberättelsen är fastställd och kan inte ändras.")


@transaction.atomic
def section_update(*, actor, section: ReportSection, text: str) -> ReportSection:
    _editable(actor, section.report)
    if text == section.text:
        return section
    number = (section.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    SectionVersion.objects.create(section=section, number=number, text=text, author=actor)
    section.text, section.edited = text, True
    section.save(update_fields=["text", "edited"])
    audit_object(actor=actor, action=AuditAction.CHANGE, obj=section, detail={"report": section.report_id})
    return section


@transaction.atomic
def report_refresh_drafts(*, actor, report: QualityReport) -> int:
    """Redraft the sections nobody has edited from today's figures; edited ones are kept."""
    _editable(actor, report)
    drafted = engine.draft(scope=report.scope, year=report.year, kind=report.kind)
    changed = 0
    for section in report.sections.all():
        current = drafted.section(section.key)
        if current is None:
            continue
        draft = current.text
        updates = {"auto_text": draft} | ({} if section.edited else {"text": draft})
        if any(getattr(section, k) != v for k, v in updates.items()):
            ReportSection.objects.filter(pk=section.pk).update(**updates)
            changed += 1
    audit_object(actor=actor, action=AuditAction.CHANGE, obj=report, detail={"refreshed": changed})
    return changed


@transaction.atomic
def report_adopt(*, actor, report: QualityReport, decision_date: date, decision_reference: str) -> QualityReport:
    """Fastställ: freeze the figures, each section's text, figures and tables, and the PDF/DOCX
    exactly as adopted."""
    report = QualityReport.objects.select_for_update().get(pk=report.pk)
    _editable(actor, report)
    if not decision_reference.strip():
        raise ValidationError("Ange nämndens paragraf, till exempel SN § 88.")
    if decision_date > timezone.localdate():
        raise ValidationError("Beslutsdatumet kan inte ligga i framtiden.")
    content = report_content(report)  # the figures are computed once, here
    report.snapshot = {
        "figures": content.figures,
        "order": [s.key for s in content.sections],
        "sections": [asdict(s) for s in content.sections],
    }
    report.state = ReportState.ADOPTED
    report.decision_date, report.decision_reference = decision_date, decision_reference.strip()
    report.adopted_by, report.adopted_at = actor, timezone.now()
    doc = build_document(report, content=content)
    report.pdf, report.docx = render_pdf(doc), render_docx(doc)
    report.save()
    audit_object(actor=actor, action=AuditAction.TRANSITION, obj=report, detail={"to": "faststalld"})
    return report


def report_export(*, report: QualityReport, fmt: str, actor=None) -> bytes:
    """The report as `fmt` (pdf, docx, json, html): an adopted report exactly as adopted, a draft
    (saved or not) rendered from today's data. With an actor (a download), the export is audited."""
    if fmt not in FORMATS:
        raise ValueError(fmt)
    if actor is not None:
        audit_object(actor=actor, action=AuditAction.EXPORT, obj=report, detail={"format": fmt})
    if report.adopted and fmt == "pdf":
        return bytes(report.pdf)
    if report.adopted and fmt == "docx":
        return bytes(report.docx)
    content = report_content(report)
    if fmt == "json":
        return json.dumps(content.figures, ensure_ascii=False, indent=2).encode()
    doc = build_document(report, content=content)
    if fmt == "html":
        return render_html(doc, print_version=True).encode()
    return render_pdf(doc) if fmt == "pdf" else render_docx(doc)
