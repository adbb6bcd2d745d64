from datetime import date, timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from tillit.actions.services import action_create
from tillit.events.services import event_mark_severe, event_report
from tillit.inbox.models import Notification
from tillit.inbox.services import reminders_send
from tillit.inbox.tasks import send_reminders

pytestmark = pytest.mark.django_db


def test_overdue_receipt_reminds_the_unit_manager_once(org):
    with time_machine.travel("2026-03-02 09:00 +0100", tick=False):  # a Monday
        event = event_report(actor=org.user("medarbetare"), kind="avvikelse", unit=org.vux1, description="x").event
    with time_machine.travel("2026-03-09 09:00 +0100", tick=False):
        first = reminders_send()
        again = reminders_send()
    assert first.created >= 1 and again.created == 0
    note = Notification.objects.get(recipient=org.user("enhetschef"), key__contains=":mottagen:")
    assert event.reference in note.message and "passerat" in note.message
    assert len(mail.outbox) == first.emailed
    assert "x" not in note.message.split(":")[-1]  # no free text from the case


@pytest.mark.parametrize(
    ("kind", "reminded", "not_reminded"),
    [
        ("avvikelse", {"enhetschef"}, {"utredare", "mas"}),
        # Unassigned lex Sarah reports go to those who may receive them, never to an enhetschef.
        ("lex_sarah", {"utredare", "kvalitetsutvecklare", "avdelningschef"}, {"enhetschef", "mas"}),
        ("lex_maria", {"mas"}, {"enhetschef", "utredare"}),
    ],
)
def test_unassigned_reminders_go_to_who_may_take_the_next_step(org, kind, reminded, not_reminded):
    with time_machine.travel("2026-03-02 09:00 +0100", tick=False):
        event = event_report(actor=org.user("medarbetare"), kind=kind, unit=org.vux1, description="y").event
        if kind == "lex_maria":  # its deadline starts when the case is judged severe
            event_mark_severe(actor=org.user("mas"), event=event)
    with time_machine.travel("2026-03-20 09:00 +0100", tick=False):
        reminders_send()
    recipients = set(Notification.objects.values_list("recipient__username", flat=True))
    assert reminded <= recipients
    assert not (not_reminded & recipients)


def test_overdue_action_reminds_owner(org):
    chef = org.user("enhetschef")
    event = event_report(actor=org.user("medarbetare"), kind="avvikelse", unit=org.vux1, description="x").event
    action = action_create(
        actor=chef, source=event, action_type="utbildning", description="y", owner=chef, due_on=date.today()
    )
    reminders_send(today=date.today() + timedelta(days=1))
    assert Notification.objects.filter(recipient=chef, key=f"action:{action.pk}:forsenad").exists()


def test_task_runs_and_inbox_page_marks_read(client, org):
    with time_machine.travel("2026-03-02 09:00 +0100", tick=False):
        event_report(actor=org.user("medarbetare"), kind="avvikelse", unit=org.vux1, description="x")
    with time_machine.travel("2026-03-20 09:00 +0100", tick=False):
        result = send_reminders.enqueue()
    assert result.return_value["created"] >= 1
    chef = org.user("enhetschef")
    client.force_login(chef)
    page = client.get(reverse("inbox:inbox"))
    assert "tidsfristen" in page.content.decode()
    note = Notification.objects.filter(recipient=chef).first()
    response = client.post(reverse("inbox:mark_read", args=[note.pk]))
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.read_at is not None
    other = org.user("medarbetare")
    client.force_login(other)
    assert client.post(reverse("inbox:mark_read", args=[note.pk])).status_code == 404
