"""Kvalitetsberättelse screens: list/create, preview and edit sections, adopt, download."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from tillit.core.http import run_service
from tillit.org.access import has_permission
from tillit.reports.document import build_document
from tillit.reports.forms import AdoptForm, ReportCreateForm, SectionForm
from tillit.reports.selectors import report_or_404, reports_visible
from tillit.reports.services import (
    FORMATS,
    may_edit,
    report_adopt,
    report_create,
    report_export,
    report_refresh_drafts,
    section_update,
)


@login_required
@require_http_methods(["GET", "POST"])
def report_list(request: HttpRequest) -> HttpResponse:
    if not has_permission(request.user, "report.view"):
        raise Http404
    can_create = has_permission(request.user, "report.edit")
    form = ReportCreateForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and can_create and form.is_valid():
        try:
            report = report_create(actor=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, getattr(exc, "messages", ["Du har inte behörighet för den enheten."]))
        else:
            return redirect("reports:report_detail", pk=report.pk)
    context = {"reports": reports_visible(request.user), "form": form if can_create else None}
    return render(request, "reports/report_list.html", context)


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_or_404(request.user, pk)
    editable = not report.adopted and may_edit(request.user, report.scope)
    context = {
        "report": report,
        "doc": build_document(report),
        "editable": editable,
        "raw_figures": may_edit(request.user, report.scope),
        "sections": report.sections.all(),
        "adopt_form": AdoptForm() if editable else None,
    }
    return render(request, "reports/report_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def section_edit(request: HttpRequest, pk: int, section_pk: int) -> HttpResponse:
    report = report_or_404(request.user, pk)
    section = report.sections.filter(pk=section_pk).first()
    if section is None or report.adopted or not may_edit(request.user, report.scope):
        raise Http404
    form = SectionForm(request.POST if request.method == "POST" else None, initial={"text": section.text})
    if request.method == "POST" and form.is_valid():
        section_update(actor=request.user, section=section, text=form.cleaned_data["text"])
        messages.success(request, f"Avsnittet ”{section.title}” har sparats.")
        return redirect("reports:report_detail", pk=report.pk)
    context = {
        "report": report,
        "section": section,
        "form": form,
        "versions": section.versions.select_related("author"),
    }
    return render(request, "reports/section_edit.html", context)


@login_required
@require_POST
def refresh(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_or_404(request.user, pk)
    run_service(
        request,
        lambda: report_refresh_drafts(actor=request.user, report=report),
        success=lambda changed: f"Utkasten har uppdaterats från dagens siffror ({changed} avsnitt).",
    )
    return redirect("reports:report_detail", pk=report.pk)


@login_required
@require_POST
def adopt(request: HttpRequest, pk: int) -> HttpResponse:
    report = report_or_404(request.user, pk)
    form = AdoptForm(request.POST)
    if form.is_valid():
        run_service(
            request,
            lambda: report_adopt(actor=request.user, report=report, **form.cleaned_data),
            success="Kvalitetsberättelsen är fastställd. Den ändras inte längre när data ändras.",
        )
    else:
        messages.error(request, "Ange beslutsdatum och paragraf.")
    return redirect("reports:report_detail", pk=report.pk)


@login_required
def download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    report = report_or_404(request.user, pk)
    if fmt not in FORMATS:
        raise Http404
    # The JSON holds the raw figures, small counts too (docs/figures.md): for the report's editors.
    # Everyone else reads the published document, where small counts are suppressed.
    if fmt == "json" and not may_edit(request.user, report.scope):
        raise Http404
    response = HttpResponse(report_export(actor=request.user, report=report, fmt=fmt), content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{report.kind}-{report.year}-{report.scope.code}.{fmt}"'
    return response
