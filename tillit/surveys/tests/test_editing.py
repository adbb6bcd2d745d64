"""Editing a survey's questions and section titles on screen: only while the survey has no answers
(the service's rule, in Swedish, nothing typed lost), only by who may build surveys in the unit
(404 otherwise, nothing changed), audited once even on a double click, personnummer guarded."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tillit.audit.models import AuditEvent
from tillit.core.roles import Role
from tillit.surveys.answering import draft_save, token_for_code
from tillit.surveys.models import Question, QuestionType, Section
from tillit.surveys.services import LOCKED, question_add, question_update, section_update, tokens_generate
from tillit.surveys.tests.conftest import TODAY, build_survey
from tillit.testing.client import login

pytestmark = pytest.mark.django_db

PNR = "19121212-1212"


@pytest.fixture
def survey(org):
    return build_survey(org.user("kvalitetsutvecklare"), org.vux, open=False)


def _answer_once(org, survey):
    keeper = org.user("kvalitetsutvecklare")
    [(_, code)] = tokens_generate(actor=keeper, survey=survey, unit=org.vux1, count=1)
    draft_save(token=token_for_code(survey, code), answers={"samtycke": "ja"}, page=1, today=TODAY)


def _audits(obj) -> int:
    return AuditEvent.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk)).count()


def test_question_update_changes_the_editable_fields_and_audits_once(org, survey):
    keeper = org.user("kvalitetsutvecklare")
    question = survey.questions.get(code="varfor")
    before = _audits(question)
    fields = {"text": "Vad gör dig otrygg?  ", "help_text": "Skriv fritt", "required": True}
    question_update(actor=keeper, question=question, **fields)
    question_update(actor=keeper, question=question, **fields)  # a double click changes nothing more
    question.refresh_from_db()
    assert (question.text, question.help_text, question.required) == ("Vad gör dig otrygg?", "Skriv fritt", True)
    assert _audits(question) == before + 1


def test_question_update_is_refused_when_the_survey_has_answers(org, survey):
    keeper = org.user("kvalitetsutvecklare")
    survey.status = "oppen"
    survey.save(update_fields=["status"])
    _answer_once(org, survey)
    question = survey.questions.get(code="bemotande")
    with pytest.raises(ValidationError) as failure:
        question_update(actor=keeper, question=question, text="Något annat")
    assert failure.value.messages == [LOCKED]
    with pytest.raises(ValidationError, match="kan inte längre ändras"):
        section_update(actor=keeper, section=question.section, title="Ny rubrik")
    assert Question.objects.get(pk=question.pk).text == "Bemöts du väl?"


def test_question_and_section_update_need_the_build_permission(org, survey):
    question = survey.questions.get(code="bemotande")
    with pytest.raises(PermissionDenied):
        question_update(actor=org.user("enhetschef"), question=question, text="X")
    with pytest.raises(PermissionDenied):
        section_update(actor=org.user("enhetschef"), section=question.section, title="X")


def test_options_of_a_choice_question_are_edited(org, survey):
    keeper = org.user("kvalitetsutvecklare")
    section = survey.sections.last()
    question = question_add(
        actor=keeper,
        section=section,
        code="insats",
        text="Vilken insats?",
        qtype=QuestionType.SINGLE,
        options=[["a", "A"], ["b", "B"]],
    )
    client_options = [["a", "Hemtjänst"], ["b", "Boende"], ["c", "Dagverksamhet"]]
    question_update(actor=keeper, question=question, options=client_options)
    question.refresh_from_db()
    assert question.options == client_options
    with pytest.raises(ValidationError, match="minst två"):
        question_update(actor=keeper, question=question, options=[["a", "A"]])


def test_the_edit_page_saves_text_options_required_and_condition(client, org, survey):
    login(client, org.user("kvalitetsutvecklare"))
    question = survey.questions.get(code="varfor")
    trygg = survey.questions.get(code="trygg")
    url = reverse("surveys:question_edit", args=[question.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert f'value="{trygg.pk}:nej" selected' in page.content.decode()
    data = {"text": "Vad gör dig otrygg i hemtjänsten?", "help_text": "", "required": "on", "condition": ""}
    response = client.post(url, data)
    assert response.status_code == 302
    client.post(url, data)  # double submit: same values, no second change
    question.refresh_from_db()
    assert question.text == "Vad gör dig otrygg i hemtjänsten?"
    assert question.required and question.condition_question is None and question.condition_value == ""
    assert _audits(question) == 2  # created + one change


def test_the_edit_page_keeps_what_was_typed_when_the_survey_got_answers(client, org, survey):
    login(client, org.user("kvalitetsutvecklare"))
    survey.status = "oppen"
    survey.save(update_fields=["status"])
    _answer_once(org, survey)
    question = survey.questions.get(code="bemotande")
    response = client.post(
        reverse("surveys:question_edit", args=[question.pk]), {"text": "Min nya formulering", "condition": ""}
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "Min nya formulering" in body and "kan inte längre ändras" in body
    assert Question.objects.get(pk=question.pk).text == "Bemöts du väl?"


def test_the_edit_page_guards_personnummer(client, org, survey):
    login(client, org.user("kvalitetsutvecklare"))
    question = survey.questions.get(code="bemotande")
    response = client.post(
        reverse("surveys:question_edit", args=[question.pk]), {"text": f"Fråga om {PNR}", "condition": ""}
    )
    assert response.status_code == 422
    assert PNR in response.content.decode()  # kept, but not saved
    assert Question.objects.get(pk=question.pk).text == "Bemöts du väl?"


@pytest.mark.parametrize(
    "role",
    [Role.ENHETSCHEF, Role.MAS, Role.LEDNING, Role.NAMND, Role.MEDARBETARE, Role.UTREDARE, Role.SYSTEMADMINISTRATOR],
    ids=str,
)
def test_only_who_builds_surveys_in_the_unit_may_edit(client, org, survey, role):
    login(client, org.user(role))
    question = survey.questions.get(code="bemotande")
    section = question.section
    for url, data in [
        (reverse("surveys:question_edit", args=[question.pk]), {"text": "Ändrad", "condition": ""}),
        (reverse("surveys:section_edit", args=[section.pk]), {"title": "Ändrad"}),
    ]:
        assert client.get(url).status_code == 404
        assert client.post(url, data).status_code == 404
    assert Question.objects.get(pk=question.pk).text == "Bemöts du väl?"
    assert Section.objects.get(pk=section.pk).title == section.title


def test_the_section_title_is_edited_on_screen(client, org, survey):
    login(client, org.user("kvalitetsutvecklare"))
    section = survey.sections.get(title="Om dig")
    url = reverse("surveys:section_edit", args=[section.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"title": "Om dig som svarar", "intro": ""})
    assert response.status_code == 302
    section.refresh_from_db()
    assert section.title == "Om dig som svarar"
    detail = client.get(reverse("surveys:detail", args=[survey.pk])).content.decode()
    assert (
        "Om dig som svarar" in detail and reverse("surveys:question_edit", args=[section.questions.get().pk]) in detail
    )


def test_the_edit_pages_take_a_bounded_number_of_queries(client, org, survey, django_assert_max_num_queries):
    login(client, org.user("kvalitetsutvecklare"))
    question = survey.questions.get(code="varfor")
    for i in range(6):
        question_add(
            actor=org.user("kvalitetsutvecklare"),
            section=question.section,
            code=f"extra{i}",
            text=f"Extra {i}?",
            qtype=QuestionType.YES_NO,
        )
    with django_assert_max_num_queries(25):
        assert client.get(reverse("surveys:question_edit", args=[question.pk])).status_code == 200
    with django_assert_max_num_queries(25):
        assert client.get(reverse("surveys:section_edit", args=[question.section_id])).status_code == 200
