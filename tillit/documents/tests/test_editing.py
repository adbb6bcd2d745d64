"""Editing a document's metadata and a process with its steps: guarded (out of scope answers 404),
audited, Swedish errors that keep what was typed, and a repeated submit changes nothing more."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from tillit.audit.models import AuditEvent
from tillit.documents.models import Process, ProcessActivity
from tillit.documents.services import (
    activity_add,
    activity_move,
    activity_remove,
    document_update,
    process_create,
)
from tillit.documents.tests.helpers import faststall, make_document
from tillit.documents.tests.test_revision_actions import _action
from tillit.testing.client import login

pytestmark = pytest.mark.django_db


def _meta(org, document, **changes):
    data = {
        "title": document.title,
        "doc_type": document.doc_type,
        "unit": document.unit_id,
        "applies_to": [u.pk for u in document.applies_to.all()],
        "owner": document.owner_id,
        "next_review_on": document.next_review_on.isoformat() if document.next_review_on else "",
        "legal_references": document.legal_references,
    }
    data.update(changes)
    return data


def test_the_metadata_is_edited_and_audited(client, org):
    chef = org.user("enhetschef")
    document = make_document(org, code="RUT-1")
    other = make_document(org, code="RUT-2")
    faststall(document.versions.get(), chef)
    document.refresh_from_db()
    login(client, chef)
    url = reverse("documents:document_edit", args=[document.pk])
    assert client.get(url).status_code == 200
    review = (timezone.localdate() + timedelta(days=200)).isoformat()
    data = _meta(
        org,
        document,
        title="Fallprevention i boendestöd",
        applies_to=[org.vux1.pk, org.vux2.pk],
        next_review_on=review,
        legal_references="SoL 2025:400\nSOSFS 2011:9",
        related=[other.pk],
    )
    response = client.post(url, data)
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.title == "Fallprevention i boendestöd"
    assert document.next_review_on.isoformat() == review
    assert document.legal_reference_list == ["SoL 2025:400", "SOSFS 2011:9"]
    assert set(document.applies_to.all()) == {org.vux1, org.vux2}
    assert list(document.related.all()) == [other] and list(other.related.all()) == [document]
    row = AuditEvent.objects.filter(object_type="documents.document", object_id=str(document.pk), action="change")
    assert set(row.get().detail["fields"]) == {"title", "next_review_on", "legal_references", "applies_to", "related"}
    client.post(url, data)  # the same again: nothing more is written
    assert row.count() == 1


def test_a_bad_edit_keeps_what_was_typed_in_swedish(client, org):
    chef = org.user("enhetschef")
    document = make_document(org)
    faststall(document.versions.get(), chef)
    document.refresh_from_db()
    login(client, chef)
    response = client.post(
        reverse("documents:document_edit", args=[document.pk]),
        _meta(org, document, title="Ny titel som ska finnas kvar", next_review_on="2001-01-01"),
        follow=True,
    )
    body = response.content.decode()
    assert "Ny titel som ska finnas kvar" in body and "har passerat" in body
    document.refresh_from_db()
    assert document.title != "Ny titel som ska finnas kvar"
    with pytest.raises(ValidationError, match="måste ha ett datum"):
        document_update(
            actor=chef, document=document, title="x", doc_type="rutin", unit=org.vux1, owner=chef, next_review_on=None
        )


@pytest.mark.parametrize(("role", "unit"), [("medarbetare", "vux1"), ("enhetschef", "vux2"), ("ledning", "vux1")])
def test_others_cannot_edit_a_document_or_a_process(client, org, role, unit):
    manager = org.user("kvalitetsutvecklare")
    document = make_document(org, unit=getattr(org, unit), actor=manager)
    process = process_create(actor=manager, code="P-1", name="Vuxna", unit=getattr(org, unit))
    step = activity_add(actor=manager, process=process, name="Aktualisering")
    login(client, org.user(role))
    assert client.get(reverse("documents:document_edit", args=[document.pk])).status_code == 404
    assert client.post(reverse("documents:document_edit", args=[document.pk]), {"title": "x"}).status_code == 404
    assert client.post(reverse("documents:process_edit", args=[process.pk]), {"name": "x"}).status_code == 404
    assert client.post(reverse("documents:activity_add", args=[process.pk]), {"name": "x"}).status_code == 404
    assert client.post(reverse("documents:activity_remove", args=[process.pk, step.pk])).status_code == 404
    assert process.activities.count() == 1
    with pytest.raises(PermissionDenied):
        activity_move(actor=org.user(role), activity=step, position=1)


def test_a_process_is_created_and_its_steps_added_edited_moved_and_removed(client, org):
    chef = org.user("enhetschef")
    routine = make_document(org, code="RUT-1")
    login(client, chef)
    data = {"code": "P-VUX", "name": "Socialtjänstprocessen Vuxna", "unit": org.vux1.pk, "is_core": "on"}
    first = client.post(reverse("documents:process_create"), data)
    second = client.post(reverse("documents:process_create"), data)  # a double click
    process = Process.objects.get()
    assert first.url == second.url == reverse("documents:process_detail", args=[process.pk])
    add = reverse("documents:activity_add", args=[process.pk])
    for name in ("Aktualisering", "Utredning", "Beslut"):
        client.post(add, {"name": name, "responsible": "Socialsekreterare"})
    client.post(add, {"name": "Beslut", "responsible": "Socialsekreterare"})  # a double click
    names = lambda: list(process.activities.values_list("name", flat=True))  # noqa: E731
    assert names() == ["Aktualisering", "Utredning", "Beslut"]

    beslut = process.activities.get(name="Beslut")
    edit = reverse("documents:activity_edit", args=[process.pk, beslut.pk])
    assert client.get(edit).status_code == 200
    client.post(edit, {"name": "Beslut", "samverkan_with": "Regionens beroendevård", "documents": [routine.pk]})
    beslut.refresh_from_db()
    assert beslut.samverkan_with == "Regionens beroendevård" and list(beslut.documents.all()) == [routine]

    move = reverse("documents:activity_move", args=[process.pk, beslut.pk])
    client.post(move, {"position": 1})
    client.post(move, {"position": 1})  # a double click moves it once
    assert names() == ["Beslut", "Aktualisering", "Utredning"]
    utredning = process.activities.get(name="Utredning")
    activity_move(actor=chef, activity=utredning, position=2)
    assert names() == ["Beslut", "Utredning", "Aktualisering"]
    assert list(process.activities.values_list("position", flat=True)) == [1, 2, 3]

    remove = reverse("documents:activity_remove", args=[process.pk, utredning.pk])
    client.post(remove)
    response = client.post(remove, follow=True)  # a double click
    assert "redan borttagen" in response.content.decode()
    assert names() == ["Beslut", "Aktualisering"]
    assert list(process.activities.values_list("position", flat=True)) == [1, 2]
    assert AuditEvent.objects.filter(object_type="documents.process", detail__fields=["activities"]).count() == 1
    with pytest.raises(ValidationError, match="mellan 1 och 2"):
        activity_move(actor=chef, activity=beslut, position=5)


def test_the_process_form_sets_its_covering_documents(client, org):
    chef = org.user("enhetschef")
    process = process_create(actor=chef, code="P-1", name="Vuxna", unit=org.vux1)
    first, second = make_document(org, code="RUT-1"), make_document(org, code="RUT-2")
    description = make_document(org, code="PB-1", doc_type="processbeskrivning")
    login(client, chef)
    url = reverse("documents:process_edit", args=[process.pk])
    assert client.get(url).status_code == 200
    data = {"name": "Vuxna", "unit": org.vux1.pk, "document": description.pk, "covering": [first.pk, second.pk]}
    assert client.post(url, data).status_code == 302
    assert set(process.routines.all()) == {first, second}
    data["covering"] = [second.pk]
    client.post(url, data)
    first.refresh_from_db()
    process.refresh_from_db()
    assert first.process is None and list(process.routines.all()) == [second]
    assert process.document == description
    page = client.get(reverse("documents:process_detail", args=[process.pk])).content.decode()
    assert "PB-1" in page and "Lägg till aktivitet" in page


def test_an_empty_step_name_is_refused_in_swedish(client, org):
    chef = org.user("enhetschef")
    process = process_create(actor=chef, code="P-1", name="Vuxna", unit=org.vux1)
    login(client, chef)
    response = client.post(
        reverse("documents:activity_add", args=[process.pk]), {"name": "", "responsible": "Enhetschef"}
    )
    assert response.status_code == 422
    assert "Enhetschef" in response.content.decode()
    assert not ProcessActivity.objects.exists()
    with pytest.raises(ValidationError, match="Ange aktivitetens namn"):
        activity_remove(actor=chef, activity_id=0, process=process) or activity_add(
            actor=chef, process=process, name=" "
        )


def test_moving_a_document_needs_the_right_in_the_new_unit(org):
    chef = org.user("enhetschef")
    document = make_document(org)
    with pytest.raises(ValidationError, match="flytta"):
        document_update(
            actor=chef, document=document, title=document.title, doc_type="rutin", unit=org.vux2, owner=chef,
            next_review_on=date(2099, 1, 1),
        )  # fmt: skip


def test_the_editable_process_page_and_the_document_page_have_a_query_budget(
    client, org, django_assert_max_num_queries
):
    chef = org.user("enhetschef")
    routines = [make_document(org, code=f"RUT-{i}") for i in range(3)]
    process = process_create(actor=chef, code="P", name="P", unit=org.vux1)
    activity_add(actor=chef, process=process, name="Steg 0", documents=routines)
    login(client, chef)
    url = reverse("documents:process_detail", args=[process.pk])
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    for i in range(1, 10):
        activity_add(actor=chef, process=process, name=f"Steg {i}", documents=routines)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert "Steg 9" in client.get(url).content.decode()

    document = routines[0]
    faststall(document.versions.get(), chef)
    page = reverse("documents:document_detail", args=[document.pk])
    with django_assert_max_num_queries(40) as few:
        client.get(page)
    for _ in range(5):
        _action(org, document)
    with django_assert_max_num_queries(len(few.captured_queries) + 2):
        client.get(page)
