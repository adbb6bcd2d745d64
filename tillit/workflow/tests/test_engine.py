"""The transition service and the deadline writes, on a throwaway declaration and a plain object
that speaks the subject protocol (no model, no table of its own)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from tillit.core.roles import Role
from tillit.workflow import services
from tillit.workflow.declaration import load
from tillit.workflow.models import DeadlineSetting, WorkflowSubject
from tillit.workflow.services import TransitionError, allowed_transitions, transition
from tillit.workflow.tests.test_declaration import DECLARATION

pytestmark = pytest.mark.django_db

HOOK_CALLS: list[tuple] = []


def hook(*, actor, subject, transition):
    """Named by the throwaway declaration's `avsluta`."""
    HOOK_CALLS.append((actor, subject.state, transition.code))
    return f"uppföljning av {subject.name}"


class Subject(WorkflowSubject):
    workflow_key = "granskning"
    workflow_fields = ("note", "severe", "sent_on", "outcome")
    workflow_closed_field = "closed_on"
    workflow_outcome_field = "outcome"

    def __init__(self, state: str = "ny") -> None:
        self.name, self.state = "G-1", state
        self.note, self.severe, self.sent_on, self.outcome, self.closed_on = "", False, None, "", None
        self.history: list[dict] = []
        self.deadlines: dict[str, dict] = {}
        self.audits: list[dict] = []

    def workflow_flags(self):
        return {"severe": self.severe, "sent": self.sent_on is not None}

    def workflow_flag_date(self, flag):
        return self.sent_on if flag == "sent" else None

    def workflow_unmet(self, required):
        return [f"Ange {name}." for name in required if not getattr(self, name)]

    def workflow_locked(self):
        return self

    def workflow_may(self, actor, roles):
        return actor in roles  # the actor is a role here: scope is the org app's business

    def workflow_save(self):
        pass

    def workflow_log(self, **row):
        self.history.append(row)

    def workflow_deadline_start(self, *, code, label, legal_reference, due_on):
        self.deadlines.setdefault(code, {"due_on": due_on, "met_on": None})

    def workflow_deadlines_meet(self, codes, *, on):
        for code in codes:
            if code in self.deadlines and self.deadlines[code]["met_on"] is None:
                self.deadlines[code]["met_on"] = on

    def workflow_audit(self, *, actor, action, detail):
        self.audits.append({"action": action, **detail})


@pytest.fixture(autouse=True)
def throwaway(monkeypatch):
    declared = load(DECLARATION, app="test")
    monkeypatch.setattr(services, "workflow", declared.__getitem__)
    monkeypatch.setattr(services, "workflows", lambda: declared)
    HOOK_CALLS.clear()
    with time_machine.travel(datetime(2026, 3, 10, 12, tzinfo=UTC), tick=False):  # a Tuesday
        yield


def begun() -> Subject:
    subject = Subject()
    services.workflow_begin(subject=subject, actor=None, code="skapa", at=None, start=date(2026, 3, 10))
    return subject


def test_beginning_records_history_and_starts_the_state_deadlines_in_working_days():
    subject = begun()
    assert subject.history == [{"code": "skapa", "to_state": "ny", "actor": None, "at": None, "comment": ""}]
    assert subject.deadlines == {"paborjad": {"due_on": date(2026, 3, 12), "met_on": None}}


def test_the_municipal_service_level_overrides_the_declared_days():
    DeadlineSetting.objects.create(workflow="granskning", code="paborjad", days=5)
    assert begun().deadlines["paborjad"]["due_on"] == date(2026, 3, 17)  # 5 working days from Tuesday


def test_transition_checks_role_state_fields_and_requirements():
    subject = begun()
    with pytest.raises(PermissionDenied):
        transition(actor=Role.MEDARBETARE, subject=subject, code="borja", note="x")
    with pytest.raises(TransitionError, match="kan inte göras"):
        transition(actor=Role.UTREDARE, subject=subject, code="avsluta")
    with pytest.raises(TransitionError, match="Okända fält"):
        transition(actor=Role.UTREDARE, subject=subject, code="borja", colour="red")
    with pytest.raises(TransitionError, match="Ange note"):
        transition(actor=Role.UTREDARE, subject=subject, code="borja")
    with pytest.raises(TransitionError, match="Okänt statusbyte"):
        transition(actor=Role.UTREDARE, subject=subject, code="flyga")
    assert subject.state == "ny" and len(subject.history) == 1
    assert [t.code for t in allowed_transitions(Role.ENHETSCHEF, subject)] == ["borja", "stryk"]
    assert allowed_transitions(Role.MEDARBETARE, subject) == []


def test_transition_moves_records_meets_deadlines_and_audits():
    subject = begun()
    done = transition(actor=Role.ENHETSCHEF, subject=subject, code="borja", note="Påbörjad", comment="Nu")
    assert done.subject.state == "pagar" and done.follow_up is None
    assert subject.history[-1]["code"] == "borja" and subject.history[-1]["comment"] == "Nu"
    assert subject.deadlines["paborjad"]["met_on"] == date(2026, 3, 10)
    assert subject.audits == [
        {"action": "transition", "transition": "borja", "from": "ny", "to": "pagar", "fields": ["note"]}
    ]


def test_flags_set_by_a_transition_start_and_meet_their_deadlines():
    subject = begun()
    transition(actor=Role.UTREDARE, subject=subject, code="borja", note="x", severe=True)
    assert subject.deadlines["skickad"] == {"due_on": date(2026, 3, 24), "met_on": None}  # 14 calendar days
    services.deadlines_meet(subject=subject, flag="sent", on=date(2026, 3, 12))
    assert subject.deadlines["skickad"]["met_on"] == date(2026, 3, 12)


def test_flag_set_outside_a_transition():
    subject = begun()
    services.flag_set(subject=subject, flag="severe", on=date(2026, 3, 11))
    assert subject.deadlines["skickad"]["due_on"] == date(2026, 3, 25)


def test_closing_runs_the_declared_hook_records_outcome_and_meets_every_deadline():
    subject = begun()
    transition(actor=Role.UTREDARE, subject=subject, code="borja", note="x", severe=True)
    done = transition(actor=Role.UTREDARE, subject=subject, code="avsluta")
    assert done.follow_up == "uppföljning av G-1"
    assert HOOK_CALLS == [(Role.UTREDARE, "klar", "avsluta")]  # after the state change, once
    assert subject.closed_on == date(2026, 3, 10) and subject.outcome == "granskad"  # the declared default
    assert all(d["met_on"] == date(2026, 3, 10) for d in subject.deadlines.values())


def test_a_final_state_records_its_own_outcome():
    subject = begun()
    transition(actor=Role.ENHETSCHEF, subject=subject, code="stryk")
    assert subject.outcome == "struken" and HOOK_CALLS == []
