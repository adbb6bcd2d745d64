"""What a provider shares with the purchasing municipality is set per provider (contract terms with
defaults from common contract terms), by the municipality, audited; never by the provider itself."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tillit.audit.models import AuditEvent
from tillit.core.roles import Role
from tillit.testing.client import login
from tillit.testing.factories import UserFactory, assign

pytestmark = pytest.mark.django_db


def test_defaults_follow_common_contract_terms(org):
    p = org.provider1
    assert (p.share_lex_sarah_reports, p.share_lex_sarah_investigations, p.share_ivo_notifications) == (True,) * 3
    assert p.submission_days == 14


def test_the_municipalitys_follow_up_sets_the_terms_and_the_provider_cannot(client, org):
    follow_up = UserFactory(username="kommun-kvalitet")
    assign(follow_up, Role.KVALITETSUTVECKLARE, org.soc)
    url = reverse("org:provider_terms", args=[org.provider1.pk])
    login(client, follow_up)
    assert client.get(url).status_code == 200
    response = client.post(url, {"share_lex_sarah_reports": "on", "submission_days": "30"})
    assert response.status_code == 302
    org.provider1.refresh_from_db()
    assert org.provider1.submission_days == 30 and not org.provider1.share_lex_sarah_investigations
    assert AuditEvent.objects.filter(object_type="org.provider", action="change").exists()

    provider_chef = UserFactory(username="p1-kvalitet", provider=org.provider1)
    assign(provider_chef, Role.KVALITETSUTVECKLARE, org.p1a)
    login(client, provider_chef)
    assert client.post(url, {"submission_days": "365"}).status_code == 404
    org.provider1.refresh_from_db()
    assert org.provider1.submission_days == 30
