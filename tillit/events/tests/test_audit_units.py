"""Defect: audit rows for the parts of a case (investigation entries, attachments, IVO
submissions, messages, patient information) carried no unit, so a unit's log follow-up missed
them. Each now carries the case's unit."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tillit.audit.models import AuditEvent
from tillit.events.models import Channel, EntryTopic, EventKind
from tillit.events.services import event_entry_add, event_report
from tillit.events.services.attachments import attachment_add
from tillit.events.services.configuration import patient_information_record
from tillit.events.services.ivo import ivo_draft_save, ivo_komplettering_create, ivo_mark_sent
from tillit.events.services.public import reporter_message_add, staff_message_add
from tillit.events.tests.test_ivo import severe_sarah

pytestmark = pytest.mark.django_db


def units_of(object_type: str) -> set:
    return set(AuditEvent.objects.filter(object_type=object_type).values_list("unit_id", flat=True))


def test_entries_and_attachments_are_audited_in_the_case_unit(org):
    chef = org.user("enhetschef")
    event = event_report(actor=org.user("medarbetare"), kind="avvikelse", unit=org.vux1, description="x").event
    event_entry_add(actor=chef, event=event, topic=EntryTopic.CAUSES, text="Rutin saknades")
    attachment_add(actor=chef, event=event, upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4 x"))
    assert units_of("events.evententry") == {org.vux1.pk}
    assert units_of("events.attachment") == {org.vux1.pk}


def test_ivo_submissions_are_audited_in_the_case_unit(org):
    utredare = org.user("utredare")
    event = severe_sarah(org)
    submission = ivo_draft_save(actor=utredare, event=event, content={"handelse": "A"})
    ivo_draft_save(actor=utredare, event=event, content={"handelse": "B"})
    ivo_mark_sent(actor=utredare, submission=submission, sent_on=date.today(), channel="post")
    ivo_komplettering_create(actor=utredare, event=event, text="Mer")
    rows = AuditEvent.objects.filter(object_type="events.ivosubmission")
    assert rows.count() == 4 and units_of("events.ivosubmission") == {org.vux1.pk}


def test_messages_are_audited_in_the_case_unit(org):
    event = event_report(
        actor=None, kind=EventKind.KLAGOMAL, unit=org.vux1, description="x", channel=Channel.WEBB, with_receipt=True
    ).event
    reporter_message_add(event=event, text="Hej")
    staff_message_add(actor=org.user("enhetschef"), event=event, text="Svar")
    assert units_of("events.eventmessage") == {org.vux1.pk}


def test_patient_information_is_audited_in_the_case_unit(org):
    event = event_report(actor=org.user("medarbetare"), kind=EventKind.LEX_MARIA, unit=org.vux1, description="x").event
    patient_information_record(actor=org.user("mas"), event=event, informed_on=date.today(), told_vardskada=True)
    assert units_of("events.patientinformation") == {org.vux1.pk}
