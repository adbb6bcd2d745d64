"""An anonymous answer cannot be traced back to its code: no foreign key, no stored value and no
join path leads from `Response` (or its answers) to `SurveyToken`, its draft or its invitee."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import connection

from tillit.surveys.answering import response_submit, token_for_code
from tillit.surveys.models import Response, ResponseAnswer, SurveyToken, TokenDraft
from tillit.surveys.services import tokens_generate
from tillit.surveys.tests.conftest import TODAY, build_survey

pytestmark = pytest.mark.django_db

SECRET_SIDE = {SurveyToken, TokenDraft}
ANSWER_SIDE = {Response, ResponseAnswer}


def _neighbours(model):
    """Every model reachable from `model` in one step through a relation, in either direction."""
    found = set()
    for field in model._meta.get_fields():
        if field.is_relation and field.related_model is not None:
            found.add(field.related_model)
    return found


def test_no_model_relation_connects_a_response_to_its_token():
    for model in ANSWER_SIDE:
        assert not _neighbours(model) & SECRET_SIDE, model
    for model in SECRET_SIDE:
        assert not _neighbours(model) & ANSWER_SIDE, model


def test_no_join_path_through_shared_tables_other_than_survey_and_unit():
    """Paths through other tables: the only tables both sides reach are the survey, its questions and
    the unit (shared by everyone in the unit, so they do not identify a code). A breadth-first walk
    from Response that avoids those hubs never reaches a token."""
    hubs = {apps.get_model("surveys", "Survey"), apps.get_model("org", "Unit"), apps.get_model("surveys", "Question")}
    hubs |= {apps.get_model("surveys", "Section")}
    seen, queue = set(ANSWER_SIDE), list(ANSWER_SIDE)
    while queue:
        for neighbour in _neighbours(queue.pop()):
            if neighbour not in seen and neighbour not in hubs:
                seen.add(neighbour)
                queue.append(neighbour)
    assert not seen & SECRET_SIDE
    assert not seen & {apps.get_model("accounts", "User")}  # nor the invitee of a staff survey


def test_the_database_schema_has_no_foreign_key_between_the_two_sides():
    with connection.cursor() as cursor:
        for model in ANSWER_SIDE:
            # get_relations maps each column to (referenced column, referenced table)
            relations = connection.introspection.get_relations(cursor, model._meta.db_table)
            tables = {table for _, table in relations.values()}
            assert not tables & {m._meta.db_table for m in SECRET_SIDE}, model
            columns = {c.name for c in connection.introspection.get_table_description(cursor, model._meta.db_table)}
            assert not columns & {"token_id", "code_hash", "sealed_code", "invitee_id", "number", "created_at"}


def test_a_submitted_answer_keeps_no_value_of_its_code(org, keeper):
    survey = build_survey(keeper, org.soc)
    [(_, code)] = tokens_generate(actor=keeper, survey=survey, unit=org.ald1, count=1)
    token = token_for_code(survey, code)
    response, _ = response_submit(survey=survey, answers={"samtycke": "ja", "bemotande": "5"}, today=TODAY, token=token)
    token.refresh_from_db()
    assert token.answered
    stored = [str(v) for v in Response.objects.filter(pk=response.pk).values().get().values()]
    stored += [str(v) for row in ResponseAnswer.objects.filter(response=response).values() for v in row.values()]
    for secret in (token.code_hash, code, str(token.pk)):
        assert secret not in stored or secret in {str(response.pk), str(survey.pk), str(org.ald1.pk)}
    assert not TokenDraft.objects.exists()
