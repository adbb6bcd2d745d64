"""Reads for egenkontroll: programmes and rounds in the user's scope, the calendar, and the results
of rounds (read from the assessment core) per criterion, over rounds and against the previous one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from tillit.assessments.models import Assessment, AssessmentStatus, TemplateKind
from tillit.assessments.selectors import Results, Tally, assessment_results
from tillit.org.access import get_scoped_or_404, has_permission, visible
from tillit.self_inspection.models import Programme, Round
from tillit.trends import spc

VIEW, MANAGE = "self_inspection.view", "self_inspection.manage"
KINDS = (TemplateKind.EGENKONTROLL, TemplateKind.JOURNALGRANSKNING)
SOON_DAYS = 14


def can_view(user, unit=None) -> bool:
    return has_permission(user, VIEW, unit)


def can_manage(user, unit=None) -> bool:
    return has_permission(user, MANAGE, unit)


def programmes_visible(user) -> QuerySet[Programme]:
    return visible(
        user,
        VIEW,
        Programme.objects.select_related("unit").annotate(item_count=Count("items", distinct=True)),
    ).order_by("-year", "unit__path")


def programme_for_user_or_404(user, pk: int) -> Programme:
    return get_scoped_or_404(user, VIEW, Programme.objects.select_related("unit"), pk=pk)


def rounds_visible(user) -> QuerySet[Round]:
    return visible(user, VIEW, Round.objects.select_related("unit", "item", "assessment"))


def round_for_user_or_404(user, pk: int) -> Round:
    queryset = Round.objects.select_related(
        "unit", "item__programme", "item__template", "assessment__template__scale", "assessment__unit"
    )
    return get_scoped_or_404(user, VIEW, queryset, pk=pk)


def open_round_q() -> Q:
    return Q(assessment__isnull=True, done_on__isnull=True) | Q(assessment__completed_on__isnull=True)


def calendar_rounds(user, today: date | None = None) -> QuerySet[Round]:
    """Rounds not yet finished that are overdue or due within the coming weeks, earliest first."""
    limit = (today or timezone.localdate()) + timedelta(days=SOON_DAYS * 4)
    return rounds_visible(user).filter(open_round_q(), due_on__lte=limit).order_by("due_on", "code")


def template_rounds_in_unit(template_code: str, unit_id: int) -> list[Assessment]:
    """Finished rounds of a template (any version) in a unit, oldest first: the series of a chart."""
    return list(
        Assessment.objects.filter(template__code=template_code, unit_id=unit_id, status=AssessmentStatus.KLAR)
        .select_related("template__scale")
        .order_by("performed_on", "pk")
    )


@dataclass
class CriterionRow:
    ref: str
    text: str
    tally: Tally
    previous: Tally | None

    @property
    def change(self) -> float | None:
        """Change of the share met since the previous round, in percentage points."""
        if self.previous is None or self.tally.share is None or self.previous.share is None:
            return None
        return round(100 * (self.tally.share - self.previous.share), 1)


def criterion_rows(results: Results) -> list[CriterionRow]:
    return [
        CriterionRow(ref=r.item.ref, text=r.item.text, tally=r.tally, previous=r.previous)
        for g in results.groups
        for r in g.items
    ]


def round_results(round_: Round) -> Results | None:
    if round_.assessment is None:
        return None
    return assessment_results(round_.assessment)


def series(template_code: str, unit_id: int) -> list[tuple[Assessment, list[CriterionRow]]]:
    """Per finished round of the template in the unit: the share met per criterion (for the chart)."""
    return [
        (a, criterion_rows(assessment_results(a, compare=False)))
        for a in template_rounds_in_unit(template_code, unit_id)
    ]


def criterion_trends(over_rounds: list[tuple[Assessment, list[CriterionRow]]]) -> list[str]:
    """A plain-Swedish trend sentence per criterion over the unit's rounds (Anhøj run rules on the
    share met; a signal needs at least 10 rounds with a share, and says so until then)."""
    if not over_rounds:
        return []
    latest = over_rounds[-1][1]
    sentences = []
    for row in latest:
        values = []
        for _, rows in over_rounds:
            share = next((r.tally.share for r in rows if r.ref == row.ref), None)
            values.append(None if share is None else 100 * share)
        chart = spc.run_chart(values)
        sentences.append(spc.explain_run_chart(chart, subject=f"Andel uppfyllt för ”{row.text.rstrip('.')}”"))
    return sentences
