"""Reporting and transitions through the declared workflows."""

from datetime import date

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from tillit.audit.models import AuditEvent
from tillit.events.checklists import investigation_topics
from tillit.events.models import ClosureReason, EntryTopic, Event, EventEntry, EventKind, Outcome
from tillit.events.services import TransitionError, event_report, event_transition

pytestmark = pytest.mark.django_db


def report(org, kind=EventKind.AVVIKELSE, **kw):
    defaults = {"actor": org.user("medarbetare"), "kind": kind, "unit": org.vux1, "description": "Fel dos"}
    return event_report(**(defaults | kw)).event


def test_report_starts_in_initial_state_with_reference_and_audit(org):
    event = report(org)
    assert event.state == "rapporterad"
    assert event.reference.startswith(f"AV-{date.today().year}-")
    assert AuditEvent.objects.filter(action="create", object_type="events.event", object_id=str(event.pk)).exists()
    assert event.transitions.get().to_state == "rapporterad"


def test_same_idempotency_key_gives_one_event(org):
    first = event_report(
        actor=org.user("medarbetare"), kind="avvikelse", unit=org.vux1, description="x", idempotency_key="k1"
    )
    again = event_report(
        actor=org.user("medarbetare"), kind="avvikelse", unit=org.vux1, description="x", idempotency_key="k1"
    )
    assert first.created and not again.created
    assert again.event.pk == first.event.pk
    assert Event.objects.count() == 1


def test_references_are_sequential_per_kind_and_year(org):
    a, b = report(org), report(org)
    sarah = report(org, kind=EventKind.LEX_SARAH)
    assert int(b.reference[-5:]) == int(a.reference[-5:]) + 1
    assert sarah.reference.startswith("LS-")


@time_machine.travel("2026-04-02 10:00 +0200", tick=False)
def test_lex_sarah_received_deadline_skips_easter(org):
    event = report(org, kind=EventKind.LEX_SARAH)
    deadline = event.deadlines.get(code="mottagen")
    assert deadline.due_on == date(2026, 4, 7)  # skärtorsdag + 1 working day over påsk
    assert event.deadlines.get(code="utredning_startad").due_on == date(2026, 4, 9)


def test_avvikelse_full_loop(org):
    chef = org.user("enhetschef")
    event = report(org)
    event = event_transition(actor=chef, event=event, code="motta", responsible=chef)
    assert event.deadlines.get(code="mottagen").met_on is not None
    event = event_transition(actor=chef, event=event, code="starta_utredning")
    with pytest.raises(TransitionError, match="Dokumentera utredningen"):
        event_transition(actor=chef, event=event, code="besluta_atgarder")
    EventEntry.objects.create(
        event=event,
        topic=EntryTopic.CAUSES,
        text="Rutin saknades",
        author=chef,
        author_name="x",
        entry_date=date.today(),
    )
    event = event_transition(actor=chef, event=event, code="besluta_atgarder")
    event = event_transition(actor=chef, event=event, code="avsluta", conclusion="Ny rutin införd")
    assert event.state == "avslutad"
    assert event.closed_on == date.today()
    assert event.outcome == Outcome.UTREDD
    assert list(event.transitions.values_list("to_state", flat=True)) == [
        "rapporterad",
        "mottagen",
        "utreds",
        "atgardas",
        "avslutad",
    ]


def test_medarbetare_may_not_receive(org):
    event = report(org)
    with pytest.raises(PermissionDenied):
        event_transition(actor=org.user("medarbetare"), event=event, code="motta", responsible=org.user("enhetschef"))
    event.refresh_from_db()
    assert event.state == "rapporterad"


def test_enhetschef_outside_scope_may_not_act(org):
    event = report(org, unit=org.vux2)  # sibling of the enhetschef's own unit
    with pytest.raises(PermissionDenied):
        event_transition(actor=org.user("enhetschef"), event=event, code="motta", responsible=org.user("enhetschef"))


def test_transition_from_wrong_state_is_refused(org):
    event = report(org)
    with pytest.raises(TransitionError, match="kan inte göras"):
        event_transition(actor=org.user("enhetschef"), event=event, code="avsluta", conclusion="x")


def test_close_without_investigation_needs_reason(org):
    chef = org.user("enhetschef")
    event = report(org)
    with pytest.raises(TransitionError, match="skälet"):
        event_transition(actor=chef, event=event, code="avsluta_utan_utredning", conclusion="Ej brist")
    event = event_transition(
        actor=chef, event=event, code="avsluta_utan_utredning", conclusion="x", closure_reason=ClosureReason.EJ_BRIST
    )
    assert event.outcome == Outcome.EJ_UTREDD
    assert event.deadlines.get(code="mottagen").met_on is not None


def test_lex_sarah_severe_starts_ivo_deadline_and_blocks_closing_until_sent(org):
    utredare = org.user("utredare")
    event = report(org, kind=EventKind.LEX_SARAH)
    event = event_transition(actor=utredare, event=event, code="motta", responsible=utredare)
    event = event_transition(
        actor=utredare, event=event, code="dokumentera_omedelbara_atgarder", immediate_actions="Personal bytt"
    )
    event = event_transition(actor=utredare, event=event, code="starta_utredning")
    with pytest.raises(TransitionError, match="Saknas"):
        event_transition(actor=utredare, event=event, code="till_bedomning")
    for item in investigation_topics():
        EventEntry.objects.create(
            event=event, topic=item.code, text="…", author=utredare, author_name="U", entry_date=date.today()
        )
    event = event_transition(actor=utredare, event=event, code="till_bedomning")
    event = event_transition(actor=utredare, event=event, code="besluta", outcome=Outcome.MISSFORHALLANDE, severe=True)
    assert event.deadlines.filter(code="ivo_anmalan", met_on__isnull=True).exists()
    with pytest.raises(TransitionError, match="IVO"):
        event_transition(actor=utredare, event=event, code="avsluta", conclusion="Klart")
    event = event_transition(
        actor=utredare, event=event, code="avsluta", conclusion="Klart", ivo_notified_on=date.today()
    )
    assert event.deadlines.get(code="ivo_anmalan").met_on == date.today()


def test_lex_maria_only_mas(org):
    event = report(org, kind=EventKind.LEX_MARIA)
    with pytest.raises(PermissionDenied):
        event_transition(actor=org.user("utredare"), event=event, code="bedom", outcome=Outcome.VARDSKADA, severe=True)
    event = event_transition(actor=org.user("mas"), event=event, code="bedom", outcome=Outcome.VARDSKADA, severe=True)
    assert event.state == "mas_bedomning"


def test_every_required_name_in_the_declaration_is_known():
    from tillit.events.services.requirements import REQUIREMENTS
    from tillit.workflow.declaration import workflows

    for wf in workflows().values():
        for transition in wf.transitions:
            assert set(transition.required) <= set(REQUIREMENTS), (wf.kind, transition.code)
