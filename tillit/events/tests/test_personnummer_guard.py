"""The one personnummer guard (tillit.core.forms.PersonnummerGuardMixin, tillit.core.privacy) on every
free-text path of events: where a person writes, she is asked (replace or keep); where no one can be
asked (the public form, the public follow-up), the number is replaced and the sender told."""

import time
from datetime import date

import pytest
import time_machine
from django.urls import reverse

from tillit.core.privacy import PLACEHOLDER
from tillit.events.models import Event, EventKind, EventTransition
from tillit.events.services import event_report
from tillit.events.services.ivo import ivo_draft_save, ivo_mark_sent
from tillit.events.tests.test_ivo import severe_sarah
from tillit.testing.client import login

pytestmark = pytest.mark.django_db

PNR = "19121212-1212"
TEXT = f"Brukaren {PNR} föll"


def public_submit(client, org, **overrides):
    token = client.get(reverse("public:report")).context["form"].initial["token"]
    data = {
        "kind": "klagomal",
        "unit": org.vux1.pk,
        "description": TEXT,
        "anonymous": "on",
        "website": "",
        "token": token,
    } | overrides
    with time_machine.travel(time.time() + 5):
        return client.post(reverse("public:report"), data)


def test_public_form_replaces_the_number_and_tells_the_sender(client, org):
    response = public_submit(client, org)
    event = Event.objects.get()
    assert PNR not in event.description and PLACEHOLDER in event.description
    assert "tagit bort ett personnummer" in response.content.decode()


def test_public_form_contact_details_are_guarded_too(client, org):
    public_submit(client, org, description="Inget nummer här", anonymous="", contact_details="121212-1212")
    assert Event.objects.get().contact_details == PLACEHOLDER


def test_public_follow_up_replaces_the_number_and_tells_the_sender(client, org):
    code = public_submit(client, org, description="Hemtjänsten kom inte").context["receipt_code"]
    response = client.post(reverse("public:follow_up"), {"code": code, "text": f"Det gäller {PNR}"})
    message = Event.objects.get().messages.get()
    assert PNR not in message.text and PLACEHOLDER in message.text
    assert "tagit bort ett personnummer" in response.content.decode()


def test_staff_message_to_reporter_asks_and_keeps_what_was_typed(client, org):
    public_submit(client, org, description="Hemtjänsten kom inte")
    event = Event.objects.get()
    login(client, org.user("enhetschef"))
    url = reverse("events:message_add", args=[event.pk])
    response = client.post(url, {"text": TEXT})
    assert response.status_code == 422 and not event.messages.exists()
    body = response.content.decode()
    assert "Personnummer i texten" in body and PNR in body  # nothing typed is lost
    client.post(url, {"text": TEXT, "pnr_choice": "replace"})
    assert event.messages.get().text == f"Brukaren {PLACEHOLDER} föll"


def test_transition_comment_is_guarded(client, org):
    chef = org.user("enhetschef")
    event = event_report(actor=org.user("medarbetare"), kind="avvikelse", unit=org.vux1, description="x").event
    login(client, chef)
    url = reverse("events:transition", args=[event.pk, "motta"])
    response = client.post(url, {"responsible": chef.pk, "comment": TEXT})
    event.refresh_from_db()
    assert event.state == "rapporterad" and "Personnummer i texten" in response.content.decode()
    client.post(url, {"responsible": chef.pk, "comment": TEXT, "pnr_choice": "replace"})
    event.refresh_from_db()
    assert event.state != "rapporterad"
    comments = " ".join(EventTransition.objects.values_list("comment", flat=True))
    assert PNR not in comments and PLACEHOLDER in comments


def test_komplettering_is_guarded_and_can_be_kept_for_ivo(client, org):
    utredare = org.user("utredare")
    event = severe_sarah(org)
    submission = ivo_draft_save(actor=utredare, event=event, content={"handelse": "A", "kontaktperson": "U"})
    ivo_mark_sent(actor=utredare, submission=submission, sent_on=date.today(), channel="post")
    client.force_login(utredare)
    session = client.session
    session["tillit_strong_auth"] = True
    session.save()
    url = reverse("events:ivo_komplettering", args=[event.pk])
    response = client.post(url, {"text": TEXT})
    assert response.status_code == 422 and event.ivo_submissions.count() == 1
    assert "Personnummer i texten" in response.content.decode()
    client.post(url, {"text": TEXT, "pnr_choice": "keep"})  # IVO needs the identity
    assert event.ivo_submissions.count() == 2


def test_report_form_guards_every_text_field(client, org):
    login(client, org.user("medarbetare"))
    data = {
        "kind": EventKind.AVVIKELSE,
        "unit": org.vux1.pk,
        "description": "Fallet",
        "immediate_actions": f"Ringde anhörig till {PNR}",
        "idempotency_key": "k-guard-1",
    }
    response = client.post(reverse("events:report"), data)
    assert not Event.objects.exists() and "Personnummer i texten" in response.content.decode()
