"""The gallring page: rules, and legal holds placed (reason required) and released, within scope."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tillit.audit.models import AuditAction, AuditEvent
from tillit.core.roles import Role
from tillit.events.services import event_report
from tillit.retention.models import LegalHold
from tillit.retention.services import legal_hold_place
from tillit.testing.client import login

pytestmark = pytest.mark.django_db


def case(org, unit=None):
    return event_report(actor=org.user("medarbetare"), kind="avvikelse", unit=unit or org.vux1, description="x").event


def test_kvalitetsutvecklare_places_and_releases_a_hold_with_a_reason(org):
    event = case(org)
    client = login(Client(), org.user("kvalitetsutvecklare"))
    page = client.get(reverse("retention:overview"))
    assert page.status_code == 200 and "5 år efter sista aktivitet" in page.content.decode()
    url = reverse("retention:hold_place")
    response = client.post(url, {"reference": event.reference, "reason": ""})
    assert response.status_code == 422 and not LegalHold.objects.exists()  # the reason is required
    response = client.post(url, {"reference": event.reference.lower(), "reason": "Begäran från IVO"})
    assert response.status_code == 302
    hold = LegalHold.objects.get(event=event, released_at__isnull=True)
    assert hold.reason == "Begäran från IVO" and hold.placed_by == org.user("kvalitetsutvecklare")
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, object_type="retention.legalhold").exists()
    assert "Begäran från IVO" in client.get(reverse("retention:overview")).content.decode()
    assert client.post(url, {"reference": event.reference, "reason": "Igen"}).status_code == 422  # one at a time
    assert client.post(reverse("retention:hold_release", args=[hold.pk])).status_code == 302
    hold.refresh_from_db()
    assert hold.released_at is not None and hold.released_by == org.user("kvalitetsutvecklare")
    assert AuditEvent.objects.filter(action=AuditAction.READ, object_type="retention.legalhold").exists()


def test_cases_and_holds_outside_the_scope_are_404(org):
    outside = case(org, org.ald1)  # the kvalitetsutvecklare sits at VUX
    hold = legal_hold_place(actor=org.user("kvalitetsutvecklare"), event=outside, reason="x")
    client = login(Client(), org.user("kvalitetsutvecklare"))
    assert outside.reference not in client.get(reverse("retention:overview")).content.decode()
    response = client.post(reverse("retention:hold_place"), {"reference": "AVV-1999-0001", "reason": "x"})
    assert response.status_code == 422
    assert client.post(reverse("retention:hold_release", args=[hold.pk])).status_code == 404
    hold.refresh_from_db()
    assert hold.released_at is None
    assert AuditEvent.objects.filter(action=AuditAction.PERMISSION_DENIED).exists()


@pytest.mark.parametrize("role", list(Role), ids=str)
def test_only_declared_roles_reach_the_page(org, role):
    event = case(org)
    hold = legal_hold_place(actor=org.user("kvalitetsutvecklare"), event=event, reason="x")
    client = login(Client(), org.user(role))
    may = role in (Role.KVALITETSUTVECKLARE, Role.SYSTEMADMINISTRATOR)
    assert client.get(reverse("retention:overview")).status_code == (200 if may else 404)
    if not may:
        assert client.post(reverse("retention:hold_release", args=[hold.pk])).status_code == 404
        response = client.post(reverse("retention:hold_place"), {"reference": event.reference, "reason": "x"})
        assert response.status_code == 404
        hold.refresh_from_db()
        assert hold.released_at is None
