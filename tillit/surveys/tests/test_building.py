"""Building and distributing a survey: versioning (answers lock the questions), codes stored hashed,
consent that ends the survey, conditional questions, answers saved per page and continued with
the same code, and the Wilson interval and "vet ej" arithmetic."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tillit.core.privacy import PLACEHOLDER
from tillit.surveys.answering import draft_load, draft_save, response_submit, token_for_code
from tillit.surveys.models import QuestionType, Response, ResponseAnswer, SurveyMode, SurveyToken, TokenDraft
from tillit.surveys.services import (
    LOCKED,
    question_add,
    question_update,
    section_add,
    survey_close,
    survey_create,
    tokens_generate,
    unanswered_codes,
)
from tillit.surveys.stats import PositiveShare, percent, wilson
from tillit.surveys.tests.conftest import TODAY, build_survey

pytestmark = pytest.mark.django_db


def test_wilson_interval_golden_values():
    assert wilson(8, 10) == pytest.approx((0.490162, 0.943318), abs=1e-6)
    assert wilson(0, 10) == pytest.approx((0.0, 0.277533), abs=1e-6)
    assert wilson(50, 100) == pytest.approx((0.403832, 0.596168), abs=1e-6)
    assert wilson(7, 14) == pytest.approx((0.267992, 0.732008), abs=1e-6)
    assert wilson(0, 0) is None


def test_vet_ej_is_left_out_of_the_denominator():
    share = PositiveShare(positive=6, negative=2, dont_know=12)
    assert share.n == 8
    assert share.share == 75.0
    assert share.interval == (40.9, 92.9)


def test_response_rate_arithmetic_rounds_to_one_decimal():
    assert percent(7, 14) == 50.0
    assert percent(1, 3) == 33.3
    assert percent(2, 3) == 66.7
    assert percent(0, 0) is None


def test_only_keepers_in_scope_build_surveys(org, keeper):
    with pytest.raises(PermissionDenied):
        survey_create(actor=org.user("enhetschef"), unit=org.vux1, code="x", title="X", year=2026)
    with pytest.raises(ValidationError, match="rättslig grund"):
        survey_create(actor=keeper, unit=org.soc, code="p", title="P", year=2026, mode=SurveyMode.IDENTIFIED)


def test_a_survey_with_answers_cannot_change_its_questions(org, keeper):
    survey = build_survey(keeper, org.soc)
    question = survey.questions.get(code="bemotande")
    question_update(actor=keeper, question=question, text="Bemöts du väl av personalen?")  # no answers yet
    [(_, code)] = tokens_generate(actor=keeper, survey=survey, unit=org.ald1, count=1)
    token = token_for_code(survey, code)
    draft_save(token=token, answers={"samtycke": "ja"}, page=1, today=TODAY)
    with pytest.raises(ValidationError) as failure:
        question_update(actor=keeper, question=question, text="Något annat")
    assert failure.value.messages == [LOCKED]
    with pytest.raises(ValidationError, match="frågorna kan inte längre ändras"):
        question_add(actor=keeper, section=question.section, code="ny", text="Ny?", qtype=QuestionType.YES_NO)
    with pytest.raises(ValidationError, match="frågorna kan inte längre ändras"):
        section_add(actor=keeper, survey=survey, title="Nytt avsnitt")


def test_codes_are_stored_hashed_and_used_once(org, keeper):
    survey = build_survey(keeper, org.soc)
    codes = tokens_generate(actor=keeper, survey=survey, unit=org.ald1, count=3)
    assert [n for n, _ in codes] == [1, 2, 3]
    assert survey.invitations.get(unit=org.ald1).invited == 3
    for _, code in codes:
        assert not SurveyToken.objects.filter(code_hash=code).exists()
        assert not SurveyToken.objects.filter(sealed_code__contains=code).exists()
    token = token_for_code(survey, codes[0][1].lower())  # typed in lower case from the letter
    assert token is not None
    response_submit(survey=survey, answers={"samtycke": "ja", "bemotande": "4"}, today=TODAY, token=token)
    assert token_for_code(survey, codes[0][1]) is None
    with pytest.raises(ValidationError, match="redan använts"):
        response_submit(survey=survey, answers={"samtycke": "ja"}, today=TODAY, token=token)
    assert [n for n, _, _ in unanswered_codes(survey)] == [2, 3]
    assert {c for _, _, c in unanswered_codes(survey)} == {codes[1][1], codes[2][1]}


def test_an_answer_is_continued_later_with_the_same_code_until_the_survey_closes(org, keeper):
    survey = build_survey(keeper, org.soc)
    [(_, code)] = tokens_generate(actor=keeper, survey=survey, unit=org.ald1, count=1)
    draft_save(token=token_for_code(survey, code), answers={"samtycke": "ja", "kon": "kvinna"}, page=2, today=TODAY)
    assert draft_load(token_for_code(survey, code)) == ({"samtycke": "ja", "kon": "kvinna"}, 2)
    survey_close(actor=keeper, survey=survey)
    assert not TokenDraft.objects.exists()
    assert SurveyToken.objects.get().sealed_code == ""
    with pytest.raises(ValidationError, match="stängd"):
        draft_save(token=SurveyToken.objects.get(), answers={}, page=0, today=TODAY)


def test_declining_consent_ends_the_survey_and_stores_no_answers(org, keeper):
    survey = build_survey(keeper, org.soc)
    [(_, code)] = tokens_generate(actor=keeper, survey=survey, unit=org.ald1, count=1)
    response, _ = response_submit(
        survey=survey, answers={"samtycke": "nej", "bemotande": "5"}, today=TODAY, token=token_for_code(survey, code)
    )
    assert response.declined
    assert list(response.answers.values_list("question__code", flat=True)) == ["samtycke"]


def test_conditional_answers_count_only_when_the_condition_holds_and_free_text_is_guarded(org, keeper):
    survey = build_survey(keeper, org.soc, mode=SurveyMode.OPEN_LINK)
    first, removed = response_submit(
        survey=survey,
        answers={"samtycke": "ja", "trygg": "ja", "varfor": "Glömd text"},
        today=TODAY,
    )
    assert not first.answers.filter(question__code="varfor").exists()
    second, removed = response_submit(
        survey=survey,
        answers={"samtycke": "ja", "trygg": "nej", "varfor": "Min granne 19121212-1212 kommer in"},
        today=TODAY,
    )
    assert removed == 1
    assert second.answers.get(question__code="varfor").text == f"Min granne {PLACEHOLDER} kommer in"
    assert Response.objects.count() == 2 and ResponseAnswer.objects.filter(question__code="trygg").count() == 2


def test_staff_reminders_at_the_chosen_interval_reach_only_those_who_have_not_answered(org, keeper):
    from datetime import timedelta

    from tillit.surveys.reminders import collect
    from tillit.surveys.services import staff_invite, survey_update
    from tillit.testing.factories import UserFactory

    survey = build_survey(keeper, org.soc, mode=SurveyMode.IDENTIFIED)
    survey_update(actor=keeper, survey=survey, opens_on=TODAY, reminder_days=7)
    staff = [UserFactory(username=f"personal{i}") for i in range(3)]
    staff_invite(actor=keeper, survey=survey, unit=org.ald1, users=staff)
    token = SurveyToken.objects.get(survey=survey, invitee=staff[1])
    response_submit(survey=survey, answers={"samtycke": "ja"}, today=TODAY, token=token)
    assert list(collect(TODAY + timedelta(days=6))) == []
    [reminder] = collect(TODAY + timedelta(days=7))
    assert sorted(reminder.recipient_ids) == [staff[0].pk, staff[2].pk]
    assert "Brukarundersökning hemtjänst" in reminder.message and reminder.key.endswith("2026-03-17")
