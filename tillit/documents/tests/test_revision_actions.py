"""Åtgärder on a styrande dokument: a "reviderad rutin" åtgärd is added on the document's page and
completed when the document's next version is fastställd; other åtgärder stay open."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tillit.actions.models import Action, ActionStatus, ActionType
from tillit.actions.services import action_create
from tillit.documents.services import version_create
from tillit.documents.tests.helpers import faststall, make_document
from tillit.testing.client import login

pytestmark = pytest.mark.django_db


def _action(org, document, action_type=ActionType.REVIDERAD_RUTIN):
    chef = org.user("enhetschef")
    return action_create(
        actor=chef,
        source=document,
        action_type=action_type,
        description="Rutinen följdes inte; förtydliga ansvaret.",
        owner=chef,
        due_on=timezone.localdate() + timedelta(days=30),
    )


def test_a_new_faststalld_version_completes_the_revision_actions(org):
    chef = org.user("enhetschef")
    document = make_document(org)
    faststall(document.versions.get(), chef)
    revise = _action(org, document)
    training = _action(org, document, ActionType.UTBILDNING)
    assert revise.source_reference == document.code and revise.unit_id == document.unit_id

    version = version_create(actor=chef, document=document, change_summary="Ansvaret förtydligat")
    revise.refresh_from_db()
    assert revise.status == ActionStatus.PLANERAD  # a draft does not complete it
    faststall(version, chef)

    revise.refresh_from_db()
    training.refresh_from_db()
    assert revise.status == ActionStatus.GENOMFORD and revise.completed_on == timezone.localdate()
    assert training.status == ActionStatus.PLANERAD


def test_the_document_page_adds_a_revision_action(client, org):
    chef = org.user("enhetschef")
    document = make_document(org)
    faststall(document.versions.get(), chef)
    login(client, chef)
    page = client.get(reverse("documents:document_detail", args=[document.pk])).content.decode()
    assert "Lägg till åtgärd" in page
    assert 'value="reviderad_rutin" selected' in page
    response = client.post(
        reverse("actions:action_add", args=["documents.document", document.pk]),
        {
            "action_type": "reviderad_rutin",
            "description": "Revidera efter lex Sarah-utredningen",
            "owner": chef.pk,
            "due_on": (timezone.localdate() + timedelta(days=10)).isoformat(),
        },
    )
    assert response.status_code == 302
    action = Action.objects.get()
    assert action.source == document
    page = client.get(reverse("documents:document_detail", args=[document.pk])).content.decode()
    assert "Revidera efter lex Sarah-utredningen" in page


def test_staff_see_the_actions_but_cannot_add(client, org):
    chef = org.user("enhetschef")
    document = make_document(org)
    faststall(document.versions.get(), chef)
    _action(org, document)
    login(client, org.user("medarbetare"))
    page = client.get(reverse("documents:document_detail", args=[document.pk])).content.decode()
    assert "Rutinen följdes inte" in page and "Lägg till åtgärd" not in page
    response = client.post(
        reverse("actions:action_add", args=["documents.document", document.pk]),
        {"action_type": "reviderad_rutin", "description": "x", "owner": chef.pk, "due_on": "2099-01-01"},
    )
    assert response.status_code == 404
    assert Action.objects.count() == 1
