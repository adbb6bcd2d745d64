"""Reading assessments and templates, and computing results (met / not met / not applicable, shares)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from tillit.assessments.conditions import item_applies
from tillit.assessments.models import (
    Answer,
    Assessment,
    AssessmentStatus,
    AssessmentTemplate,
    ItemType,
    Meaning,
    SampledCase,
    ScaleValue,
    TemplateItem,
    TemplateKind,
    TemplateStatus,
)
from tillit.org.access import get_scoped_or_404, has_permission, visible

VIEW = "assessment.view"  # answers, comments, case numbers
RESULTS = "assessment.results"  # aggregate results only
PERFORM = "assessment.perform"
MANAGE_TEMPLATES = "assessment.manage_templates"


def can_see_templates(user) -> bool:
    return has_permission(user, MANAGE_TEMPLATES) or has_permission(user, PERFORM) or has_permission(user, VIEW)


def templates_for(user) -> QuerySet[AssessmentTemplate]:
    templates = AssessmentTemplate.objects.select_related("scale").annotate(
        item_count=Count("items", filter=~Q(items__item_type="kapitel"), distinct=True),
        assessment_count=Count("assessments", distinct=True),
    )
    if not has_permission(user, MANAGE_TEMPLATES):
        templates = templates.filter(status=TemplateStatus.FASTSTALLD)
    return templates.order_by("code", "-version")


def templates_for_rounds(user) -> QuerySet[AssessmentTemplate]:
    """Established templates a round may be started from (not the checklists embedded in cases)."""
    return templates_for(user).filter(status=TemplateStatus.FASTSTALLD).exclude(kind=TemplateKind.ARENDE)


def current_template(code: str) -> AssessmentTemplate | None:
    """The newest established version of the template `code` (what an app reading it uses now)."""
    return AssessmentTemplate.objects.filter(code=code, status=TemplateStatus.FASTSTALLD).order_by("-version").first()


def template_questions(template: AssessmentTemplate | None) -> list[TemplateItem]:
    """The answerable items of a template in order (no chapter headings)."""
    if template is None:
        return []
    return list(template.items.exclude(item_type=ItemType.KAPITEL).order_by("position", "id"))


def _rounds() -> QuerySet[Assessment]:
    # Checklists embedded in another app's record are read through that record and its permissions.
    return Assessment.objects.exclude(template__kind=TemplateKind.ARENDE)


def assessments_for(user, permission: str = RESULTS) -> QuerySet[Assessment]:
    return visible(user, permission, _rounds().select_related("template", "unit", "performer")).order_by(
        "-performed_on", "-id"
    )


def assessment_for_user_or_404(user, pk: int, permission: str = VIEW) -> Assessment:
    queryset = _rounds().select_related("template", "template__scale", "unit", "performer")
    return get_scoped_or_404(user, permission, queryset, pk=pk)


def my_open_assessments(user) -> QuerySet[Assessment]:
    """Assessments in progress that the user performs (and still may perform)."""
    return assessments_for(user, PERFORM).filter(performer=user, status=AssessmentStatus.PAGAR)


# --- The answer page -------------------------------------------------------------------------


@dataclass
class ItemRow:
    item: TemplateItem
    answer: Answer | None
    applies: bool | None  # False: skipped by its condition; None: waiting for the condition item
    is_heading: bool = False


def answer_rows(assessment: Assessment, case: SampledCase | None) -> list[ItemRow]:
    """The items in order with the answer given (for one case), and whether each applies."""
    items = list(assessment.template.items.select_related("condition_item").order_by("position", "id"))
    by_id = {i.pk: i for i in items}
    answers = {
        a.item_id: a
        for a in assessment.answers.filter(case=case).select_related("answered_by").prefetch_related("evidence")
    }
    values = {item_id: a.value for item_id, a in answers.items()}
    return [
        ItemRow(
            item=i,
            answer=answers.get(i.pk),
            applies=None if i.is_heading else item_applies(i, values, by_id),
            is_heading=i.is_heading,
        )
        for i in items
    ]


def missing_answers(assessment: Assessment) -> int:
    """How many applicable items (per case) are still unanswered."""
    items = {i.pk: i for i in assessment.template.items.all()}
    answerable = [i for i in items.values() if not i.is_heading]
    cases: list[SampledCase | None] = list(assessment.cases.all()) if assessment.template.samples_cases else [None]
    given: dict[int | None, dict[int, str]] = {}
    for item_id, case_id, value in assessment.answers.values_list("item_id", "case_id", "value"):
        given.setdefault(case_id, {})[item_id] = value
    missing = 0
    for case in cases:
        answers = given.get(case.pk if case else None, {})
        missing += sum(1 for i in answerable if i.pk not in answers and item_applies(i, answers, items) is not False)
    return missing


# --- Results ---------------------------------------------------------------------------------


@dataclass
class Tally:
    met: int = 0
    not_met: int = 0
    not_applicable: int = 0
    unanswered: int = 0
    skipped: int = 0  # not applicable because of a condition (counted in not_applicable too)
    by_value: dict[str, int] = field(default_factory=dict)

    @property
    def n(self) -> int:
        return self.met + self.not_met

    @property
    def share(self) -> float | None:
        """Share met = met ÷ (met + not met); None when nothing was met or not met."""
        return self.met / self.n if self.n else None

    def add(self, other: Tally) -> None:
        self.met += other.met
        self.not_met += other.not_met
        self.not_applicable += other.not_applicable
        self.unanswered += other.unanswered
        self.skipped += other.skipped
        for code, count in other.by_value.items():
            self.by_value[code] = self.by_value.get(code, 0) + count


@dataclass
class ItemResult:
    item: TemplateItem
    tally: Tally
    previous: Tally | None = None


@dataclass
class GroupResult:
    heading: TemplateItem | None
    items: list[ItemResult]
    tally: Tally
    previous: Tally | None = None


@dataclass
class Results:
    assessment: Assessment
    values: list[ScaleValue]
    groups: list[GroupResult]
    total: Tally
    previous_assessment: Assessment | None = None
    previous_total: Tally | None = None
    cases: int = 0

    @property
    def has_chapters(self) -> bool:
        return any(g.heading is not None for g in self.groups)


def _tallies(assessment: Assessment, items: list[TemplateItem], meanings: dict[str, str]) -> dict[int, Tally]:
    """Per answerable item: counts over the assessment's cases (or its one set of answers)."""
    by_id = {i.pk: i for i in items}
    given: dict[int | None, dict[int, str]] = {}
    for item_id, case_id, value in Answer.objects.filter(assessment=assessment).values_list(
        "item_id", "case_id", "value"
    ):
        given.setdefault(case_id, {})[item_id] = value
    case_ids: list[int | None] = (
        list(assessment.cases.values_list("id", flat=True)) if assessment.template.samples_cases else [None]
    )
    tallies = {i.pk: Tally() for i in items if not i.is_heading}
    for case_id in case_ids:
        answers = given.get(case_id, {})
        for item_id, tally in tallies.items():
            applies = item_applies(by_id[item_id], answers, by_id)
            value = answers.get(item_id)
            if applies is False:
                tally.skipped += 1
                tally.not_applicable += 1  # skipped by its condition (an earlier answer is ignored)
            elif value is None:
                tally.unanswered += 1
            else:
                tally.by_value[value] = tally.by_value.get(value, 0) + 1
                meaning = meanings.get(value)
                if meaning == Meaning.MET:
                    tally.met += 1
                elif meaning == Meaning.NOT_MET:
                    tally.not_met += 1
                else:
                    tally.not_applicable += 1
    return tallies


