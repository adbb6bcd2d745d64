"""The results page (response rates per unit, the questions with distribution, positive share, n,
interval, gender split, previous round and riket, charts) and its XLSX export."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tillit.audit.models import AuditAction
from tillit.audit.services import audit_object
from tillit.core import suppression
from tillit.surveys.charts import gender_chart, share_chart
from tillit.surveys.export import results_sheets, xlsx_bytes
from tillit.surveys.results import imported_questions, previous_round, question_results, rate_table
from tillit.surveys.selectors import survey_for_user_or_404


@login_required
def survey_results(request: HttpRequest, pk: int) -> HttpResponse:
    survey = survey_for_user_or_404(request.user, pk)
    questions = [*question_results(survey), *imported_questions(survey)]
    context = {
        "survey": survey,
        "table": rate_table(survey),
        "questions": questions,
        "previous": previous_round(survey),
        "chart": share_chart(questions),
        "gender_chart": gender_chart(questions),
        "note": suppression.note(),
    }
    return render(request, "surveys/results.html", context)


@login_required
def results_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    survey = survey_for_user_or_404(request.user, pk)
    audit_object(actor=request.user, action=AuditAction.EXPORT, obj=survey, detail={"format": "xlsx"})
    response = HttpResponse(
        xlsx_bytes(results_sheets(survey)),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="resultat-{survey.code}-{survey.year}.xlsx"'
    return response
