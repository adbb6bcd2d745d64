"""Anmälan till IVO: draft, PDF with the utredning, registered as sent → locked, komplettering."""

import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from tillit.audit.models import AuditEvent
from tillit.events.models import EntryTopic, EventKind
from tillit.events.services import event_entry_add, event_mark_severe, event_report, event_transition
from tillit.events.services.ivo import ivo_draft_save, ivo_komplettering_create, ivo_mark_sent, render_pdf

pytestmark = pytest.mark.django_db


def severe_sarah(org):
    utredare = org.user("utredare")
    event = event_report(
        actor=org.user("medarbetare"), kind=EventKind.LEX_SARAH, unit=org.vux1, description="Brukaren lämnades ensam"
    ).event
    event = event_transition(actor=utredare, event=event, code="motta", responsible=utredare)
    event = event_transition(
        actor=utredare, event=event, code="dokumentera_omedelbara_atgarder", immediate_actions="Extra personal insatt"
    )
    event_entry_add(actor=utredare, event=event, topic=EntryTopic.CAUSES, text="Schemat saknade överlapp")
    event = event_transition(actor=utredare, event=event, code="starta_utredning")
    return event_mark_severe(actor=utredare, event=event)


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def test_pdf_holds_form_content_and_utredning(org):
    event = severe_sarah(org)
    submission = ivo_draft_save(
        actor=org.user("utredare"), event=event, content={"handelse": "Brukaren lämnades ensam", "kontaktperson": "U"}
    )
    text = pdf_text(render_pdf(submission))
    assert "Anmälan till Inspektionen för vård och omsorg" in text
    assert "Schemat saknade överlapp" in text  # the utredning entry
    assert "Orsaker" in text  # with its topic's label (from the checklist template)
    assert "Sida 1 av" in text
    assert event.reference in text


def test_sent_anmalan_is_locked_and_kept_exactly(org):
    utredare = org.user("utredare")
    event = severe_sarah(org)
    submission = ivo_draft_save(actor=utredare, event=event, content={"handelse": "A", "kontaktperson": "U"})
    submission = ivo_mark_sent(actor=utredare, submission=submission, sent_on=date.today(), channel="e_tjanst")
    event.refresh_from_db()
    assert event.ivo_notified_on == date.today()
    assert event.deadlines.get(code="ivo_anmalan").met_on == date.today()
    sent_pdf = render_pdf(submission)
    event_entry_add(actor=utredare, event=event, topic=EntryTopic.OTHER, text="Ny uppgift efteråt")
    assert render_pdf(submission) == sent_pdf  # later information does not change what was sent
    with pytest.raises(ValidationError, match="låst"):
        ivo_draft_save(actor=utredare, event=event, content={"handelse": "B"})
    with pytest.raises(ValidationError):
        ivo_mark_sent(actor=utredare, submission=submission, sent_on=date.today(), channel="post")
    komplettering = ivo_komplettering_create(actor=utredare, event=event, text="Utredningen är klar")
    assert "Utredningen är klar" in pdf_text(render_pdf(komplettering))


def test_email_is_not_a_channel(org):
    event = severe_sarah(org)
    submission = ivo_draft_save(actor=org.user("utredare"), event=event, content={"handelse": "A"})
    with pytest.raises(ValidationError, match="aldrig med e-post"):
        ivo_mark_sent(actor=org.user("utredare"), submission=submission, sent_on=date.today(), channel="epost")


def test_marking_severe_early_starts_the_ivo_deadline(org):
    event = severe_sarah(org)
    assert event.state == "utredning"  # before the utredning is finished
    assert event.deadlines.get(code="ivo_anmalan").met_on is None


def test_not_severe_cannot_be_notified(org):
    event = event_report(actor=org.user("medarbetare"), kind=EventKind.LEX_SARAH, unit=org.vux1, description="x").event
    with pytest.raises(ValidationError):
        ivo_draft_save(actor=org.user("utredare"), event=event, content={})


def test_ivo_pages_download_and_audit(client, org):
    utredare = org.user("utredare")
    event = severe_sarah(org)
    client.force_login(utredare)
    session = client.session
    session["tillit_strong_auth"] = True
    session.save()
    page = client.get(reverse("events:ivo", args=[event.pk]))
    assert page.status_code == 200 and "Brukaren lämnades ensam" in page.content.decode()
    data = {key: value for key, value in page.context["form"].initial.items()}
    assert client.post(reverse("events:ivo", args=[event.pk]), data).status_code == 302
    submission = event.ivo_submissions.get()
    response = client.get(reverse("events:ivo_pdf", args=[event.pk, submission.pk]))
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    assert AuditEvent.objects.filter(action="export", object_type="events.ivosubmission").exists()
    client.post(
        reverse("events:ivo_sent", args=[event.pk, submission.pk]),
        {"sent_on": date.today().isoformat(), "channel": "post"},
    )
    submission.refresh_from_db()
    assert submission.locked
    client.post(reverse("events:ivo_komplettering", args=[event.pk]), {"text": "Mer information"})
    assert event.ivo_submissions.count() == 2
    client.force_login(org.user("medarbetare"))
    assert client.get(reverse("events:ivo", args=[event.pk])).status_code == 404


def test_mark_severe_button(client, org):
    event = event_report(actor=org.user("medarbetare"), kind=EventKind.LEX_SARAH, unit=org.vux1, description="x").event
    client.force_login(org.user("medarbetare"))
    assert (
        client.post(reverse("events:mark_severe", args=[event.pk])).status_code == 404
    )  # reads own report, may not judge it
    event.refresh_from_db()
    assert event.severe is None  # but a medarbetare may not judge it
    client.force_login(org.user("utredare"))
    session = client.session
    session["tillit_strong_auth"] = True
    session.save()
    client.post(reverse("events:mark_severe", args=[event.pk]))
    event.refresh_from_db()
    assert event.severe is True


def test_reading_the_ivo_page_is_audited(client, org):
    from tillit.audit.models import AuditEvent
    from tillit.events.services import event_mark_severe, event_report
    from tillit.testing.client import login

    event = event_report(actor=org.user("medarbetare"), kind="lex_sarah", unit=org.vux1, description="x").event
    event_mark_severe(actor=org.user("utredare"), event=event)
    login(client, org.user("utredare")).get(f"/handelser/{event.pk}/ivo/")
    assert AuditEvent.objects.filter(action="read", object_id=str(event.pk), detail__page="ivo").exists()