def previous_assessment(assessment: Assessment) -> Assessment | None:
    """The last finished assessment before this one of the same template (any version) in the same unit."""
    return (
        Assessment.objects.filter(
            template__code=assessment.template.code, unit_id=assessment.unit_id, status=AssessmentStatus.KLAR
        )
        .filter(
            Q(performed_on__lt=assessment.performed_on) | Q(performed_on=assessment.performed_on, pk__lt=assessment.pk)
        )
        .select_related("template")
        .order_by("-performed_on", "-pk")
        .first()
    )


def assessment_results(assessment: Assessment, *, compare: bool = True) -> Results:
    items = list(assessment.template.items.order_by("position", "id"))
    values = list(assessment.template.scale.values.all())
    meanings = {v.code: v.meaning for v in values}
    tallies = _tallies(assessment, items, meanings)
    previous = previous_assessment(assessment) if compare else None
    previous_by_ref: dict[str, Tally] = {}
    if previous is not None:
        prev_items = list(previous.template.items.all())
        prev_meanings = dict(previous.template.scale.values.values_list("code", "meaning"))
        prev_tallies = _tallies(previous, prev_items, prev_meanings)
        previous_by_ref = {i.ref: prev_tallies[i.pk] for i in prev_items if i.pk in prev_tallies}

    groups: dict[int | None, GroupResult] = {}
    for item in items:
        if item.is_heading:
            groups[item.pk] = GroupResult(heading=item, items=[], tally=Tally())
            continue
        group = groups.setdefault(item.parent_id, GroupResult(heading=None, items=[], tally=Tally()))
        result = ItemResult(item=item, tally=tallies[item.pk], previous=previous_by_ref.get(item.ref))
        group.items.append(result)
        group.tally.add(result.tally)
        if result.previous is not None:
            group.previous = group.previous or Tally()
            group.previous.add(result.previous)
    total = Tally()
    previous_total = Tally() if previous is not None else None
    for group in groups.values():
        total.add(group.tally)
        if previous_total is not None and group.previous is not None:
            previous_total.add(group.previous)
    return Results(
        assessment=assessment,
        values=values,
        groups=[g for g in groups.values() if g.items],
        total=total,
        previous_assessment=previous,
        previous_total=previous_total,
        cases=assessment.cases.count() if assessment.template.samples_cases else 0,
    )
