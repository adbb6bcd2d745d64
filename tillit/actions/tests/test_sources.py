"""Actions on any registered source: the event's page, a throwaway second source (an org unit),
"Mina uppgifter" in one query, who may add or change an action, and the effect follow-up reminder."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tillit.accounts.models import User
from tillit.actions.models import Action, ActionEffect, ActionStatus
from tillit.actions.selectors import open_actions_for
from tillit.actions.services import action_create, action_follow_up, action_set_status
from tillit.actions.sources import ActionSource, _sources, register_action_source
from tillit.events.models import Event
from tillit.events.services import event_report, event_transition
from tillit.inbox.models import Notification
from tillit.inbox.services import reminders_send
from tillit.org.access import visible
from tillit.org.models import Unit
from tillit.testing.client import login

pytestmark = pytest.mark.django_db


def new_event(org, unit=None) -> Event:
    return event_report(actor=org.user("medarbetare"), kind="avvikelse", unit=unit or org.vux1, description="x").event


def form_data(owner, **kw) -> dict:
    data = {
        "action_type": "utbildning",
        "description": "Utbildning i dokumentation",
        "owner": owner.pk,
        "due_on": (date.today() + timedelta(days=14)).isoformat(),
        "effect_followup_due": "",
    }
    return data | kw


@pytest.fixture
def unit_source():
    """A second kind of source, registered the way a risk or egenkontroll app would."""
    source = ActionSource(
        model=Unit,
        reference=lambda unit: unit.code,
        url=lambda pk: reverse("org:unit_detail", args=[pk]),
        may_manage=lambda actor, unit: actor.is_superuser,
        visible=lambda user: visible(user, "unit.view", Unit.objects.all(), unit_field="self"),
        owners=lambda unit: User.objects.filter(is_active=True),
    )
    register_action_source(source)
    yield source
    _sources.pop(source.key, None)


def test_existing_reports_still_count_actions_per_event(org):
    chef = org.user("enhetschef")
    event = new_event(org)
    action = action_create(
        actor=chef, source=event, action_type="ny_rutin", description="d", owner=chef, due_on=date.today()
    )
    assert action.source == event and action.source_reference == event.reference and action.unit_id == org.vux1.pk
    assert list(Action.objects.filter(event__in=Event.objects.all())) == [action]
    assert list(event.actions.all()) == [action]


@pytest.mark.parametrize(
    ("role", "where", "status"),
    [
        ("enhetschef", "own", 302),
        ("medarbetare", "own", 404),  # may read the case they reported, not act on it
        ("enhetschef", "sibling", 404),  # outside the scope
        ("ledning", "own", 404),  # aggregates only
    ],
)
def test_who_may_add_an_action_on_an_events_page(client, org, role, where, status):
    event = new_event(org, org.vux1 if where == "own" else org.vux2)
    login(client, org.user(role))
    response = client.post(
        reverse("actions:action_add", args=["events.event", event.pk]), form_data(org.user("enhetschef"))
    )
    assert response.status_code == status
    assert Action.objects.count() == (1 if status == 302 else 0)


def test_the_events_page_shows_the_add_form_only_to_those_who_may_manage(client, org):
    event = new_event(org)
    page = login(client, org.user("enhetschef")).get(reverse("events:event_detail", args=[event.pk]))
    assert "Lägg till åtgärd" in page.content.decode()
    client.logout()
    page = login(client, org.user("medarbetare")).get(reverse("events:event_detail", args=[event.pk]))
    assert page.status_code == 200 and "Lägg till åtgärd" not in page.content.decode()


def test_unknown_source_kind_is_404(client, org):
    login(client, org.user("enhetschef"))
    response = client.post(
        reverse("actions:action_add", args=["org.unit", org.vux1.pk]), form_data(org.user("enhetschef"))
    )
    assert response.status_code == 404


def test_bad_input_is_shown_again_with_what_was_typed(client, org):
    event = new_event(org)
    login(client, org.user("enhetschef"))
    data = form_data(org.user("enhetschef"), due_on=(date.today() - timedelta(days=1)).isoformat())
    response = client.post(reverse("actions:action_add", args=["events.event", event.pk]), data)
    assert response.status_code == 422
    assert "Utbildning i dokumentation" in response.content.decode() and not Action.objects.exists()


def test_a_closed_case_takes_no_new_actions_but_its_actions_are_still_followed_up(org):
    chef = org.user("enhetschef")
    event = new_event(org)
    action = action_create(
        actor=chef, source=event, action_type="ny_rutin", description="d", owner=chef, due_on=date.today()
    )
    event_transition(actor=chef, event=event, code="motta", responsible=chef)
    event_transition(
        actor=chef, event=event, code="avsluta_utan_utredning", closure_reason="ej_brist", conclusion="Ingen brist"
    )
    event.refresh_from_db()
    assert event.closed_on
    with pytest.raises(ValidationError):
        action_create(
            actor=chef, source=event, action_type="ny_rutin", description="d", owner=chef, due_on=date.today()
        )
    action_set_status(actor=chef, action=action, status=ActionStatus.GENOMFORD)
    action_follow_up(actor=chef, action=action, effect=ActionEffect.GOD, comment="")


def test_the_owner_may_change_their_action_without_access_to_the_case_work(client, org, unit_source):
    medarbetare = org.user("medarbetare")
    action = Action.objects.create(
        source_type=ContentType.objects.get_for_model(Unit),
        source_id=org.vux1.pk,
        source_reference="VUX1",
        unit=org.vux1,
        action_type="utbildning",
        description="d",
        owner=medarbetare,
        due_on=date.today(),
    )
    login(client, medarbetare)
    response = client.post(reverse("actions:action_status", args=[action.pk]), {"status": "pagaende"})
    assert response.status_code == 302 and response["Location"] == reverse("org:unit_detail", args=[org.vux1.pk])
    action.refresh_from_db()
    assert action.status == "pagaende"
    client.logout()
    login(client, org.user("enhetschef"))  # neither owner nor allowed by the unit source
    assert client.post(reverse("actions:action_status", args=[action.pk]), {"status": "struken"}).status_code == 404
    action.refresh_from_db()
    assert action.status == "pagaende"


def test_my_tasks_lists_actions_from_every_source_in_one_query(client, org, unit_source):
    chef = org.user("enhetschef")
    for _ in range(3):
        action_create(
            actor=chef, source=new_event(org), action_type="ny_rutin", description="d", owner=chef, due_on=date.today()
        )
    on_unit = Action.objects.create(
        source_type=ContentType.objects.get_for_model(Unit),
        source_id=org.vux1.pk,
        source_reference="VUX1",
        unit=org.vux1,
        action_type="teknik",
        description="Larm",
        owner=chef,
        due_on=date.today() + timedelta(days=3),
    )
    with CaptureQueriesContext(connection) as queries:
        rows = [(a.source_reference, a.source_url, a.get_action_type_display()) for a in open_actions_for(chef)]
    assert len(queries) == 1
    assert ("VUX1", reverse("org:unit_detail", args=[org.vux1.pk]), "Teknik/utrustning") in rows
    assert len(rows) == 4
    page = login(client, chef).get(reverse("events:my_tasks")).content.decode()
    assert reverse("org:unit_detail", args=[on_unit.source_id]) in page and "Ny rutin" in page


def test_completing_plans_the_effect_follow_up_and_its_reminder_comes_once(org, settings):
    settings.ACTION_EFFECT_FOLLOWUP_DAYS = 60
    chef = org.user("enhetschef")
    with time_machine.travel("2026-03-02 09:00 +0100", tick=False):
        event = new_event(org)
        action = action_create(
            actor=chef,
            source=event,
            action_type="ny_rutin",
            description="Hemlig detalj",
            owner=chef,
            due_on=date(2026, 3, 20),
        )
        assert action.effect_followup_due is None
    with time_machine.travel("2026-03-10 09:00 +0100", tick=False):
        action = action_set_status(actor=chef, action=action, status=ActionStatus.GENOMFORD)
    assert action.effect_followup_due == date(2026, 5, 9)
    key = f"action:{action.pk}:effekt:20260509"
    with time_machine.travel("2026-05-08 09:00 +0100", tick=False):
        reminders_send()
    assert not Notification.objects.filter(key=key).exists()
    with time_machine.travel("2026-05-09 09:00 +0100", tick=False):
        reminders_send()
        reminders_send()
    note = Notification.objects.get(key=key)
    assert note.recipient == chef and event.reference in note.message and "Hemlig" not in note.message
    assert note.url == reverse("events:event_detail", args=[event.pk])
    with time_machine.travel("2026-05-10 09:00 +0100", tick=False):
        action_follow_up(actor=chef, action=action, effect=ActionEffect.GOD, comment="")
        before = Notification.objects.count()
        reminders_send()
    assert not Notification.objects.filter(key__contains=":effekt:").exclude(key=key).exists()
    assert Notification.objects.count() == before


def test_the_planned_follow_up_is_editable_and_a_set_date_is_kept(client, org):
    chef = org.user("enhetschef")
    event = new_event(org)
    login(client, chef)
    planned = (date.today() + timedelta(days=200)).isoformat()
    client.post(
        reverse("actions:action_add", args=["events.event", event.pk]), form_data(chef, effect_followup_due=planned)
    )
    action = Action.objects.get()
    assert action.effect_followup_due.isoformat() == planned
    client.post(reverse("actions:action_status", args=[action.pk]), {"status": "genomford"})
    action.refresh_from_db()
    assert action.effect_followup_due.isoformat() == planned  # a planned date is not overwritten
    later = (date.today() + timedelta(days=10)).isoformat()
    client.post(reverse("actions:action_plan", args=[action.pk]), {"due": later})
    action.refresh_from_db()
    assert action.effect_followup_due.isoformat() == later
