"""The document and process pages: search, scope (out of scope answers 404), the workflow through
the forms, files kept in the database, the page per unit, the process map, and query budgets."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tillit.documents.models import Document
from tillit.documents.services import activity_add, document_create, process_create, read_receipts_request
from tillit.documents.tests.helpers import faststall, make_document
from tillit.testing.client import login

pytestmark = pytest.mark.django_db


def system_document(org, code="RUT-ALD", unit=None):
    """A document made by an import (no actor), in a unit no named manager holds."""
    return document_create(
        actor=None, code=code, title="Hemtjänstens nycklar", doc_type="rutin", unit=unit or org.ald1,
        owner=org.user("mas"), text="Nycklar kvitteras.",
    )  # fmt: skip


def test_list_searches_titles_and_current_text(client, org):
    chef = org.user("enhetschef")
    faststall(
        make_document(org, code="RUT-1", title="Fallprevention", text="Riskbedömning vid inflyttning").versions.get(),
        chef,
    )
    make_document(org, code="RUT-2", title="Läkemedel", text="Signeringslista")
    login(client, org.user("medarbetare"))
    url = reverse("documents:document_list")
    assert "Fallprevention" in client.get(url, {"q": "inflyttning"}).content.decode()
    body = client.get(url, {"q": "Läkemedel"}).content.decode()
    assert "Läkemedel" in body and "Fallprevention" not in body
    assert "RUT-1" in client.get(url, {"status": "faststalld"}).content.decode()


def test_scope_out_of_scope_answers_404(client, org):
    other = system_document(org)
    mine = system_document(org, code="RUT-SOC", unit=org.soc)
    login(client, org.user("medarbetare"))  # VUX1
    assert client.get(reverse("documents:document_detail", args=[other.pk])).status_code == 404
    # A document of the förvaltning applies in every unit under it.
    assert client.get(reverse("documents:document_detail", args=[mine.pk])).status_code == 200
    body = client.get(reverse("documents:document_list")).content.decode()
    assert "RUT-SOC" in body and "RUT-ALD" not in body
    assert client.get(reverse("documents:unit_documents", args=[org.ald1.pk])).status_code == 404
    assert client.get(reverse("documents:document_create")).status_code == 404  # no document.manage


@pytest.mark.parametrize("role", ["namnd", "ledning"])
def test_aggregate_roles_see_no_documents(client, org, role):
    document = make_document(org)
    login(client, org.user(role))
    assert client.get(reverse("documents:document_list")).status_code == 404
    assert client.get(reverse("documents:document_detail", args=[document.pk])).status_code == 404
    assert client.get(reverse("documents:process_map")).status_code == 404


def test_create_send_faststall_and_ask_through_the_pages(client, org):
    login(client, org.user("enhetschef"))
    response = client.post(
        reverse("documents:document_create"),
        {
            "code": "RUT-NY",
            "title": "Rutin för nyckelhantering",
            "doc_type": "rutin",
            "unit": org.vux1.pk,
            "owner": org.user("enhetschef").pk,
            "text": "Nycklar kvitteras i nyckelboken.",
            "upload": SimpleUploadedFile("rutin.pdf", b"%PDF-1.4 test", content_type="application/pdf"),
        },
    )
    document = Document.objects.get(code="RUT-NY")
    assert response.status_code == 302
    version = document.versions.get()
    assert bytes(version.data) == b"%PDF-1.4 test"
    file = client.get(reverse("documents:version_file", args=[version.pk]))
    assert file.status_code == 200 and file.content == b"%PDF-1.4 test"
    client.post(reverse("documents:version_edit", args=[version.pk]), {"text": "Ny text", "change_summary": ""})
    step = reverse("documents:version_step", args=[version.pk])
    client.post(step, {"code": "skicka_pa_remiss"})
    page = client.get(reverse("documents:document_detail", args=[document.pk])).content.decode()
    assert "Fastställ" in page
    client.post(step, {"code": "faststall"})  # missing fields: nothing happens, the user is told
    document.refresh_from_db()
    assert document.status == "granskning"
    client.post(
        step,
        {"code": "faststall", "approved_by": "SN § 88", "valid_from": "2026-01-01", "next_review_on": "2027-01-01"},
    )
    document.refresh_from_db()
    assert document.status == "faststalld"
    client.post(reverse("documents:receipts_request", args=[version.pk]))
    assert version.read_receipts.count() == 2  # the staff of VUX1
    client.post(reverse("documents:version_new", args=[document.pk]))
    assert document.versions.count() == 2


def test_the_unit_page_lists_what_applies_there(client, org):
    chef = org.user("enhetschef")
    faststall(make_document(org, code="RUT-VUX", unit=org.vux1).versions.get(), chef)
    make_document(org, code="RUT-UTKAST")
    login(client, org.user("medarbetare"))
    body = client.get(reverse("documents:unit_documents", args=[org.vux1.pk])).content.decode()
    assert "RUT-VUX" in body and "RUT-UTKAST" not in body


def test_process_map_is_server_side_svg_from_the_data(client, org):
    chef = org.user("enhetschef")
    routine = make_document(org, code="RUT-AKT")
    process = process_create(actor=chef, code="P-VUX", name="Socialtjänstprocessen Vuxna", unit=org.vux1)
    activity_add(actor=chef, process=process, name="Aktualisera", documents=[routine])
    activity_add(actor=chef, process=process, name="Utreda <och> bedöma", samverkan_with="Region")
    login(client, org.user("medarbetare"))
    body = client.get(reverse("documents:process_map")).content.decode()
    assert "<svg" in body and "Processkarta: Socialtjänstprocessen Vuxna" in body
    assert "Utreda &lt;och&gt; bedöma" in body and "med Region" in body
    detail = client.get(reverse("documents:process_detail", args=[process.pk])).content.decode()
    assert "RUT-AKT" in detail and "Rutin saknas" in detail
    login(client, org.user("utforarkontakt"))  # P1A: the VUX1 process is outside the scope
    assert client.get(reverse("documents:process_detail", args=[process.pk])).status_code == 404


def test_list_pages_have_a_query_budget(client, org, django_assert_max_num_queries):
    chef = org.user("enhetschef")
    for i in range(3):
        faststall(make_document(org, code=f"RUT-{i}").versions.get(), chef)
    login(client, org.user("medarbetare"))
    with django_assert_max_num_queries(14) as few:
        client.get(reverse("documents:document_list"))
    for i in range(3, 15):
        faststall(make_document(org, code=f"RUT-{i}").versions.get(), chef)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("documents:document_list"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("documents:unit_documents", args=[org.vux1.pk]))
    process = process_create(actor=chef, code="P", name="P", unit=org.vux1)
    for i in range(5):
        activity_add(actor=chef, process=process, name=f"Steg {i}", documents=Document.objects.all()[:3])
    with django_assert_max_num_queries(len(few.captured_queries) + 2):
        client.get(reverse("documents:process_map"))


def test_the_owner_sees_who_has_and_has_not_read(client, org):
    chef = org.user("enhetschef")
    document = make_document(org)
    version = faststall(document.versions.get(), chef)
    read_receipts_request(actor=chef, version=version)
    login(client, chef)
    body = client.get(reverse("documents:document_detail", args=[document.pk])).content.decode()
    assert "0 av 2 har kvitterat" in body and "Inte än" in body
