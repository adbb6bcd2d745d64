"""Every declared transition of every kind, for every role: allowed exactly when the declaration
(workflows.toml) says so, and a forbidden one changes nothing. Generated from the declaration."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from tillit.assessments.selectors import template_questions
from tillit.assessments.services import embedded_answers_record
from tillit.core.roles import Role
from tillit.events.checklists import patient_checklist
from tillit.events.models import EntryTopic, Event, EventEntry, EventKind, PatientInformation
from tillit.events.services import allowed_transitions, event_report, event_transition
from tillit.workflow.declaration import workflows

CASES = [(kind, t.code) for kind, wf in sorted(workflows().items()) for t in wf.transitions]
OUTCOME = {EventKind.LEX_SARAH: "ej_missforhallande", EventKind.LEX_MARIA: "ej_vardskada"}


def event_ready_for(org, kind: str, state: str, unit) -> Event:
    """An event in `state` that meets every declared requirement, so only the role decides."""
    event = event_report(actor=org.user("medarbetare"), kind=kind, unit=unit, description="Matris").event
    author = org.user("utredare")
    EventEntry.objects.bulk_create(
        EventEntry(event=event, topic=topic, text="x", author=author, author_name="U", entry_date=date.today())
        for topic in EntryTopic
    )
    if kind == EventKind.LEX_MARIA:
        template = patient_checklist()
        answers = embedded_answers_record(
            actor=author,
            assessment=None,
            template=template,
            unit=event.unit,
            title="Matris",
            performed_on=date.today(),
            values={item.code: "ja" for item in template_questions(template)},
        )
        PatientInformation.objects.create(event=event, informed_on=date.today(), recorded_by=author, assessment=answers)
    Event.objects.filter(pk=event.pk).update(
        state=state,
        responsible=org.user("enhetschef"),
        conclusion="Ställningstagande",
        closure_reason="ej_brist",
        reply="Svar",
        replied_on=date.today(),
        outcome=OUTCOME.get(kind, "utredd"),
        severe=False,
        immediate_actions="Åtgärdat",
        ivo_notified_on=date.today(),
    )
    return Event.objects.get(pk=event.pk)


@pytest.mark.django_db
@pytest.mark.parametrize(("kind", "code"), CASES, ids=[f"{k}-{c}" for k, c in CASES])
def test_transition_is_allowed_exactly_for_the_declared_roles(org, kind, code):
    transition = workflows()[kind].transition(code)
    for role in Role:
        user = org.user(role)
        unit = org.p1a if role == Role.UTFORARKONTAKT else org.vux1  # each in their own scope
        event = event_ready_for(org, kind, transition.sources[0], unit)
        allowed = role in transition.roles
        assert (code in {t.code for t in allowed_transitions(user, event)}) is allowed, (str(role), kind, code)
        if allowed:
            assert event_transition(actor=user, event=event, code=code).state == transition.target
        else:
            with pytest.raises(PermissionDenied):
                event_transition(actor=user, event=event, code=code)
            assert Event.objects.get(pk=event.pk).state == transition.sources[0], (str(role), kind, code)
