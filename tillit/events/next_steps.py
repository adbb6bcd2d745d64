"""What the case page puts first: the steps the user may take now, what each asks for, and which of
the page's forms the case needs in its current state (the rest waits behind "Fler uppgifter")."""

from __future__ import annotations

from dataclasses import dataclass

from tillit.events.models import Event
from tillit.workflow.declaration import Transition, workflow

# What a transition's declared `required` names ask the user for, in Swedish.
ASKS_FOR = {
    "responsible": "ansvarig",
    "analysis": "anteckningar i utredningen",
    "conclusion": "ställningstagande",
    "closure_reason": "skäl att inte utreda",
    "reply": "svar och svarsdatum",
    "immediate_actions": "omedelbara åtgärder",
    "assessment": "bedömning",
    "investigation_complete": "en komplett utredning",
    "ivo_sent": "när anmälan skickades till IVO",
    "ivo_sent_if_severe": "anmälan till IVO om det är allvarligt",
    "patient_informed": "information till patienten",
}
# Requirements met by documenting in the investigation on the case page.
INVESTIGATION_REQUIREMENTS = frozenset({"analysis", "investigation_complete"})


@dataclass
class NextStep:
    transition: Transition
    asks_for: list[str]


def next_steps(transitions: list[Transition]) -> list[NextStep]:
    return [NextStep(t, [ASKS_FOR[name] for name in t.required if name in ASKS_FOR]) for t in transitions]


def is_investigating(event: Event) -> bool:
    """Whether a step out of the case's state needs the investigation documented on the page."""
    return any(set(t.required) & INVESTIGATION_REQUIREMENTS for t in workflow(event.kind).transitions_from(event.state))


def not_taken_on(event: Event) -> bool:
    """A new case nobody has taken on yet (still in its kind's first state)."""
    return not event.closed_on and event.state == workflow(event.kind).initial
