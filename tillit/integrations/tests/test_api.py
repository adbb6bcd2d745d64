"""The REST API: token auth, unit scope, Idempotency-Key, personnummer guard, reads audited."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tillit.audit.models import AuditAction, AuditEvent
from tillit.events.models import Event
from tillit.events.services import event_report
from tillit.integrations.models import Integration
from tillit.integrations.services import integration_create, integration_revoke
from tillit.testing.client import login

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


def test_create_event_with_the_same_idempotency_key_twice_makes_one_event(client, created):
    first = post_event(client, created.token, key="abc-1")
    second = post_event(client, created.token, key="abc-1")
    assert first.status_code == 201 and second.status_code == 200
    assert first.json()["reference"] == second.json()["reference"]
    assert Event.objects.count() == 1
    event = Event.objects.get()
    assert event.channel == "api" and event.reporter == created.integration.user
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="events.event").count() == 1
    assert post_event(client, created.token, key="abc-2").status_code == 201
    assert Event.objects.count() == 2


def test_idempotency_keys_of_two_integrations_do_not_collide(client, org, created):
    other = integration_create(actor=None, name="Lifecare", units=[org.vux])
    post_event(client, created.token, key="same")
    post_event(client, other.token, key="same")
    assert Event.objects.count() == 2


def test_no_or_bad_or_revoked_token_is_401(client, created):
    assert client.post("/api/events", {}, content_type="application/json").status_code == 401
    assert post_event(client, "tlt_wrong").status_code == 401
    integration_revoke(actor=None, integration=created.integration)
    assert post_event(client, created.token).status_code == 401
    assert Event.objects.count() == 0


def test_units_outside_the_integration_are_refused(client, created):
    response = post_event(client, created.token, unit_code="ALD1")
    assert response.status_code == 404
    assert "utanför" in response.json()["detail"]
    assert Event.objects.count() == 0


def test_invalid_payload_is_422_with_nothing_created(client, created):
    assert post_event(client, created.token, kind="okand").status_code == 422
    assert post_event(client, created.token, description="").status_code == 422
    assert post_event(client, created.token, occurred_on="2999-01-01").status_code == 422
    assert post_event(client, created.token, category="finns-inte").status_code == 422
    assert Event.objects.count() == 0


def test_personnummer_is_refused_or_redacted_on_request(client, created):
    refused = post_event(client, created.token, description="Brukaren 19121212-1212 föll")
    assert refused.status_code == 422 and "personnummer" in refused.json()["detail"]
    ok = post_event(client, created.token, description="Brukaren 19121212-1212 föll", redact_personnummer=True)
    assert ok.status_code == 201
    assert "1212" not in Event.objects.get().description


def test_reading_is_scoped_audited_and_needs_read_permission(client, org, created):
    inside = event_report(actor=org.user("medarbetare"), kind="avvikelse", unit=org.vux1, description="i").event
    outside = event_report(actor=org.user("medarbetare"), kind="avvikelse", unit=org.ald1, description="u").event
    listed = client.get("/api/events", **auth(created.token)).json()
    assert [e["reference"] for e in listed] == [inside.reference]
    detail = client.get(f"/api/events/{inside.reference}", **auth(created.token))
    assert detail.status_code == 200 and detail.json()["description"] == "i"
    assert client.get(f"/api/events/{outside.reference}", **auth(created.token)).status_code == 404
    assert AuditEvent.objects.filter(
        action=AuditAction.READ, object_id=str(inside.pk), actor=created.integration.user
    ).exists()
    reporter_only = integration_create(actor=None, name="Bara rapport", units=[org.vux])
    assert client.get("/api/events", **auth(reporter_only.token)).status_code == 403


def test_units_and_categories(client, org, created):
    units = client.get("/api/units", **auth(created.token)).json()
    assert {u["code"] for u in units} == {"VUX", "VUX1", "VUX2"}
    categories = client.get("/api/categories", **auth(created.token)).json()
    assert any(c["code"] == "fall" for c in categories) or len(categories) >= 10


def test_openapi_docs_are_published(client):
    assert client.get("/api/openapi.json").status_code == 200
    assert client.get("/api/docs").status_code == 200


def test_admin_creates_shows_token_once_and_revokes(client, org):
    from tillit.testing.factories import assign

    admin = org.user("systemadministrator")
    assign(admin, "systemadministrator", org.soc)
    login(client, admin)
    url = reverse("integrations:integration_list")
    response = client.post(url, {"name": "Procapita", "units": [org.vux.pk], "can_read": "on"})
    token = response.context["token"]
    assert token.startswith("tlt_") and token in response.content.decode()
    integration = Integration.objects.get(name="Procapita")
    assert token not in integration.token_hash
    assert token not in client.get(url).content.decode(), "shown once"
    assert post_event(client, token).status_code == 201
    client.post(reverse("integrations:integration_revoke", args=[integration.pk]))
    assert post_event(client, token).status_code == 401
    login(client, org.user("enhetschef"))
    assert client.get(url).status_code == 404


def test_validation_errors_are_swedish_and_name_the_fields(client, created):
    response = post_event(client, created.token, kind="okand", description="")
    assert response.status_code == 422
    body = response.json()
    assert body["detail"].startswith("Ogiltiga eller saknade uppgifter") and set(body["fields"]) >= {"kind"}


def test_a_municipal_integration_at_the_top_never_reads_a_providers_cases(client, org):
    """The operator rule: the municipality's system (even at SOC) reads the municipality's cases, a
    provider's system its provider's; neither the other's."""
    from tillit.testing.factories import UserFactory, assign

    municipal = integration_create(actor=None, name="Kommunens system", units=[org.soc], can_read=True)
    p1_staff = UserFactory(username="p1-medarbetare", provider=org.provider1)
    assign(p1_staff, "medarbetare", org.p1a)
    provider_case = event_report(actor=p1_staff, kind="avvikelse", unit=org.p1a, description="Utförarens").event
    own = event_report(actor=org.user("medarbetare"), kind="avvikelse", unit=org.vux1, description="Kommunens").event
    listed = [e["reference"] for e in client.get("/api/events", **auth(municipal.token)).json()]
    assert listed == [own.reference]
    assert client.get(f"/api/events/{provider_case.reference}", **auth(municipal.token)).status_code == 404
    units = {u["code"] for u in client.get("/api/units", **auth(municipal.token)).json()}
    assert "P1A" not in units and "VUX1" in units
