"""Drill: schemathesis fuzzes the served OpenAPI schema through the WSGI app, with a token.

Bounded (a fixed number of examples per operation) and deterministic (derandomized): every answer
must be below 500 and match the schema (documented status code, content type and body). Half of the
reports go to a unit the integration has, so that filing events is fuzzed too, not only refusals.
"""

from __future__ import annotations

import itertools

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tillit.integrations.services import integration_create

MAX_EXAMPLES = 40
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# Not negative_data_rejection: it reports its own header mutations (which the token header here
# overrides) and query values that are strings anyway ("false") as accepted bad input. Refusing
# invalid input is tested case by case in test_api_hardening.py.
CASES: dict[str, int] = {}
_turn = itertools.count()


@pytest.fixture(autouse=True)
def keep_the_test_connection(db):
    # As Django's test client does: a request must not close the test transaction's connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(org) -> str:
    return integration_create(actor=None, name="Fuzz", units=[org.vux], can_read=True).token


# The schema as served (it needs no database).
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_answers_every_input_below_500_and_as_documented(case, token):
    body = case.body if isinstance(case.body, dict) else None
    positive = case.meta is None or case.meta.generation.mode == GenerationMode.POSITIVE
    if positive and body is not None and isinstance(body.get("unit_code"), str) and next(_turn) % 2 == 0:
        body["unit_code"] = "VUX1"
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, checks=CHECKS)
    CASES[case.operation.label] = CASES.get(case.operation.label, 0) + 1
    print(f"fuzz cases: {sum(CASES.values())} {CASES}")
