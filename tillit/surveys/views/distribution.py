"""Distribution: codes per unit, the code list (CSV/XLSX) and printable letters, the open link and
the number invited, staff invitations and reminders (only to those who have not answered)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from tillit.audit.models import AuditAction
from tillit.audit.services import audit_object
from tillit.core.http import run_service
from tillit.surveys.export import CODE_HEADER, code_rows, csv_bytes, xlsx_bytes
from tillit.surveys.forms import InvitedForm, StaffInviteForm, TokensForm
from tillit.surveys.models import SurveyMode
from tillit.surveys.selectors import distribution_rows, survey_for_user_or_404, survey_units
from tillit.surveys.services import (
    invitation_set,
    staff_invite,
    staff_remind,
    tokens_generate,
    unanswered_codes,
    unseal,
)


def _answer_url(request, survey) -> str:
    return request.build_absolute_uri(reverse("surveys_public:answer", args=[survey.public_key]))


@login_required
@require_http_methods(["GET", "POST"])
def distribution(request: HttpRequest, pk: int) -> HttpResponse:
    survey = survey_for_user_or_404(request.user, pk, manage=True)
    units = survey_units(survey)
    form_class = {SurveyMode.TOKENS: TokensForm, SurveyMode.OPEN_LINK: InvitedForm}.get(survey.mode, StaffInviteForm)
    form = form_class(request.POST or None, units=units)
    if form.is_valid():
        data = form.cleaned_data
        if survey.mode == SurveyMode.TOKENS:
            call = lambda: tokens_generate(actor=request.user, survey=survey, unit=data["unit"], count=data["count"])  # noqa: E731
            success = lambda made: f"{len(made)} koder är skapade för {data['unit'].name}."  # noqa: E731
        elif survey.mode == SurveyMode.OPEN_LINK:
            call = lambda: invitation_set(actor=request.user, survey=survey, unit=data["unit"], invited=data["count"])  # noqa: E731
            success = f"Antalet inbjudna i {data['unit'].name} är sparat."
        else:
            users = get_user_model().objects.filter(is_active=True, assignments__unit=data["unit"]).distinct()
            call = lambda: staff_invite(actor=request.user, survey=survey, unit=data["unit"], users=list(users))  # noqa: E731
            success = lambda n: f"{n} medarbetare är inbjudna."  # noqa: E731
        if run_service(request, call, success=success) is not None:
            return redirect("surveys:distribution", pk=survey.pk)
    context = {
        "survey": survey,
        "form": form,
        "rows": distribution_rows(survey),
        "answer_url": _answer_url(request, survey),
        "unanswered": survey.tokens.filter(answered=False).count(),
    }
    return render(request, "surveys/distribution.html", context, status=422 if form.is_bound else 200)


def _codes(survey, request):
    if request.GET.get("obesvarade"):
        return unanswered_codes(survey)
    return [
        (t.number, t.unit.name, unseal(t)) for t in survey.tokens.filter(invitee__isnull=True).select_related("unit")
    ]


@login_required
def codes_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    survey = survey_for_user_or_404(request.user, pk, manage=True)
    if fmt not in ("csv", "xlsx"):
        return HttpResponse(status=404)
    rows = code_rows(survey, _codes(survey, request), _answer_url(request, survey))
    audit_object(actor=request.user, action=AuditAction.EXPORT, obj=survey, detail={"codes": len(rows), "format": fmt})
    name = f"koder-{survey.code}-{survey.year}{'-obesvarade' if request.GET.get('obesvarade') else ''}"
    if fmt == "csv":
        response = HttpResponse(csv_bytes(CODE_HEADER, rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            xlsx_bytes([("Koder", CODE_HEADER, rows)]),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@login_required
def letters(request: HttpRequest, pk: int) -> HttpResponse:
    """One printable letter per code (or per unused code, for a reminder letter)."""
    survey = survey_for_user_or_404(request.user, pk, manage=True)
    codes = _codes(survey, request)
    audit_object(actor=request.user, action=AuditAction.EXPORT, obj=survey, detail={"letters": len(codes)})
    context = {
        "survey": survey,
        "codes": codes,
        "answer_url": _answer_url(request, survey),
        "reminder": bool(request.GET.get("obesvarade")),
    }
    return render(request, "surveys/letters.html", context)


@login_required
@require_POST
def remind(request: HttpRequest, pk: int) -> HttpResponse:
    survey = survey_for_user_or_404(request.user, pk, manage=True)
    run_service(
        request,
        lambda: staff_remind(actor=request.user, survey=survey, today=timezone.localdate()),
        success=lambda n: f"Påminnelse skickad till {n} som inte har svarat.",
    )
    return redirect("surveys:distribution", pk=survey.pk)
