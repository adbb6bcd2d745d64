"""A document's versions move through the declared workflow; a new version is drafted and sent on
remiss while the current one stays valid, and fastställa it replaces the old one."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tillit.documents.models import DocumentVersion
from tillit.documents.services import document_create, version_create, version_transition
from tillit.documents.tests.helpers import faststall, make_document
from tillit.workflow.declaration import workflow
from tillit.workflow.services import TransitionError

pytestmark = pytest.mark.django_db


def test_the_workflow_is_declared_as_data():
    wf = workflow("styrande_dokument")
    assert wf.initial == "utkast"
    assert wf.transition("faststall").target == "faststalld"
    assert wf.final_states() == {"ersatt", "upphavd"}


def test_utkast_to_remiss_to_faststalld(org):
    chef = org.user("enhetschef")
    document = make_document(org)
    version = document.versions.get()
    assert (document.status, version.state) == ("utkast", "utkast")
    version_transition(actor=chef, version=version, code="skicka_pa_remiss")
    document.refresh_from_db()
    assert document.status == "granskning"
    version.refresh_from_db()
    version_transition(
        actor=chef,
        version=version,
        code="faststall",
        approved_by="SN § 88",
        valid_from=date(2026, 1, 1),
        next_review_on=date(2027, 1, 1),
    )
    version.refresh_from_db()
    document.refresh_from_db()
    assert document.status == "faststalld"
    assert document.current_version_id == version.pk
    assert document.next_review_on == date(2027, 1, 1)
    assert version.approved_by == "SN § 88" and version.approved_on is not None
    assert [t.code for t in version.transitions.all()] == ["skapad", "skicka_pa_remiss", "faststall"]


def test_faststall_requires_who_when_and_next_review(org):
    chef = org.user("enhetschef")
    version = make_document(org).versions.get()
    version_transition(actor=chef, version=version, code="skicka_pa_remiss")
    with pytest.raises(TransitionError) as exc:
        version_transition(actor=chef, version=version, code="faststall")
    assert any("fastställer" in m for m in exc.value.messages)
    version.refresh_from_db()
    assert version.state == "granskning"


def test_an_empty_version_cannot_go_on_remiss(org):
    version = make_document(org, text="").versions.get()
    with pytest.raises(TransitionError):
        version_transition(actor=org.user("enhetschef"), version=version, code="skicka_pa_remiss")


def test_a_new_version_leaves_the_current_valid_until_it_is_faststalld(org):
    chef = org.user("enhetschef")
    document = make_document(org)
    first = faststall(document.versions.get(), chef)
    second = version_create(actor=chef, document=document, change_summary="Nya kontaktvägar")
    assert second.number == 2 and second.text == first.text
    version_transition(actor=chef, version=second, code="skicka_pa_remiss")
    document.refresh_from_db()
    first.refresh_from_db()
    # While the new version is on remiss the old one is still the valid one.
    assert (document.status, document.current_version_id, first.state) == ("faststalld", first.pk, "faststalld")
    with pytest.raises(ValidationError):
        version_create(actor=chef, document=document)  # one version under work at a time
    second.refresh_from_db()
    version_transition(
        actor=chef,
        version=second,
        code="faststall",
        approved_by="Enhetschef",
        valid_from=date(2026, 6, 1),
        next_review_on=date(2027, 6, 1),
    )
    document.refresh_from_db()
    first.refresh_from_db()
    second.refresh_from_db()
    assert document.current_version_id == second.pk
    assert first.state == "ersatt" and second.is_revision and not first.is_revision
    assert document.next_review_on == date(2027, 6, 1)


def test_upphav_ends_the_document(org):
    chef = org.user("enhetschef")
    document = make_document(org)
    version = faststall(document.versions.get(), chef)
    version_transition(actor=chef, version=version, code="upphav")
    document.refresh_from_db()
    assert document.status == "upphavd" and document.next_review_on is None
    with pytest.raises(ValidationError):
        version_create(actor=chef, document=document)


def test_only_managers_of_the_owning_unit_make_steps(org):
    version = make_document(org).versions.get()
    for role in ("medarbetare", "utredare"):
        with pytest.raises(PermissionDenied):
            version_transition(actor=org.user(role), version=version, code="skicka_pa_remiss")
    other = document_create(
        actor=None, code="RUT-ALD", title="Rutin", doc_type="rutin", unit=org.ald1, owner=org.user("mas"), text="x"
    )
    with pytest.raises(PermissionDenied):  # enhetschef of VUX1: ALD1 is outside their scope
        version_transition(actor=org.user("enhetschef"), version=other.versions.get(), code="skicka_pa_remiss")
    assert DocumentVersion.objects.filter(state="granskning").count() == 0


def test_creating_outside_the_scope_is_refused(org):
    with pytest.raises(PermissionDenied):
        make_document(org, unit=org.ald1, actor=org.user("enhetschef"))
    with pytest.raises(ValidationError):
        make_document(org, code="X")
        make_document(org, code="X")
