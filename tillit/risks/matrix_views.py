"""The risk matrix screen: the matrices and their versions, one matrix drawn with its scales, and the
way to change one — a draft of a new version (or the municipality's own matrix) to edit, then
activate. A matrix in use is never changed (the services refuse)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from tillit.core.http import run_service
from tillit.org.access import has_permission
from tillit.risks.forms import MatrixForm
from tillit.risks.models import RiskMatrix
from tillit.risks.selectors import can_view, heat_map
from tillit.risks.services import CONFIGURE, matrix_activate, matrix_draft, matrix_in_use, matrix_own, matrix_update


def _may_see(user) -> bool:
    return can_view(user) or has_permission(user, CONFIGURE)


@login_required
def matrix_list(request: HttpRequest) -> HttpResponse:
    if not _may_see(request.user):
        raise Http404
    matrices = RiskMatrix.objects.annotate(used=Count("analyses")).order_by("code", "-version")
    context = {"matrices": matrices, "may_configure": has_permission(request.user, CONFIGURE)}
    return render(request, "risks/matrix_list.html", context)


@login_required
def matrix_detail(request: HttpRequest, pk: int) -> HttpResponse:
    if not _may_see(request.user):
        raise Http404
    matrix = get_object_or_404(RiskMatrix, pk=pk)
    may_configure = has_permission(request.user, CONFIGURE)
    context = {
        "matrix": matrix,
        "heat": heat_map(matrix, []),
        "in_use": matrix_in_use(matrix),
        "may_configure": may_configure,
        "draft": RiskMatrix.objects.filter(code=matrix.code, draft=True).first(),
    }
    return render(request, "risks/matrix_detail.html", context)


def _configurable(request: HttpRequest, pk: int) -> RiskMatrix:
    if not has_permission(request.user, CONFIGURE):
        raise Http404
    return get_object_or_404(RiskMatrix, pk=pk)


@login_required
@require_POST
def matrix_new_version(request: HttpRequest, pk: int) -> HttpResponse:
    matrix = _configurable(request, pk)
    draft = run_service(
        request,
        lambda: matrix_draft(actor=request.user, matrix=matrix),
        success=lambda m: f"Version {m.version} är ett utkast. Ändra det och aktivera det sedan.",
    )
    return redirect("risks:matrix_edit", pk=draft.pk) if draft else redirect("risks:matrix_detail", pk=pk)


@login_required
@require_POST
def matrix_new_own(request: HttpRequest, pk: int) -> HttpResponse:
    matrix = _configurable(request, pk)
    draft = run_service(
        request,
        lambda: matrix_own(actor=request.user, matrix=matrix, name=request.POST.get("name", "")[:200]),
        success=lambda m: f"Matrisen ”{m.name}” är ett utkast. Ändra det och aktivera det sedan.",
    )
    return redirect("risks:matrix_edit", pk=draft.pk) if draft else redirect("risks:matrix_detail", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def matrix_edit(request: HttpRequest, pk: int) -> HttpResponse:
    matrix = _configurable(request, pk)
    if not matrix.draft or matrix_in_use(matrix):
        raise Http404
    form = MatrixForm(request.POST if request.method == "POST" else None, matrix=matrix)
    if form.is_valid() and run_service(
        request,
        lambda: matrix_update(actor=request.user, matrix=matrix, **form.changes()),
        success="Utkastet är sparat.",
    ):
        return redirect("risks:matrix_detail", pk=matrix.pk)
    status = 422 if form.is_bound else 200
    return render(request, "risks/matrix_form.html", {"matrix": matrix, "form": form}, status=status)


@login_required
@require_POST
def matrix_activate_view(request: HttpRequest, pk: int) -> HttpResponse:
    matrix = _configurable(request, pk)
    run_service(
        request,
        lambda: matrix_activate(actor=request.user, matrix=matrix, make_default=bool(request.POST.get("make_default"))),
        success=lambda m: f"{m.name} version {m.version} används nu för nya riskanalyser.",
    )
    return redirect("risks:matrix_detail", pk=matrix.pk)
