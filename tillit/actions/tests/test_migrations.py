"""The data migration: an action made when actions belonged to an event keeps that event as its
source (with its reference), and a completed action not followed up gets a planned follow-up."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [
    ("actions", "0003_action_source_fields"),
    ("events", "0006_alter_patientinformation_noted_in_record_and_more"),
]
AFTER = [("actions", "0005_remove_action_event")]


@pytest.mark.django_db(transaction=True)
def test_existing_actions_get_their_event_as_source(settings):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Unit, User = old.get_model("org", "Unit"), old.get_model("accounts", "User")
    Event, Action = old.get_model("events", "Event"), old.get_model("actions", "Action")
    unit = Unit.objects.create(code="U1", name="Enhet", level="enhet", path="0001", depth=1)
    owner = User.objects.create(username="agare")
    event = Event.objects.create(
        reference="AV-2025-00007",
        kind="avvikelse",
        state="utreds",
        unit=unit,
        reported_on=date(2025, 1, 2),
        reported_at=timezone.now(),
    )
    common = {"unit": unit, "owner": owner, "description": "d", "due_on": date(2025, 2, 1)}
    open_action = Action.objects.create(event=event, action_type="ny_rutin", **common)
    done = Action.objects.create(
        event=event, action_type="utbildning", status="genomford", completed_on=date(2025, 2, 1), **common
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    Action, ContentType = new.get_model("actions", "Action"), new.get_model("contenttypes", "ContentType")
    event_type = ContentType.objects.get(app_label="events", model="event")
    for pk in (open_action.pk, done.pk):
        action = Action.objects.get(pk=pk)
        assert (action.source_type_id, action.source_id) == (event_type.pk, event.pk)
        assert action.source_reference == "AV-2025-00007" and action.unit_id == unit.pk
    assert Action.objects.get(pk=open_action.pk).effect_followup_due is None
    due = date(2025, 2, 1) + timedelta(days=settings.ACTION_EFFECT_FOLLOWUP_DAYS)
    assert Action.objects.get(pk=done.pk).effect_followup_due == due

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
