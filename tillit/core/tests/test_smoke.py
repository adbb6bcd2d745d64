import pytest
from django.urls import reverse

from tillit.audit.models import AuditEvent
from tillit.org.access import scope_unit_ids


@pytest.mark.django_db
def test_scope_follows_the_tree_and_provider(org):
    chef = org.user("avdelningschef")
    ids = scope_unit_ids(chef, "unit.view")
    assert {org.vux.pk, org.vux1.pk, org.vux2.pk} == set(ids)
    provider_contact = org.user("utforarkontakt")
    assert scope_unit_ids(provider_contact, "unit.view") == {org.p1a.pk}


@pytest.mark.django_db
def test_start_page_for_medarbetare(client, org):
    client.force_login(org.user("medarbetare"))
    response = client.get(reverse("home:start"))
    assert response.status_code == 200
    assert "Medarbetare" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert AuditEvent.objects.filter(action="login").exists()


@pytest.mark.django_db
def test_start_page_says_what_is_waiting(client, org):
    from tillit.events.services import event_report
    from tillit.testing.client import login

    event_report(actor=org.user("medarbetare"), kind="avvikelse", unit=org.vux1, description="x")
    response = login(client, org.user("enhetschef")).get(reverse("home:start"))
    assert "1 ärende väntar på dig" in response.content.decode()
