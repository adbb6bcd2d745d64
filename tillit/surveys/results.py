"""Survey results: the response-rate table per unit and, per question, the distribution and the
share of positive answers with n and a 95 % Wilson interval, the gender split, the previous round
and riket. Own answers and results imported from elsewhere are counted together.

Everything shown goes through `tillit.core.suppression`: a unit or group with fewer answers than the
threshold is not shown on its own, nor is a complement that would give it away.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from tillit.core import suppression
from tillit.org.models import Unit
from tillit.surveys.models import (
    ImportedInvitation,
    ImportedResult,
    Positive,
    Question,
    QuestionType,
    Response,
    ResponseAnswer,
    Survey,
    UnitInvitation,
)
from tillit.surveys.questions import GENDER, POSITIVE_TYPES, options, positive_of
from tillit.surveys.stats import PositiveShare, percent

GENDERS = [code for code, _ in GENDER[:2]]  # kvinna, man side by side


@dataclass
class UnitRate:
    unit_id: int
    code: str
    name: str
    invited: int
    answered: int
    answered_shown: suppression.Count | None = None
    share_of_all: float | None = None

    @property
    def rate(self) -> float | None:
        return percent(self.answered, self.invited)

    @property
    def suppressed(self) -> bool:
        return bool(self.answered_shown and self.answered_shown.suppressed)


@dataclass
class RateTable:
    units: list[UnitRate]
    invited: int
    answered: int
    limit: int

    @property
    def rate(self) -> float | None:
        return percent(self.answered, self.invited)

    @property
    def total_suppressed(self) -> bool:
        return suppression.is_small(self.answered, self.limit)

    def share_of_all(self, row: UnitRate) -> float | None:
        return None if row.suppressed else percent(row.answered, self.answered)


@dataclass
class QuestionResult:
    code: str
    text: str
    qtype: str
    distribution: list[tuple[str, str, suppression.Count]]  # (option code, label, count)
    answers: int  # people who answered the question
    share: PositiveShare | None
    by_gender: dict[str, PositiveShare | None] = field(default_factory=dict)
    previous: PositiveShare | None = None
    national: PositiveShare | None = None
    limit: int = 5

    @property
    def suppressed(self) -> bool:
        return suppression.is_small(self.answers, self.limit)

    @property
    def share_shown(self) -> bool:
        return self.share is not None and not suppression.is_small(self.share.n, self.limit) and self.share.n > 0


def _units_by_id(ids) -> dict[int, Unit]:
    return {u.pk: u for u in Unit.objects.filter(pk__in=ids).only("id", "code", "name")}


def rate_table(survey: Survey, *, limit: int | None = None) -> RateTable:
    """Invited and answered per unit (codes generated or numbers entered, plus imported rates); a
    declined consent is not an answer."""
    limit = suppression.threshold() if limit is None else limit
    invited = Counter(dict(UnitInvitation.objects.filter(survey=survey).values_list("unit_id", "invited")))
    answered: Counter[int] = Counter()
    for unit_id in Response.objects.filter(survey=survey, declined=False).values_list("unit_id", flat=True):
        if unit_id is not None:
            answered[unit_id] += 1
    for unit_id, inv, ans in ImportedInvitation.objects.filter(survey=survey).values_list(
        "unit_id", "invited", "answered"
    ):
        invited[unit_id] += inv
        answered[unit_id] += ans
    units = _units_by_id(set(invited) | set(answered))
    rows = [
        UnitRate(pk, units[pk].code, units[pk].name, invited.get(pk, 0), answered.get(pk, 0))
        for pk in sorted(units, key=lambda pk: units[pk].name)
    ]
    total_answered = sum(r.answered for r in rows)
    shown = suppression.suppress({r.unit_id: r.answered for r in rows}, total=total_answered, limit=limit)
    table = RateTable(rows, sum(r.invited for r in rows), total_answered, limit)
    for row in rows:
        row.answered_shown = shown[row.unit_id]
        row.share_of_all = table.share_of_all(row)
    return table


def _own_answers(survey: Survey) -> tuple[dict[int, dict[str, list[str]]], list[Question]]:
    """response id → question code → values (one query for the answers, one for the questions)."""
    questions = list(survey.questions.order_by("section__position", "position", "id"))
    by_id = {q.pk: q.code for q in questions}
    found: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    rows = ResponseAnswer.objects.filter(response__survey=survey, response__declined=False).values_list(
        "response_id", "question_id", "value"
    )
    for response_id, question_id, value in rows:
        if value:
            found[response_id][by_id[question_id]].append(value)
    return found, questions


def _share(values: list[str], qtype: str) -> PositiveShare:
    kinds = Counter(positive_of(qtype, v) for v in values)
    return PositiveShare(kinds[Positive.JA], kinds[Positive.NEJ], kinds[Positive.VET_EJ])


def _imported_shares(rows) -> dict[str, PositiveShare]:
    counts: dict[str, Counter] = defaultdict(Counter)
    for question, positive, count in rows:
        counts[question][positive] += count
    return {q: PositiveShare(c[Positive.JA], c[Positive.NEJ], c[Positive.VET_EJ]) for q, c in counts.items()}


def previous_round(survey: Survey) -> Survey | None:
    earlier = Survey.objects.filter(code=survey.code).exclude(pk=survey.pk)
    earlier = [s for s in earlier.only("id", "year", "round") if (s.year, s.round) < (survey.year, survey.round)]
    return max(earlier, key=lambda s: (s.year, s.round), default=None)


def positive_shares(survey: Survey) -> dict[str, PositiveShare]:
    """The share of positive answers per question code: own answers and imported unit results."""
    answers, questions = _own_answers(survey)
    shares = {}
    for question in questions:
        if question.qtype in POSITIVE_TYPES:
            values = [v for per in answers.values() for v in per.get(question.code, [])]
            shares[question.code] = _share(values, question.qtype)
    imported = _imported_shares(
        ImportedResult.objects.filter(survey=survey, unit__isnull=False).values_list("question", "positive", "count")
    )
    for code, share in imported.items():
        own = shares.get(code)
        shares[code] = (
            PositiveShare(own.positive + share.positive, own.negative + share.negative, own.dont_know + share.dont_know)
            if own
            else share
        )
    return shares


def national_shares(survey: Survey) -> dict[str, PositiveShare]:
    """Riket for the same year: imported rows without a unit, of this survey or any other survey
    (SKR, Socialstyrelsen) asking a question with the same code."""
    rows = ImportedResult.objects.filter(unit__isnull=True, survey__year=survey.year).values_list(
        "survey_id", "question", "positive", "count"
    )
    own = [(q, p, c) for s, q, p, c in rows if s == survey.pk]
    other = [(q, p, c) for s, q, p, c in rows if s != survey.pk]
    return {**_imported_shares(other), **_imported_shares(own)}


def question_results(survey: Survey, *, limit: int | None = None) -> list[QuestionResult]:
    limit = suppression.threshold() if limit is None else limit
    answers, questions = _own_answers(survey)
    gender_question = next((q for q in questions if q.qtype == QuestionType.GENDER), None)
    unit_options = [(str(u.pk), u.name) for u in Unit.objects.filter(pk__in=survey.invitations.values("unit_id"))]
    previous = previous_round(survey)
    previous_shares = positive_shares(previous) if previous else {}
    national = national_shares(survey)
    imported_rows = list(
        ImportedResult.objects.filter(survey=survey, unit__isnull=False).values_list(
            "question", "option", "positive", "count"
        )
    )
    results = []
    for question in questions:
        if question.qtype in (QuestionType.TEXT, QuestionType.NUMBER, QuestionType.CONSENT):
            continue
        per_response = [per.get(question.code, []) for per in answers.values()]
        values = [v for vs in per_response for v in vs]
        counts = Counter(values)
        for code, option, _, count in imported_rows:
            if code == question.code:
                counts[option] += count
        answered = sum(1 for vs in per_response if vs) + sum(c for q, _, _, c in imported_rows if q == question.code)
        labelled = options(question, unit_options)
        known = {code for code, _ in labelled}
        labelled += [(code, code) for code in sorted(counts) if code not in known]
        shown = suppression.suppress(
            {code: counts.get(code, 0) for code, _ in labelled},
            total=answered if question.qtype != QuestionType.MULTIPLE else None,
            limit=limit,
        )
        share = None
        by_gender: dict[str, PositiveShare | None] = {}
        if question.qtype in POSITIVE_TYPES:
            share = _share(values, question.qtype)
            for code, _option, positive, count in imported_rows:
                if code == question.code:
                    share = PositiveShare(
                        share.positive + count * (positive == Positive.JA),
                        share.negative + count * (positive == Positive.NEJ),
                        share.dont_know + count * (positive == Positive.VET_EJ),
                    )
            if gender_question is not None:
                by_gender = _gender_split(answers, gender_question.code, question, limit)
        results.append(
            QuestionResult(
                code=question.code,
                text=question.text,
                qtype=question.qtype,
                distribution=[(code, label, shown[code]) for code, label in labelled],
                answers=answered,
                share=share,
                by_gender=by_gender,
                previous=previous_shares.get(question.code),
                national=national.get(question.code),
                limit=limit,
            )
        )
    return results


def _gender_split(answers, gender_code: str, question: Question, limit: int) -> dict[str, PositiveShare | None]:
    """Kvinna and man side by side; a group under the threshold is hidden, and so is the other one
    when the total is shown (it would be the complement)."""
    shares = {}
    for gender in GENDERS:
        values = [
            v for per in answers.values() if gender in per.get(gender_code, []) for v in per.get(question.code, [])
        ]
        shares[gender] = _share(values, question.qtype)
    shown = suppression.suppress({g: s.n for g, s in shares.items()}, limit=limit)
    if any(c.suppressed for c in shown.values()):
        return dict.fromkeys(GENDERS)  # one hidden: the other would be its complement of the total
    return shares


def imported_questions(survey: Survey, *, limit: int | None = None) -> list[QuestionResult]:
    """Results of a survey that exists only as imported rows (no questions of its own in Tillit)."""
    limit = suppression.threshold() if limit is None else limit
    own = set(survey.questions.values_list("code", flat=True))
    rows = ImportedResult.objects.filter(survey=survey, unit__isnull=False).exclude(question__in=own)
    by_question: dict[str, list] = defaultdict(list)
    for question, option, positive, count in rows.values_list("question", "option", "positive", "count"):
        by_question[question].append((option, positive, count))
    previous = previous_round(survey)
    previous_shares = positive_shares(previous) if previous else {}
    national = national_shares(survey)
    results = []
    for question, found in sorted(by_question.items()):
        counts: Counter[str] = Counter()
        kinds: Counter[str] = Counter()
        for option, positive, count in found:
            counts[option] += count
            kinds[positive] += count
        answered = sum(counts.values())
        shown = suppression.suppress(dict(counts), total=answered, limit=limit)
        results.append(
            QuestionResult(
                code=question,
                text=question,
                qtype="importerad",
                distribution=[(o, o, shown[o]) for o in counts],
                answers=answered,
                share=PositiveShare(kinds[Positive.JA], kinds[Positive.NEJ], kinds[Positive.VET_EJ]),
                previous=previous_shares.get(question),
                national=national.get(question),
                limit=limit,
            )
        )
    return results
