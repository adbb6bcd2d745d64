"""The API answers every input below 500, never merges two keys or two bodies, and is never cached."""

from __future__ import annotations

import pytest

from tillit.events.models import Event
from tillit.integrations.models import IdempotencyKey
from tillit.integrations.services import integration_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def created(org):
    return integration_create(actor=org.user("systemadministrator"), name="Treserva", units=[org.vux], can_read=True)


def auth(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def post_event(client, token, key="", **fields):
    body = {"kind": "avvikelse", "unit_code": "VUX1", "description": "Dosetten var tom"} | fields
    headers = auth(token) | ({"HTTP_IDEMPOTENCY_KEY": key} if key else {})
    return client.post("/api/events", body, content_type="application/json", **headers)


def test_keys_differing_after_character_60_are_two_events(client, created):
    stem = "k" * 60
    assert post_event(client, created.token, key=stem + "-1").status_code == 201
    assert post_event(client, created.token, key=stem + "-2").status_code == 201
    assert Event.objects.count() == 2


def test_an_over_long_key_is_refused_in_swedish(client, created):
    assert post_event(client, created.token, key="x" * 255).status_code == 201
    response = post_event(client, created.token, key="x" * 256)
    assert response.status_code == 422 and "högst 255 tecken" in response.json()["detail"]
    assert Event.objects.count() == 1


def test_a_key_reused_with_another_body_is_409_and_a_retry_gets_the_first_event(client, created):
    first = post_event(client, created.token, key="treserva-4711", description="Dosetten var tom")
    other = post_event(client, created.token, key="treserva-4711", description="Brukaren föll i badrummet")
    assert first.status_code == 201
    assert other.status_code == 409 and "annat innehåll" in other.json()["detail"]
    # The same request again, its fields in another order and spacing: the first event, 200.
    retry = client.post(
        "/api/events",
        '{ "description": "Dosetten var tom",   "unit_code": "VUX1", "kind": "avvikelse" }',
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="treserva-4711",
        **auth(created.token),
    )
    assert retry.status_code == 200 and retry.json()["reference"] == first.json()["reference"]
    assert Event.objects.count() == 1
    assert IdempotencyKey.objects.get().request_hash


def test_keys_recorded_before_body_hashes_still_return_their_event(client, org, created):
    from django.apps import apps

    from tillit.events.services import event_report
    from tillit.integrations.migrations import __name__ as package

    legacy = event_report(
        actor=created.integration.user,
        kind="avvikelse",
        unit=org.vux1,
        description="Före uppgraderingen",
        idempotency_key=f"api:{created.integration.pk}:gammal-nyckel",
    ).event
    module = __import__(f"{package}.0002_idempotencykey", fromlist=["keep_earlier_keys"])
    module.keep_earlier_keys(apps, None)
    retry = post_event(client, created.token, key="gammal-nyckel", description="Före uppgraderingen")
    assert retry.status_code == 200 and retry.json()["reference"] == legacy.reference
    assert Event.objects.count() == 1


@pytest.mark.parametrize(
    "query",
    [
        "offset=9223372036854775808",
        "offset=99999999999999999999999999",
        "offset=-1",
        "limit=0",
        "limit=9223372036854775808",
        "reported_from=0001-01-01",
        "reported_to=9999-12-31",
        "reported_from=2025-02-30",
        "reported_to=0",
        "reported_from=20250101",
        "unit_code=%00",
        "kind=a%00b",
        "unit_code=" + "x" * 5000,
    ],
)
def test_out_of_range_query_parameters_are_4xx(client, created, query):
    response = client.get(f"/api/events?{query}", **auth(created.token))
    assert response.status_code == 422, response.content
    assert response.json()["detail"]


@pytest.mark.parametrize(
    "fields",
    [
        {"occurred_on": "0001-01-01"},
        {"occurred_on": "1899-12-31"},
        {"occurred_on": "9999-12-31"},
        {"occurred_on": "2999-01-01"},
        {"occurred_on": 0},
        {"occurred_on": "20250101"},
        {"description": "Nul\x00tecken"},
        {"description": "Halvt surrogat \ud800"},
        {"unit_code": "VUX1\x00"},
        {"category": "x" * 1000},
    ],
)
def test_impossible_bodies_are_422_in_swedish(client, created, fields):
    response = post_event(client, created.token, **fields)
    assert response.status_code == 422, response.content
    assert any(word in response.json()["detail"] for word in ("orimligt", "framtiden", "tecken", "Ogiltiga"))
    assert Event.objects.count() == 0


def test_impossible_date_message_is_swedish(client, created):
    detail = post_event(client, created.token, occurred_on="0001-01-01").json()["detail"]
    assert "orimligt" in detail and "1900" in detail


def test_odd_references_are_404(client, created):
    for reference in ("%00", "AV-2025-%00", "x" * 200, "%F0%9F%92%A9", "%ED%A0%80"):
        assert client.get(f"/api/events/{reference}", **auth(created.token)).status_code == 404


def test_unparseable_body_is_400_and_missing_token_401_in_swedish(client, created):
    bad = client.post("/api/events", "{not json", content_type="application/json", **auth(created.token))
    assert bad.status_code == 400
    missing = client.get("/api/events")
    assert missing.status_code == 401 and "token" in missing.json()["detail"]


def test_every_api_response_is_no_store(client, created):
    responses = [
        post_event(client, created.token),
        client.get("/api/events", **auth(created.token)),
        client.get("/api/events/AV-1900-00001", **auth(created.token)),
        client.get("/api/events"),
        client.get("/api/events?offset=-1", **auth(created.token)),
        client.get("/api/finns-inte", **auth(created.token)),
        client.get("/api/openapi.json"),
    ]
    for response in responses:
        assert "no-store" in response["Cache-Control"], (response.status_code, response.get("Cache-Control"))


def test_openapi_documents_error_answers_and_the_idempotency_key(client):
    schema = client.get("/api/openapi.json").json()
    post = schema["paths"]["/api/events"]["post"]
    assert {"200", "201", "400", "401", "404", "409", "422"} <= set(post["responses"])
    assert any(p["name"] == "Idempotency-Key" and p["in"] == "header" for p in post["parameters"])
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert {"400", "401", "422"} <= set(operation["responses"]), (method, path)
    offset = next(p for p in schema["paths"]["/api/events"]["get"]["parameters"] if p["name"] == "offset")
    assert offset["schema"]["maximum"] == 1_000_000
