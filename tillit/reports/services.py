"""Writes to the kvalitetsberättelse: create with drafted sections, edit with versions, refresh
drafts, adopt (freeze). Each is atomic and audited."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from tillit.audit.models import AuditAction
from tillit.audit.services import audit_object
from tillit.events.models import GodVardArea
from tillit.org.access import has_permission
from tillit.org.models import Unit, UnitLevel
from tillit.reports import texts
from tillit.reports.figures import compute_figures
from tillit.reports.models import QualityReport, ReportSection, ReportState, SectionVersion
from tillit.reports.sections import GOD_VARD_INTRO, SECTIONS, SectionSpec


def may_edit(actor, scope: Unit) -> bool:
    return has_permission(actor, "report.edit", scope)


def section_specs_for(scope: Unit) -> list[SectionSpec]:
    """The declared sections with one section per avdelning inserted before the analysis."""
    avdelningar = Unit.objects.filter(parent=scope, level=UnitLevel.AVDELNING).order_by("code")
    specs = []
    for spec in SECTIONS:
        if spec.key == "analys":
            specs += [SectionSpec(f"avdelning:{u.code}", u.name, f"unit:{u.code}") for u in avdelningar]
        specs.append(spec)
    return specs


def draft_text(spec: SectionSpec, figures: dict[str, Any], year: int, scope: Unit) -> str:
    if spec.draft == "intro":
        paragraphs = [
            f"Kvalitetsberättelsen beskriver hur {scope.name} har arbetat med systematiskt kvalitetsarbete "
            f"under {year}, vilka åtgärder som har vidtagits och vilka resultat som har uppnåtts "
            "(SOSFS 2011:9 7 kap.).",
        ]
    elif spec.draft.startswith("kind:"):
        paragraphs = [p for kind in spec.draft[5:].split("+") for p in texts.kind_paragraphs(figures, kind)]
        if spec.key == "avvikelser":
            paragraphs.append(texts.actions_paragraph(figures))
    elif spec.draft.startswith("unit:"):
        unit = Unit.objects.get(code=spec.draft[5:])
        paragraphs = texts.unit_paragraphs(figures, compute_figures(year=year, scope=unit))
    elif spec.draft == "analysis":
        areas = figures.get("by_god_vard_area", {})
        paragraphs = [GOD_VARD_INTRO]
        for area in GodVardArea:
            count = areas.get(area.value, 0)
            noun = "händelse" if count == 1 else "händelser"
            paragraphs.append(
                f"{area.label}: {count} {noun} under året. (Skriv här vad händelserna visar och vilka "
                "utvecklingsområden ni ser.)"
            )
    elif spec.draft == "summary":
        paragraphs = texts.summary_paragraphs(figures)
    else:
        paragraphs = [spec.guidance]
    return "\n\n".join(paragraphs)


@transaction.atomic
def report_create(*, actor, year: int, scope: Unit) -> QualityReport:
    if not may_edit(actor, scope):
        raise PermissionDenied
    if not 2000 <= year <= timezone.localdate().year:
        raise ValidationError("Ange ett år som har passerat eller pågår.")
    existing = QualityReport.objects.filter(year=year, scope=scope).first()
    if existing:
        return existing  # a second click opens the same report
    report = QualityReport.objects.create(year=year, scope=scope, created_by=actor)
    figures = compute_figures(year=year, scope=scope)
    for position, spec in enumerate(section_specs_for(scope)):
        draft = draft_text(spec, figures, year, scope)
        ReportSection.objects.create(
            report=report,
            key=spec.key,
            title=spec.title,
            position=position,
            chart=spec.chart,
            auto_text=draft,
            text=draft,
        )
    audit_object(actor=actor, action=AuditAction.CREATE, obj=report, detail={"year": year})
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
    figures = compute_figures(year=report.year, scope=report.scope)
    specs = {spec.key: spec for spec in section_specs_for(report.scope)}
    changed = 0
    for section in report.sections.all():
        spec = specs.get(section.key)
        if spec is None:
            continue
        draft = draft_text(spec, figures, report.year, report.scope)
        updates = {"auto_text": draft} | ({} if section.edited else {"text": draft})
        if any(getattr(section, k) != v for k, v in updates.items()):
            ReportSection.objects.filter(pk=section.pk).update(**updates)
            changed += 1
    audit_object(actor=actor, action=AuditAction.CHANGE, obj=report, detail={"refreshed": changed})
    return changed


@transaction.atomic
def report_adopt(*, actor, report: QualityReport, decision_date: date, decision_reference: str) -> QualityReport:
    """Fastställ: freeze figures, texts and the PDF/DOCX exactly as adopted."""
    from tillit.reports.document import build_document, render_docx, render_pdf

    report = QualityReport.objects.select_for_update().get(pk=report.pk)
    _editable(actor, report)
    if not decision_reference.strip():
        raise ValidationError("Ange nämndens paragraf, till exempel SN § 88.")
    if decision_date > timezone.localdate():
        raise ValidationError("Beslutsdatumet kan inte ligga i framtiden.")
    sections = list(report.sections.all())
    report.snapshot = {
        "figures": compute_figures(year=report.year, scope=report.scope),
        "order": [s.key for s in sections],
        "sections": [{"key": s.key, "title": s.title, "text": s.text, "chart": s.chart} for s in sections],
    }
    report.state = ReportState.ADOPTED
    report.decision_date, report.decision_reference = decision_date, decision_reference.strip()
    report.adopted_by, report.adopted_at = actor, timezone.now()
    doc = build_document(report)
    report.pdf, report.docx = render_pdf(doc), render_docx(doc)
    report.save()
    audit_object(actor=actor, action=AuditAction.TRANSITION, obj=report, detail={"to": "faststalld"})
    return report
