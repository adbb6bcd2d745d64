from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from tillit.events.models import EntryTopic, EventKind, Outcome
from tillit.events.services import (
    TransitionError,
    event_convert_to_avvikelse,
    event_entry_add,
    event_report,
    event_transition,
)
from tillit.workflow.services import transition

pytestmark = pytest.mark.django_db


def sarah(org):
    return event_report(actor=org.user("medarbetare"), kind=EventKind.LEX_SARAH, unit=org.vux1, description="x").event


def test_conversion_keeps_history_and_links_both_ways(org):
    utredare = org.user("utredare")
    report = sarah(org)
    report = event_transition(actor=utredare, event=report, code="motta", responsible=utredare)
    avvikelse = event_convert_to_avvikelse(actor=utredare, event=report, conclusion="Inte ett missförhållande")
    report.refresh_from_db()
    assert report.state == "omvandlad_till_avvikelse"
    assert report.outcome == Outcome.OMVANDLAD_TILL_AVVIKELSE
    assert report.closed_on == date.today()
    assert avvikelse.kind == EventKind.AVVIKELSE and avvikelse.state == "rapporterad"
    assert avvikelse.converted_from == report and report.converted_to == avvikelse
    assert [t.to_state for t in report.transitions.all()] == ["rapporterad", "mottagen", "omvandlad_till_avvikelse"]
    assert avvikelse.transitions.get().comment == report.reference
    assert avvikelse.description == report.description


def test_avvikelse_cannot_be_converted(org):
    event = event_report(actor=org.user("medarbetare"), kind="avvikelse", unit=org.vux1, description="x").event
    with pytest.raises(TransitionError):
        event_convert_to_avvikelse(actor=org.user("enhetschef"), event=event, conclusion="x")


def test_entry_keeps_author_name_and_title(org):
    utredare = org.user("utredare")
    entry = event_entry_add(actor=utredare, event=sarah(org), topic=EntryTopic.CAUSES, text="Bemanning", is_fact=False)
    assert entry.author_name == utredare.display_name and entry.author_title == utredare.title
    assert entry.is_fact is False


def test_medarbetare_cannot_add_entries(org):
    with pytest.raises(PermissionDenied):
        event_entry_add(actor=org.user("medarbetare"), event=sarah(org), topic=EntryTopic.CAUSES, text="x")


@pytest.mark.parametrize("path", ["event_transition", "workflow_transition"])
def test_converting_through_the_transition_service_opens_the_avvikelse(org, path):
    """Defect: only the screen created the avvikelse; the transition made any other way (API,
    generic service) closed the lex Sarah report without it. The hook is declared now."""
    utredare = org.user("utredare")
    report = event_transition(actor=utredare, event=sarah(org), code="motta", responsible=utredare)
    if path == "event_transition":
        event_transition(actor=utredare, event=report, code="omvandla_till_avvikelse", conclusion="Avvikelse")
        avvikelse = report.converted_to
    else:
        done = transition(actor=utredare, subject=report, code="omvandla_till_avvikelse", conclusion="Avvikelse")
        avvikelse = done.follow_up
        assert avvikelse == done.subject.converted_to
    report.refresh_from_db()
    assert report.state == "omvandlad_till_avvikelse"
    assert avvikelse.kind == EventKind.AVVIKELSE and avvikelse.converted_from_id == report.pk
    assert avvikelse.unit_id == report.unit_id and avvikelse.deadlines.filter(code="mottagen").exists()
