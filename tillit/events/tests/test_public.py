"""The public form: anonymous reports with a receipt code, floods stopped, nothing identifying kept."""

import time

import pytest
import time_machine
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from tillit.accounts.models import Session
from tillit.events.models import Channel, Event
from tillit.events.services import event_transition

pytestmark = pytest.mark.django_db

IP, AGENT = "203.0.113.77", "UniqueAgent/9.9 (Tillit-test)"


def submit(client, org, **overrides):
    page = client.get(reverse("public:report"), REMOTE_ADDR=IP, HTTP_USER_AGENT=AGENT)
    token = page.context["form"].initial["token"]
    data = {
        "kind": "klagomal",
        "unit": org.vux1.pk,
        "occurred_on": "",
        "description": "Hemtjänsten kom inte på lördagen",
        "anonymous": "on",
        "contact_name": "",
        "contact_details": "",
        "website": "",
        "token": token,
    } | overrides
    with time_machine.travel(time.time() + 5):
        return client.post(reverse("public:report"), data, REMOTE_ADDR=IP, HTTP_USER_AGENT=AGENT)


def test_anonymous_complaint_is_answered_and_read_with_the_code(client, org):
    response = submit(client, org)
    code = response.context["receipt_code"]
    assert len(code) == 10
    event = Event.objects.get()
    assert event.channel == Channel.WEBB and event.reporter is None and event.contact_name == ""
    assert event.state == "mottagen"
    chef = org.user("enhetschef")
    event = event_transition(actor=chef, event=event, code="starta_utredning", responsible=chef)
    import datetime

    event_transition(
        actor=chef,
        event=event,
        code="besvara",
        reply="Vi beklagar. Schemat är ändrat.",
        replied_on=datetime.date.today(),
    )
    page = client.post(reverse("public:follow_up"), {"code": code.lower()})
    body = page.content.decode()
    assert "Vi beklagar. Schemat är ändrat." in body and "Besvarad" in body
    client.post(reverse("public:follow_up"), {"code": code, "text": "Tack, men det hände igen i söndags."})
    assert event.messages.get().from_reporter is True


def test_nothing_identifying_is_stored(client, org, tmp_path):
    code = submit(client, org).context["receipt_code"]
    client.post(reverse("public:follow_up"), {"code": code, "text": "Mer info"}, REMOTE_ADDR=IP, HTTP_USER_AGENT=AGENT)
    assert Session.objects.count() == 0
    dump = tmp_path / "dump.json"
    call_command("dumpdata", output=str(dump), verbosity=0)
    text = dump.read_text()
    assert IP not in text and AGENT not in text and code not in text


def test_honeypot_creates_nothing(client, org):
    response = submit(client, org, website="http://spam.example")
    assert response.status_code == 200 and Event.objects.count() == 0


def test_too_fast_submission_is_refused(client, org):
    page = client.get(reverse("public:report"))
    data = {"kind": "synpunkt", "unit": org.vux1.pk, "description": "x", "token": page.context["form"].initial["token"]}
    response = client.post(reverse("public:report"), data)
    assert "för snabbt" in response.content.decode() and Event.objects.count() == 0
    assert ">\nx</textarea>" in response.content.decode()  # what was typed is kept


@override_settings(PUBLIC_FORM_RATE_PER_MINUTE=1)
def test_rate_limit(client, org):
    from django.core.cache import cache

    cache.clear()
    submit(client, org)
    response = submit(client, org)
    assert "väldigt många" in response.content.decode()
    assert Event.objects.count() == 1


def test_same_form_posted_twice_gives_one_event(client, org):
    page = client.get(reverse("public:report"))
    data = {
        "kind": "synpunkt",
        "unit": org.vux1.pk,
        "description": "Bra personal",
        "anonymous": "on",
        "token": page.context["form"].initial["token"],
    }
    with time_machine.travel(time.time() + 5):
        client.post(reverse("public:report"), data)
        client.post(reverse("public:report"), data)
    assert Event.objects.count() == 1


def test_wrong_code_is_refused(client, org):
    response = client.post(reverse("public:follow_up"), {"code": "FFFFFFFFFF"})
    assert "hittar inget" in response.content.decode()


def test_staff_can_write_to_reporter(client, org):
    code = submit(client, org).context["receipt_code"]
    event = Event.objects.get()
    client.force_login(org.user("enhetschef"))
    client.post(reverse("events:message_add", args=[event.pk]), {"text": "Kan du berätta vilken tid?"})
    client.logout()
    assert "Kan du berätta vilken tid?" in client.post(reverse("public:follow_up"), {"code": code}).content.decode()
