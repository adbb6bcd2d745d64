"""The `surveys` figures of the yearly report (docs/figures.md): per survey of the year, the
response rate in total and per unit and, per question, n, the positive answers, their share and its
95 % Wilson interval. Cells under the small-count threshold are marked `"suppressed": true` with
their values null (never left out silently), with the complement rule of `tillit.core.suppression`."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from tillit.core import suppression
from tillit.surveys.models import Survey, SurveyStatus
from tillit.surveys.results import imported_questions, question_results, rate_table


def _share_cell(share, limit: int) -> dict[str, Any]:
    if share is None or share.n == 0:
        return {"n": 0, "positive": 0, "positive_share": None, "interval": None, "suppressed": False}
    if suppression.is_small(share.n, limit):
        return {"n": None, "positive": None, "positive_share": None, "interval": None, "suppressed": True}
    return {
        "n": share.n,
        "positive": share.positive,
        "positive_share": share.share,
        "interval": list(share.interval),
        "suppressed": False,
    }


def survey_figures(survey: Survey, *, limit: int | None = None) -> dict[str, Any]:
    limit = suppression.threshold() if limit is None else limit
    table = rate_table(survey, limit=limit)
    total_small = suppression.is_small(table.answered, limit)
    by_unit = {}
    for row in table.units:
        hidden = row.suppressed or total_small
        by_unit[row.code] = {
            "invited": row.invited,
            "answered": None if hidden else row.answered,
            "response_rate": None if hidden else row.rate,
            "suppressed": hidden,
        }
    questions = {}
    for result in [*question_results(survey, limit=limit), *imported_questions(survey, limit=limit)]:
        if result.share is None:
            continue
        cell = _share_cell(result.share, limit)
        previous = _share_cell(result.previous, limit) if result.previous else None
        national = result.national
        questions[result.code] = {
            **cell,
            "text": result.text,
            "previous_share": previous["positive_share"] if previous else None,
            "national_share": national.share if national and national.n else None,
        }
    return {
        "survey": survey.code,
        "title": survey.title,
        "kind": survey.kind,
        "year": survey.year,
        "round": survey.round,
        "invited": table.invited,
        "answered": None if total_small else table.answered,
        "response_rate": None if total_small else table.rate,
        "suppressed": total_small,
        "by_unit": by_unit,
        "questions": questions,
    }


def surveys_in(scope, year: int):
    """The year's surveys (not drafts) run in the scope unit, below it, or above it for all its units."""
    ancestors = [int(pk) for pk in scope.path.strip("/").split("/") if pk]
    return (
        Survey.objects.filter(year=year)
        .exclude(status=SurveyStatus.UTKAST)
        .filter(Q(unit__path__startswith=scope.path) | Q(unit_id__in=ancestors))
        .order_by("title", "round")
    )


def surveys_report_figures(*, scope, year: int) -> dict[str, Any]:
    found = [survey_figures(survey) for survey in surveys_in(scope, year)]
    # riket alone (imported national results) is a comparison, not a survey of the municipality's
    return {"surveys": [f for f in found if f["invited"] or f["answered"] or f["questions"]]}
