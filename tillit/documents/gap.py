"""The `gap` figures of the yearly report: the latest finished GAP analysis in the scope up to the
report's year, counts per result and per chapter, and the change since the previous analysis.
Computed through the assessment core's selectors (the GAP rounds live in tillit.assessments)."""

from __future__ import annotations

from datetime import date
from typing import Any

from tillit.assessments.models import Assessment, AssessmentStatus, TemplateKind
from tillit.assessments.selectors import Tally, assessment_results

RESULT_CODES = ("uppfyllt", "delvis", "ej_uppfyllt", "ej_tillampligt")


def _counts(tally: Tally | None) -> dict[str, int] | None:
    if tally is None:
        return None
    return {code: tally.by_value.get(code, 0) for code in RESULT_CODES} | {"unanswered": tally.unanswered}


def latest_gap(*, scope, year: int) -> Assessment | None:
    """The latest finished GAP analysis of the scope unit, else of a unit below it, by 31 December."""
    return (
        Assessment.objects.filter(
            template__kind=TemplateKind.GAP,
            status=AssessmentStatus.KLAR,
            unit__path__startswith=scope.path,
            performed_on__lte=date(year, 12, 31),
        )
        .select_related("template", "unit")
        .order_by("unit__depth", "-performed_on", "-pk")
        .first()
    )


def gap_figures(*, scope, year: int) -> dict[str, Any]:
    assessment = latest_gap(scope=scope, year=year)
    if assessment is None:
        return {"gap": None}
    results = assessment_results(assessment)
    previous = results.previous_assessment
    return {
        "gap": {
            "framework": assessment.template.code,
            "framework_version": assessment.template.version,
            "framework_title": assessment.template.title,
            "unit": assessment.unit.code,
            "assessed_on": assessment.performed_on.isoformat(),
            "counts": _counts(results.total),
            "by_chapter": [
                {
                    "ref": group.heading.ref if group.heading else "",
                    "title": group.heading.text if group.heading else "",
                    "counts": _counts(group.tally),
                    "previous": _counts(group.previous),
                }
                for group in results.groups
            ],
            "previous": None
            if previous is None
            else {"assessed_on": previous.performed_on.isoformat(), "counts": _counts(results.previous_total)},
        }
    }
