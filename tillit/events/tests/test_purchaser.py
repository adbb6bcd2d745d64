"""What the purchasing municipality sees of a provider's cases: a notice of a lex Sarah report (no
names, no free text), the bedömning once made, the anmälan to IVO when sent, the submitted
investigation; overdue submissions reminded to the provider; every share audited; the municipality
never changes the case."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from tillit.audit.models import AuditEvent
from tillit.core.roles import Role
from tillit.events.checklists import investigation_topics
from tillit.events.models import Event, EventEntry, Outcome, PurchaserNotice, PurchaserSubmission
from tillit.events.services import event_report, event_transition
from tillit.events.services.ivo import ivo_draft_save, ivo_mark_sent
from tillit.events.services.purchaser import purchaser_submit, submission_reminders
from tillit.inbox.models import Notification
from tillit.org.models import Provider
from tillit.testing.client import login
from tillit.testing.factories import UserFactory, assign

pytestmark = pytest.mark.django_db

SECRET = "Anna Andersson lämnades ensam"


@pytest.fixture
def p1(org):
    staff = {}
    for role in (Role.MEDARBETARE, Role.ENHETSCHEF, Role.UTREDARE):
        user = UserFactory(username=f"p1-{role}", provider=org.provider1, title=str(role))
        assign(user, role, org.p1a)
        staff[role] = user
    follow_up = UserFactory(username="kommun-kvalitet")
    assign(follow_up, Role.KVALITETSUTVECKLARE, org.soc)
    staff["follow_up"] = follow_up
    return staff


def investigate(event: Event, utredare, *, severe: bool) -> Event:
    event = event_transition(actor=utredare, event=event, code="motta", responsible=utredare)
    event = event_transition(
        actor=utredare, event=event, code="dokumentera_omedelbara_atgarder", immediate_actions="Extra personal"
    )
    event = event_transition(actor=utredare, event=event, code="starta_utredning")
    for item in investigation_topics():
        EventEntry.objects.create(
            event=event, topic=item.code, text=SECRET, author=utredare, author_name="U", entry_date=date.today()
        )
    event = event_transition(actor=utredare, event=event, code="till_bedomning")
    return event_transition(actor=utredare, event=event, code="besluta", outcome=Outcome.MISSFORHALLANDE, severe=severe)


def send_ivo(event: Event, utredare) -> None:
    submission = ivo_draft_save(actor=utredare, event=event, content={"handelse": SECRET, "kontaktperson": "U"})
    ivo_mark_sent(actor=utredare, submission=submission, sent_on=date.today(), channel="e_tjanst")


def test_a_providers_lex_sarah_report_is_notified_without_names_or_text_and_follows_the_case(org, p1):
    event = event_report(actor=p1[Role.MEDARBETARE], kind="lex_sarah", unit=org.p1a, description=SECRET).event
    notice = PurchaserNotice.objects.get(event=event)
    assert (notice.provider, notice.unit, notice.event_kind, notice.outcome) == (
        org.provider1,
        org.p1a,
        "lex_sarah",
        "",
    )
    assert AuditEvent.objects.filter(object_type="events.purchasernotice", detail__what="report").exists()
    # The municipality's follow-up is told in the inbox, without case content.
    told = Notification.objects.get(recipient=p1["follow_up"])
    assert org.provider1.name in told.message and SECRET not in told.message
    assert not Notification.objects.filter(recipient=org.user("kvalitetsutvecklare")).exists()  # VUX only
    utredare = p1[Role.UTREDARE]
    event = investigate(event, utredare, severe=True)
    notice.refresh_from_db()
    assert (notice.outcome, notice.severe) == (Outcome.MISSFORHALLANDE, True)
    send_ivo(event, utredare)  # the provider's utredare sends the provider's anmälan
    notice.refresh_from_db()
    assert notice.ivo_notified_on == date.today()
    assert AuditEvent.objects.filter(object_type="events.purchasernotice", detail__what="ivo").exists()


def test_the_municipalitys_own_cases_and_a_provider_that_does_not_share_give_no_notice(org, p1):
    event_report(actor=org.user("medarbetare"), kind="lex_sarah", unit=org.vux1, description="Kommunens")
    Provider.objects.filter(pk=org.provider1.pk).update(share_lex_sarah_reports=False)
    event_report(actor=p1[Role.MEDARBETARE], kind="lex_sarah", unit=org.p1a, description="Ej delad")
    event_report(actor=p1[Role.MEDARBETARE], kind="avvikelse", unit=org.p1a, description="Avvikelse")
    assert not PurchaserNotice.objects.exists()


def closed_case(org, p1, *, severe=False) -> Event:
    utredare = p1[Role.UTREDARE]
    event = event_report(actor=p1[Role.MEDARBETARE], kind="lex_sarah", unit=org.p1a, description=SECRET).event
    event = investigate(event, utredare, severe=severe)
    if severe:
        send_ivo(event, utredare)
        event.refresh_from_db()
    return event_transition(actor=utredare, event=event, code="avsluta", conclusion=f"Missförhållande. {SECRET}")


def test_the_provider_submits_the_finished_investigation_and_the_municipality_reads_it_without_personal_data(
    client, org, p1
):
    event = closed_case(org, p1, severe=True)
    utredare = p1[Role.UTREDARE]
    login(client, utredare)
    page = client.get(reverse("events:purchaser_submit", args=[event.pk]))
    assert page.status_code == 200
    # Not confirmed: nothing is sent and nothing typed is lost.
    response = client.post(
        reverse("events:purchaser_submit", args=[event.pk]),
        {"summary": "Rutinen för överlämning följdes inte.", "position": "Missförhållande.", "measures": ""},
    )
    assert not PurchaserSubmission.objects.exists()
    assert "Rutinen för överlämning följdes inte." in response.content.decode()
    data = {
        "summary": "Rutinen för överlämning följdes inte.",
        "position": "Missförhållande; rutinen ändras.",
        "measures": "Ny rutin",
        "confirmed": "on",
    }
    assert client.post(reverse("events:purchaser_submit", args=[event.pk]), data).status_code == 302
    client.post(reverse("events:purchaser_submit", args=[event.pk]), data)  # a double click
    submission = PurchaserSubmission.objects.get()
    assert submission.ivo_notified_on == date.today() and submission.outcome == Outcome.MISSFORHALLANDE
    assert AuditEvent.objects.filter(object_type="events.purchasersubmission", detail__what="submission").exists()

    municipal = login(Client(), p1["follow_up"])
    overview = municipal.get(reverse("events:purchaser")).content.decode()
    assert org.p1a.name in overview and "Inkomna lex Sarah-utredningar" in overview
    assert "Missförhållande" in overview
    detail = municipal.get(reverse("events:purchaser_submission", args=[submission.pk]))
    assert detail.status_code == 200
    text = overview + detail.content.decode()
    assert "Rutinen för överlämning följdes inte." in text
    for personal in (SECRET, "Anna Andersson", utredare.username, p1[Role.MEDARBETARE].username):
        assert personal not in text
    assert AuditEvent.objects.filter(
        object_type="events.purchasersubmission", action="read", actor=p1["follow_up"]
    ).exists()
    # The municipality cannot open or change the case.
    before = (Event.objects.get(pk=event.pk).state, EventEntry.objects.count(), PurchaserSubmission.objects.count())
    assert municipal.get(reverse("events:event_detail", args=[event.pk])).status_code == 404
    assert municipal.get(reverse("events:ivo", args=[event.pk])).status_code == 404
    municipal.post(reverse("events:purchaser_submit", args=[event.pk]), {**data, "summary": "Kommunen"})
    municipal.post(
        reverse("events:entry_add", args=[event.pk]),
        {"topic": "orsaker", "is_fact": "fakta", "text": "Kommunen", "entry_date": date.today().isoformat()},
    )
    assert (
        Event.objects.get(pk=event.pk).state,
        EventEntry.objects.count(),
        PurchaserSubmission.objects.count(),
    ) == before
    with pytest.raises(PermissionDenied):
        purchaser_submit(actor=p1["follow_up"], event=event, summary="x", position="y", confirmed=True)


def test_a_submission_with_a_personnummer_is_refused(org, p1):
    event = closed_case(org, p1)
    with pytest.raises(ValidationError, match="personnummer"):
        purchaser_submit(
            actor=p1[Role.UTREDARE], event=event, summary="Gäller 19121212-1212", position="x", confirmed=True
        )


def test_an_overdue_submission_is_reminded_to_the_provider_and_visible_to_the_follow_up(client, org, p1):
    event = closed_case(org, p1)
    assert list(submission_reminders(date.today())) == []
    later = date.today() + timedelta(days=org.provider1.submission_days + 1)
    reminders = list(submission_reminders(later))
    assert [r.recipient_ids for r in reminders] == [[p1[Role.UTREDARE].pk]]
    assert SECRET not in reminders[0].message
    with time_machine.travel(later):
        login(client, p1["follow_up"])
        page = client.get(reverse("events:purchaser")).content.decode()
    assert event.reference in page and "försenad" in page


def test_a_provider_page_shows_no_other_provider_and_provider_staff_get_no_municipal_follow_up(client, org, p1):
    p2_staff = UserFactory(username="p2-medarbetare", provider=org.provider2)
    assign(p2_staff, Role.MEDARBETARE, org.p2a)
    event_report(actor=p2_staff, kind="lex_sarah", unit=org.p2a, description="Annan")
    p1_quality = UserFactory(username="p1-kvalitet", provider=org.provider1)
    assign(p1_quality, Role.KVALITETSUTVECKLARE, org.p1a)
    login(client, p1_quality)
    page = client.get(reverse("events:purchaser")).content.decode()
    assert org.p2a.name not in page


def test_a_providers_own_mas_notifies_ivo_of_a_lex_maria_and_the_municipality_is_told(org, p1):
    mas = UserFactory(username="p1-mas", provider=org.provider1, title="MAS")
    assign(mas, Role.MAS, org.p1a)
    event = event_report(actor=p1[Role.MEDARBETARE], kind="lex_maria", unit=org.p1a, description=SECRET).event
    assert not PurchaserNotice.objects.exists()  # lex Maria reports are not notified, only the anmälan
    with pytest.raises(PermissionDenied):  # the municipality's MAS at SOC is not the operator here
        municipal_mas = UserFactory(username="soc-mas")
        assign(municipal_mas, Role.MAS, org.soc)
        event_transition(actor=municipal_mas, event=event, code="bedom", outcome=Outcome.VARDSKADA, severe=True)
    event = event_transition(actor=mas, event=event, code="bedom", outcome=Outcome.VARDSKADA, severe=True)
    event_transition(actor=mas, event=event, code="registrera_anmalan", ivo_notified_on=date.today())
    notice = PurchaserNotice.objects.get(event=event)
    assert (notice.event_kind, notice.ivo_notified_on, notice.outcome) == ("lex_maria", date.today(), "vardskada")
