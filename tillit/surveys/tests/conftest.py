from __future__ import annotations

from datetime import date

import pytest

from tillit.core.roles import Role
from tillit.surveys.models import QuestionType, SurveyKind, SurveyMode
from tillit.surveys.services import question_add, section_add, survey_create, survey_open
from tillit.testing.factories import UserFactory, assign

TODAY = date(2026, 3, 10)


@pytest.fixture
def keeper(org):
    user = UserFactory(username="kvu_soc")
    assign(user, Role.KVALITETSUTVECKLARE, org.soc)
    return user


def build_survey(keeper, unit, *, code="hemtjanst", year=2026, round=1, mode=SurveyMode.TOKENS, open=True):
    survey = survey_create(
        actor=keeper,
        unit=unit,
        code=code,
        title="Brukarundersökning hemtjänst",
        year=year,
        round=round,
        kind=SurveyKind.BRUKARUNDERSOKNING,
        mode=mode,
        legal_basis="Anställningsavtal och arbetsmiljölagen" if mode == SurveyMode.IDENTIFIED else "",
    )
    start = section_add(actor=keeper, survey=survey, title="Om undersökningen")
    question_add(actor=keeper, section=start, code="samtycke", text="Vill du svara?", qtype=QuestionType.CONSENT)
    about = section_add(actor=keeper, survey=survey, title="Om dig")
    question_add(actor=keeper, section=about, code="kon", text="Kön", qtype=QuestionType.GENDER)
    main = section_add(actor=keeper, survey=survey, title="Hemtjänsten")
    question_add(actor=keeper, section=main, code="bemotande", text="Bemöts du väl?", qtype=QuestionType.LIKERT5)
    trygg = question_add(
        actor=keeper, section=main, code="trygg", text="Känner du dig trygg?", qtype=QuestionType.YES_NO
    )
    question_add(
        actor=keeper,
        section=main,
        code="varfor",
        text="Vad gör dig otrygg?",
        qtype=QuestionType.TEXT,
        condition_question=trygg,
        condition_value="nej",
    )
    if open:
        survey_open(actor=keeper, survey=survey)
    return survey
