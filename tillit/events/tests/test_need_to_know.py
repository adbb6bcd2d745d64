"""Need to know (issue 9 item 8): a reporter sees her own report — status, outcome, åtgärder — but not
the investigation nor colleagues' cases; case workers read the kinds their role works on.

The rule lives in one place (tillit.events.selectors._read_q); the list, the case page, Mina
uppgifter, the exports and the åtgärder follow it."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from tillit.actions.services import action_create
from tillit.audit.models import AuditAction, AuditEvent
from tillit.core.roles import Role
from tillit.events.models import EntryTopic, EventKind
from tillit.events.selectors import events_visible, reads_case
from tillit.events.services import event_convert_to_avvikelse, event_entry_add, event_report, event_transition
from tillit.events.services.attachments import attachment_add
from tillit.testing.client import login
from tillit.testing.factories import UserFactory, assign

pytestmark = pytest.mark.django_db


def report(org, kind=EventKind.LEX_SARAH, *, reporter=None, description="Brukaren lämnades ensam"):
    reporter = reporter or org.user("medarbetare")
    return event_report(actor=reporter, kind=kind, unit=org.vux1, description=description).event


def colleague(org):
    user = UserFactory(username="kollega")
    assign(user, Role.MEDARBETARE, org.vux1)
    return user


def investigated(org):
    """A lex Sarah report of the medarbetare, received and investigated by the utredare."""
    utredare = org.user("utredare")
    event = report(org)
    event = event_transition(
        actor=utredare, event=event, code="motta", responsible=utredare, comment="Intern kommentar"
    )
    event_entry_add(actor=utredare, event=event, topic=EntryTopic.CAUSES, text="Hemlig utredningsanteckning")
    action_create(
        actor=utredare,
        source=event,
        action_type="ny_rutin",
        description="Ny rutin för nattbemanning",
        owner=utredare,
        due_on=date.today(),
    )
    attachment = attachment_add(
        actor=utredare, event=event, upload=SimpleUploadedFile("intervju.txt", b"samtal", content_type="text/plain")
    )
    return event, attachment


def test_reporter_sees_status_and_measures_of_her_report_but_not_the_investigation(org):
    event, attachment = investigated(org)
    client = login(Client(), org.user("medarbetare"))
    response = client.get(reverse("events:event_detail", args=[event.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Mottagen" in page and "Ny rutin för nattbemanning" in page and "Brukaren lämnades ensam" in page
    assert "Hemlig utredningsanteckning" not in page
    assert "Intern kommentar" not in page
    assert "intervju.txt" not in page
    download = reverse("events:attachment_download", args=[event.pk, attachment.pk])
    assert client.get(download).status_code == 404
    entry = {"topic": "orsaker", "is_fact": "fakta", "text": "x", "entry_date": date.today().isoformat()}
    assert client.post(reverse("events:entry_add", args=[event.pk]), entry).status_code == 404
    assert client.get(reverse("events:ivo", args=[event.pk])).status_code == 404


def test_reporter_sees_the_outcome(org):
    utredare = org.user("utredare")
    event = event_transition(actor=utredare, event=report(org), code="motta", responsible=utredare)
    event_convert_to_avvikelse(actor=utredare, event=event, conclusion="Inget missförhållande, se utredningen")
    page = login(Client(), org.user("medarbetare")).get(reverse("events:event_detail", args=[event.pk]))
    assert "Omvandlad till avvikelse" in page.content.decode()
    assert "se utredningen" not in page.content.decode()  # the ställningstagande is the investigation's


def test_reporter_gets_back_her_own_attachment(org):
    event = report(org)
    client = login(Client(), org.user("medarbetare"))
    upload = SimpleUploadedFile("mitt.txt", b"x", content_type="text/plain")
    client.post(reverse("events:attachment_upload", args=[event.pk]), {"file": upload})
    own = event.attachments.get()
    assert "mitt.txt" in client.get(reverse("events:event_detail", args=[event.pk])).content.decode()
    assert client.get(reverse("events:attachment_download", args=[event.pk, own.pk])).status_code == 200


def test_colleagues_case_is_404_audited_and_absent_from_list_and_export(org):
    theirs = report(org, EventKind.AVVIKELSE, reporter=colleague(org), description="Kollegans rapport")
    mine = report(org, EventKind.AVVIKELSE, description="Min egen rapport")
    client = login(Client(), org.user("medarbetare"))
    denied_before = AuditEvent.objects.filter(action=AuditAction.PERMISSION_DENIED).count()
    assert client.get(reverse("events:event_detail", args=[theirs.pk])).status_code == 404
    assert AuditEvent.objects.filter(action=AuditAction.PERMISSION_DENIED).count() == denied_before + 1
    listing = client.get(reverse("events:event_list")).content.decode()
    assert mine.reference in listing and theirs.reference not in listing
    export = b"".join(client.get(reverse("events:export", args=["csv"])).streaming_content).decode()
    assert mine.reference in export and theirs.reference not in export


def test_enhetschef_reads_the_units_avvikelser_but_not_its_lex_sarah(org):
    """workflows.toml: lex Sarah is worked on by sarah_investigators only (not enhetschef)."""
    chef, utredare = org.user("enhetschef"), org.user("utredare")
    avvikelse = report(org, EventKind.AVVIKELSE)
    event_entry_add(actor=chef, event=avvikelse, topic=EntryTopic.CAUSES, text="Chefens anteckning")
    sarah = report(org)
    client = login(Client(), chef)
    assert "Chefens anteckning" in client.get(reverse("events:event_detail", args=[avvikelse.pk])).content.decode()
    assert client.get(reverse("events:event_detail", args=[sarah.pk])).status_code == 404
    assert sarah.reference not in client.get(reverse("events:event_list")).content.decode()
    assert reads_case(utredare, sarah) and not reads_case(chef, sarah)
    assert login(Client(), utredare).get(reverse("events:event_detail", args=[sarah.pk])).status_code == 200


def test_mas_and_utforarkontakt_keep_reading_avvikelser_but_not_lex_sarah(org):
    avvikelse, sarah = report(org, EventKind.AVVIKELSE), report(org)
    mas = org.user("mas")
    assert reads_case(mas, avvikelse) and not reads_case(mas, sarah)
    maria = report(org, EventKind.LEX_MARIA)
    assert reads_case(mas, maria) and not reads_case(org.user("enhetschef"), maria)


def test_case_worker_who_reported_reads_in_full(org):
    """An utredare reporting a lex Sarah in her scope works on it: she reads it in full."""
    event = report(org, reporter=org.user("utredare"))
    assert reads_case(org.user("utredare"), event)
    assert event in events_visible(org.user("utredare"))


def test_export_blanks_the_investigation_on_the_reporters_own_rows(org):
    """An enhetschef's own lex Sarah report: in her export, without the ställningstagande."""
    chef, utredare = org.user("enhetschef"), org.user("utredare")
    event = event_transition(actor=utredare, event=report(org, reporter=chef), code="motta", responsible=utredare)
    event_convert_to_avvikelse(actor=utredare, event=event, conclusion="Utredarens ställningstagande")
    client = login(Client(), chef)
    export = b"".join(client.get(reverse("events:export", args=["csv"])).streaming_content).decode()
    assert event.reference in export and "Utredarens ställningstagande" not in export
