"""An investigation cites the fastställda routines that were not followed: chosen among those that
apply in the case's unit, audited, by those who may work on the case; the routine's page shows
only how many investigations cite it."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tillit.audit.models import AuditEvent
from tillit.documents.tests.helpers import faststall, make_document
from tillit.events.routines import citation_count, event_routines_set, routine_choices
from tillit.events.services import event_report
from tillit.testing.client import login

pytestmark = pytest.mark.django_db


def new_event(org, kind="avvikelse", unit=None):
    return event_report(actor=org.user("medarbetare"), kind=kind, unit=unit or org.vux1, description="x").event


def routine(org, code, *, unit=None, doc_type="rutin", fastst=True):
    chef = org.user("kvalitetsutvecklare")
    document = make_document(org, code=code, unit=unit or org.vux1, doc_type=doc_type, actor=chef)
    if fastst:
        faststall(document.versions.get(), chef)
    return document


def test_the_choices_are_the_faststallda_routines_of_the_unit(org):
    applies = routine(org, "RUT-1")
    routine(org, "RUT-DRAFT", fastst=False)
    routine(org, "POL-1", doc_type="policy")
    routine(org, "RUT-VUX2", unit=org.vux2)
    assert list(routine_choices(new_event(org))) == [applies]


def test_routines_are_cited_on_the_case_page_audited_and_counted(client, org):
    event = new_event(org, kind="lex_sarah")
    cited = routine(org, "RUT-1")
    login(client, org.user("utredare"))
    url = reverse("events:event_detail", args=[event.pk])
    page = client.get(url).content.decode()
    assert "Rutiner som inte följts" in page and "RUT-1" in page
    response = client.post(reverse("events:cited_routines", args=[event.pk]), {"routines": [cited.pk]})
    assert response.status_code == 302
    assert list(event.cited_routines.all()) == [cited]
    row = AuditEvent.objects.get(object_type="events.event", object_id=str(event.pk), detail__fields=["cited_routines"])
    assert row.detail["cited_routines"] == [cited.pk]
    page = client.get(url).content.decode()
    assert reverse("documents:document_detail", args=[cited.pk]) in page
    assert f"{reverse('documents:document_detail', args=[cited.pk])}#h-actions" in page  # revise it
    client.post(reverse("events:cited_routines", args=[event.pk]), {"routines": [cited.pk]})  # unchanged
    assert AuditEvent.objects.filter(object_id=str(event.pk), detail__fields=["cited_routines"]).count() == 1

    assert citation_count(cited.pk) == 1
    document_url = reverse("documents:document_detail", args=[cited.pk])
    assert "Åberopad som ej följd" not in client.get(document_url).content.decode()  # not a manager
    login(client, org.user("kvalitetsutvecklare"))
    document_page = client.get(document_url).content.decode()
    assert "Åberopad som ej följd" in document_page and "i 1 utredningar" in document_page
    assert event.reference not in document_page


def test_a_routine_of_another_unit_is_refused(client, org):
    event = new_event(org)
    elsewhere = routine(org, "RUT-2", unit=org.vux2)
    with pytest.raises(ValidationError):
        event_routines_set(actor=org.user("avdelningschef"), event=event, routines=[elsewhere])
    login(client, org.user("enhetschef"))
    client.post(reverse("events:cited_routines", args=[event.pk]), {"routines": [elsewhere.pk]})
    assert not event.cited_routines.exists()


@pytest.mark.parametrize(("role", "unit"), [("medarbetare", "vux1"), ("enhetschef", "vux2"), ("ledning", "vux1")])
def test_others_cannot_cite_routines(client, org, role, unit):
    event = new_event(org, unit=getattr(org, unit))
    cited = routine(org, "RUT-1", unit=getattr(org, unit))
    login(client, org.user(role))
    response = client.post(reverse("events:cited_routines", args=[event.pk]), {"routines": [cited.pk]})
    assert response.status_code == 404 and not event.cited_routines.exists()


def test_complaints_cite_no_routines_and_the_service_checks_the_actor(org):
    cited = routine(org, "RUT-1")
    with pytest.raises(ValidationError):
        event_routines_set(actor=org.user("enhetschef"), event=new_event(org, kind="klagomal"), routines=[cited])
    with pytest.raises(PermissionDenied):
        event_routines_set(actor=org.user("medarbetare"), event=new_event(org), routines=[cited])
