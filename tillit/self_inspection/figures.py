"""The `self_inspection` figures of the yearly report (docs/figures.md): per finished round of
egenkontroll or journalgranskning in the scope and year, the counts per criterion. Only counts,
codes and the templates' own texts: no case numbers, comments or persons."""

from __future__ import annotations

from typing import Any

from django.db.models import Count

from tillit.assessments.models import Assessment, AssessmentStatus
from tillit.assessments.selectors import assessment_results
from tillit.self_inspection.models import Round
from tillit.self_inspection.selectors import KINDS, criterion_rows


def _share(value: float | None) -> float | None:
    return round(value, 4) if value is not None else None


def round_figures(assessment: Assessment, round_code: str = "", actions: int = 0) -> dict[str, Any]:
    results = assessment_results(assessment)
    population = len(assessment.population_cases) if assessment.population_cases else (assessment.population_count or 0)
    previous = results.previous_assessment
    return {
        "round": round_code,
        "template": assessment.template.code,
        "template_version": assessment.template.version,
        "template_title": assessment.template.title,
        "unit": assessment.unit.code,
        "unit_name": assessment.unit.name,
        "performed_on": assessment.performed_on.isoformat(),
        "population": population,
        "sampled": results.cases,
        "previous_performed_on": previous.performed_on.isoformat() if previous else None,
        "actions": actions,
        "criteria": [
            {
                "ref": row.ref,
                "text": row.text,
                "met": row.tally.met,
                "not_met": row.tally.not_met,
                "not_applicable": row.tally.not_applicable,
                "share": _share(row.tally.share),
                "previous_share": _share(row.previous.share) if row.previous else None,
            }
            for row in criterion_rows(results)
        ],
    }


def self_inspection_figures(*, scope, year: int) -> dict[str, Any]:
    assessments = (
        Assessment.objects.filter(
            template__kind__in=KINDS,
            status=AssessmentStatus.KLAR,
            performed_on__year=year,
            unit__path__startswith=scope.path,
        )
        .select_related("template__scale", "unit")
        .order_by("performed_on", "pk")
    )
    linked = {
        r["assessment_id"]: r
        for r in Round.objects.filter(assessment__in=assessments)
        .annotate(action_count=Count("actions"))
        .values("assessment_id", "code", "action_count")
    }
    return {
        "self_inspection": {
            "rounds": [
                round_figures(a, linked.get(a.pk, {}).get("code", ""), linked.get(a.pk, {}).get("action_count", 0))
                for a in assessments
            ]
        }
    }
