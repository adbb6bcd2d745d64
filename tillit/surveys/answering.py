"""Answering a survey (no login for an open link or a code): pages, conditional questions, answers
saved per page and the submission that stores the answer with no link back to the code.

The answer in progress is a dict question code → value (a list for several options). With a code it
is kept in `TokenDraft` (continued later with the same code until the survey closes); with an open
link in the visitor's session. On submission it becomes a `Response` without any link to the code:
only the code's `answered` flag changes, and the draft is deleted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from tillit.core.privacy import redact_counted
from tillit.surveys.models import (
    Question,
    QuestionType,
    Response,
    ResponseAnswer,
    Section,
    Survey,
    SurveyMode,
    SurveyStatus,
    SurveyToken,
    TokenDraft,
)
from tillit.surveys.services import code_hash

Answers = dict[str, object]
CLOSED = "Enkäten är stängd. Tack för ditt intresse."


def is_open(survey: Survey, today: date) -> bool:
    return (
        survey.status == SurveyStatus.OPPEN
        and (survey.opens_on is None or survey.opens_on <= today)
        and (survey.closes_on is None or today <= survey.closes_on)
    )


@dataclass
class Page:
    section: Section
    questions: list[Question]


def pages(survey: Survey) -> list[Page]:
    """The sections with their questions (two queries)."""
    questions = list(
        survey.questions.select_related("condition_question").order_by("section__position", "position", "id")
    )
    sections = survey.sections.order_by("position", "id")
    found = [Page(s, [q for q in questions if q.section_id == s.pk]) for s in sections]
    return [page for page in found if page.questions]


def _matches(value: object, wanted: str) -> bool:
    return wanted in value if isinstance(value, list) else value == wanted


def shown(question: Question, answers: Answers, page_codes: set[str]) -> bool:
    """A conditional question is shown when its condition question was answered as required on an
    earlier page, and always when the condition is on the same page (it then says when to answer)."""
    condition = question.condition_question
    if condition is None or condition.code in page_codes:
        return True
    return _matches(answers.get(condition.code), question.condition_value)


def page_questions(page: Page, answers: Answers) -> list[Question]:
    codes = {q.code for q in page.questions}
    return [q for q in page.questions if shown(q, answers, codes)]


def applies(question: Question, answers: Answers) -> bool:
    """Whether an answer to `question` counts (its condition, if any, is met)."""
    condition = question.condition_question
    return condition is None or _matches(answers.get(condition.code), question.condition_value)


def declined(survey_questions: list[Question], answers: Answers) -> bool:
    return any(q.qtype == QuestionType.CONSENT and answers.get(q.code) == "nej" for q in survey_questions)


def token_for_code(survey: Survey, code: str) -> SurveyToken | None:
    """The unused code of this survey, or None (a used, unknown or other survey's code)."""
    if not code or survey.mode != SurveyMode.TOKENS:
        return None
    return SurveyToken.objects.filter(survey=survey, code_hash=code_hash(code), answered=False).first()


def draft_load(token: SurveyToken) -> tuple[Answers, int]:
    draft = TokenDraft.objects.filter(token=token).first()
    return (dict(draft.answers), draft.page) if draft else ({}, 0)


@transaction.atomic
def draft_save(*, token: SurveyToken, answers: Answers, page: int, today: date) -> None:
    """Keep the answer in progress of a code (each page as it is left)."""
    token = SurveyToken.objects.select_for_update().select_related("survey").get(pk=token.pk)
    if not is_open(token.survey, today):
        raise ValidationError(CLOSED)
    if token.answered:
        raise ValidationError("Koden har redan använts för att svara.")
    TokenDraft.objects.update_or_create(token=token, defaults={"answers": answers, "page": page})


@transaction.atomic
def response_submit(
    *, survey: Survey, answers: Answers, today: date, token: SurveyToken | None = None, unit_id: int | None = None
) -> tuple[Response, int]:
    """Store the answer. With a code: the code is marked answered and its draft deleted, and the
    response keeps nothing that points back to it (no code, no time of day). Free text goes through
    the personnummer guard (replaced: no one can be asked). Returns the response and how many
    personnummer were replaced."""
    if not is_open(survey, today):
        raise ValidationError(CLOSED)
    if token is not None:
        token = SurveyToken.objects.select_for_update().get(pk=token.pk)
        if token.answered or token.survey_id != survey.pk:
            raise ValidationError("Koden har redan använts för att svara.")
        unit_id = token.unit_id
    questions = list(survey.questions.select_related("condition_question"))
    is_declined = declined(questions, answers)
    if unit_id is None:
        unit_question = next((q for q in questions if q.qtype == QuestionType.UNIT), None)
        chosen = answers.get(unit_question.code) if unit_question else None
        if chosen and survey.invitations.filter(unit_id=chosen).exists():
            unit_id = int(chosen)
    response = Response.objects.create(survey=survey, unit_id=unit_id, submitted_on=today, declined=is_declined)
    removed = 0
    rows = []
    for question in questions if not is_declined else [q for q in questions if q.qtype == QuestionType.CONSENT]:
        value = answers.get(question.code)
        if value in (None, "", []) or not applies(question, answers):
            continue
        if question.qtype == QuestionType.TEXT:
            text, found = redact_counted(str(value))
            removed += found
            rows.append(ResponseAnswer(response=response, question=question, text=text))
        elif isinstance(value, list):
            rows.extend(ResponseAnswer(response=response, question=question, value=str(v)[:40]) for v in value)
        else:
            rows.append(ResponseAnswer(response=response, question=question, value=str(value)[:40]))
    ResponseAnswer.objects.bulk_create(rows)
    if token is not None:
        SurveyToken.objects.filter(pk=token.pk).update(answered=True)
        TokenDraft.objects.filter(token_id=token.pk).delete()
    return response, removed
