"""What the `required` names of a transition in workflows.toml mean for an event, with the Swedish message
shown when a requirement is not met."""

from __future__ import annotations

from collections.abc import Callable

from tillit.events.checklists import missing_topics, patient_information_missing
from tillit.events.models import ClosureReason, Event

PATIENT_INFORMATION_LEGAL_REFERENCE = "PSL (2010:659) 3 kap. 8 §"

REQUIREMENTS: dict[str, tuple[Callable[[Event], bool], str]] = {
    "responsible": (lambda e: e.responsible_id is not None, "Ange vem som är ansvarig."),
    "analysis": (lambda e: e.entries.exists(), "Dokumentera utredningen innan du går vidare."),
    "conclusion": (lambda e: bool(e.conclusion.strip()), "Skriv ett ställningstagande."),
    "closure_reason": (lambda e: bool(e.closure_reason), "Ange skälet till att händelsen inte utreds."),
    "reply": (lambda e: bool(e.reply.strip()) and e.replied_on is not None, "Skriv svaret och ange svarsdatum."),
    "immediate_actions": (
        lambda e: bool(e.immediate_actions.strip()),
        "Dokumentera vad som gjorts för att avhjälpa eller undanröja missförhållandet.",
    ),
    "assessment": (
        lambda e: bool(e.outcome) and e.severe is not None,
        "Gör bedömningen och ange om det är allvarligt.",
    ),
    # The parts of an utredning and the patient information are checklist templates (events/checklists).
    "investigation_complete": (lambda e: not missing_topics(e), "Utredningen saknar delar."),
    "ivo_sent": (lambda e: e.ivo_notified_on is not None, "Registrera när anmälan skickades till IVO."),
    "ivo_sent_if_severe": (
        lambda e: not e.severe or e.ivo_notified_on is not None,
        "Allvarliga händelser ska anmälas till IVO innan ärendet avslutas.",
    ),
    "patient_informed": (
        lambda e: not patient_information_missing(e),
        f"Dokumentera informationen till patienten eller närstående ({PATIENT_INFORMATION_LEGAL_REFERENCE}).",
    ),
}


def unmet(event: Event, required: tuple[str, ...]) -> list[str]:
    """Swedish messages for each requirement of `required` that `event` does not meet (and for a
    value a transition set that is not allowed)."""
    if event.closure_reason and event.closure_reason not in ClosureReason.values:
        return ["Okänt skäl att inte utreda."]
    messages = []
    for name in required:
        check, message = REQUIREMENTS[name]
        if not check(event):
            if name == "investigation_complete":
                message = f"{message} Saknas: {', '.join(missing_topics(event))}."
            elif name == "patient_informed":
                message = f"{message} Saknas: {', '.join(patient_information_missing(event))}."
            messages.append(message)
    return messages
