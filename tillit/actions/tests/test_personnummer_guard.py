"""Åtgärder and the personnummer guard: the description and the effect comment ask before saving."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from tillit.actions.models import Action
from tillit.actions.services import action_create, action_set_status
from tillit.actions.tests.test_sources import form_data, new_event
from tillit.core.privacy import PLACEHOLDER
from tillit.testing.client import login

pytestmark = pytest.mark.django_db
PNR = "121212-1212"


def test_action_description_is_guarded_and_what_was_typed_is_kept(client, org):
    chef = org.user("enhetschef")
    event = new_event(org)
    login(client, chef)
    url = reverse("actions:action_add", args=["events.event", event.pk])
    data = form_data(chef, description=f"Genomgång med brukaren {PNR}")
    response = client.post(url, data)
    assert response.status_code == 422 and not Action.objects.exists()
    body = response.content.decode()
    assert "Personnummer i texten" in body and PNR in body
    client.post(url, data | {"pnr_choice": "replace"})
    assert Action.objects.get().description == f"Genomgång med brukaren {PLACEHOLDER}"


def test_effect_comment_is_guarded(client, org):
    chef = org.user("enhetschef")
    event = new_event(org)
    action = action_create(
        actor=chef,
        source=event,
        action_type="utbildning",
        description="Utbildning",
        owner=chef,
        due_on=date.today() + timedelta(days=14),
    )
    action_set_status(actor=chef, action=action, status="genomford")
    login(client, chef)
    url = reverse("actions:action_followup", args=[action.pk])
    response = client.post(url, {"effect": "god", "comment": f"Brukaren {PNR} nöjd"})
    action.refresh_from_db()
    assert response.status_code == 422 and not action.effect_comment
    assert "Personnummer i texten" in response.content.decode()
    client.post(url, {"effect": "god", "comment": f"Brukaren {PNR} nöjd", "pnr_choice": "replace"})
    action.refresh_from_db()
    assert action.effect_comment == f"Brukaren {PLACEHOLDER} nöjd"
