"""The IVO PDF names the operator (kommun and nämnd, or the provider), says when the event happened
as the case or the utredning recorded it, and does not hyphenate names."""

from __future__ import annotations

from datetime import date

import pytest

from tillit.events.models import EntryTopic, Event, IvoSubmission
from tillit.events.services import event_entry_add
from tillit.events.services.ivo import ivo_draft_save, render_pdf
from tillit.events.tests.test_ivo import pdf_text, severe_sarah
from tillit.org.models import Unit

pytestmark = pytest.mark.django_db


def draft_pdf_text(org, event) -> str:
    submission = ivo_draft_save(actor=org.user("utredare"), event=event, content={"handelse": "A"})
    return pdf_text(render_pdf(submission))


def test_pdf_names_the_municipality_and_namnd_inherited_from_the_top_unit(org):
    Unit.objects.filter(pk=org.soc.pk).update(municipality="Exempelby kommun", namnd="Socialnämnden")
    text = draft_pdf_text(org, severe_sarah(org))
    assert "Exempelby kommun" in text
    assert "Socialnämnden" in text
    assert "Vårdgivare/huvudman" in text


def test_pdf_of_a_private_providers_unit_names_the_provider_as_operator(org):
    Unit.objects.filter(pk=org.soc.pk).update(municipality="Exempelby kommun", namnd="Socialnämnden")
    event = severe_sarah(org)
    Event.objects.filter(pk=event.pk).update(unit=org.p1a)
    event.refresh_from_db()
    submission = IvoSubmission.objects.create(event=event, content={"handelse": "A"}, created_by=org.user("utredare"))
    text = pdf_text(render_pdf(submission))
    assert f"Vårdgivare/huvudman {org.p1a.provider.name}" in text
    assert "På uppdrag av Socialnämnden, Exempelby kommun" in text


def test_pdf_gives_the_occurrence_the_utredning_recorded(org):
    event = severe_sarah(org)
    assert event.occurred_on is None
    event_entry_add(
        actor=org.user("utredare"),
        event=event,
        topic=EntryTopic.OCCURRED,
        text="Natten till den 3 mars 2025, omkring kl. 02",
        entry_date=date(2025, 3, 10),
    )
    text = draft_pdf_text(org, event)
    assert "Natten till den 3 mars 2025" in text
    assert "Okänt" not in text


def test_pdf_gives_the_occurrence_date_set_on_the_case(org):
    event = severe_sarah(org)
    Event.objects.filter(pk=event.pk).update(occurred_on=date(2025, 3, 3))
    event.refresh_from_db()
    text = draft_pdf_text(org, event)
    assert "Händelsen inträffade 2025-03-03" in text
    assert "Okänt" not in text


def test_names_in_the_table_are_not_hyphenated(org):
    utredare = org.user("utredare")
    utredare.first_name, utredare.last_name = "Margaretha", "Kristoffersson"
    utredare.title = "Medicinskt ansvarig sjuksköterska"
    utredare.save()
    event = severe_sarah(org)
    event_entry_add(
        actor=utredare,
        event=event,
        topic=EntryTopic.RECURRENCE_RISK,
        text="Bedömningen är att risken kvarstår tills schemaläggningen har förändrats",
    )
    text = draft_pdf_text(org, event)
    assert "\u2010\n" not in text  # WeasyPrint's hyphen at a line break (it wrote "sjuk‐\nsköterska")
    assert "sjuksköterska" in text
