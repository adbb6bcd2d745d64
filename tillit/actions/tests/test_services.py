from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tillit.actions.models import ActionEffect, ActionStatus, ActionType
from tillit.actions.services import action_create, action_follow_up, action_set_status
from tillit.audit.models import AuditEvent
from tillit.events.services import event_report

pytestmark = pytest.mark.django_db


def make_action(org, **kw):
    event = event_report(actor=org.user("medarbetare"), kind="avvikelse", unit=org.vux1, description="x").event
    defaults = {
        "actor": org.user("enhetschef"),
        "source": event,
        "action_type": ActionType.NY_RUTIN,
        "description": "Ny rutin för överlämning",
        "owner": org.user("enhetschef"),
        "due_on": date.today() + timedelta(days=30),
    }
    return action_create(**(defaults | kw))


def test_create_complete_and_follow_up(org):
    action = make_action(org)
    assert action.unit_id == org.vux1.pk
    with pytest.raises(ValidationError):
        action_follow_up(actor=org.user("enhetschef"), action=action, effect=ActionEffect.GOD, comment="x")
    action = action_set_status(actor=org.user("enhetschef"), action=action, status=ActionStatus.GENOMFORD)
    assert action.completed_on == date.today()
    action = action_follow_up(actor=org.user("enhetschef"), action=action, effect=ActionEffect.GOD, comment="Färre fel")
    assert action.effect_followup_on == date.today()
    assert AuditEvent.objects.filter(object_type="actions.action", object_id=str(action.pk)).count() == 3


def test_due_date_in_the_past_is_refused(org):
    with pytest.raises(ValidationError):
        make_action(org, due_on=date.today() - timedelta(days=1))


def test_medarbetare_cannot_create_actions(org):
    with pytest.raises(PermissionDenied):
        make_action(org, actor=org.user("medarbetare"))
