"""What the `required` names of a transition in workflows.toml mean for an event, with the Swedish message
shown when a requirement is not met."""

from __future__ import annotations

from collections.abc import Callable

from tillit.events.models import ClosureReason, EntryTopic, Event, Outcome, PatientInformation

# The topics a lex Sarah/lex Maria utredning must cover before the bedömning.
INVESTIGATION_TOPICS = (
    EntryTopic.WHAT_HAPPENED,
    EntryTopic.NOTICED,
    EntryTopic.OCCURRED,
    EntryTopic.CAUSES,
    EntryTopic.EARLIER,
    EntryTopic.RECURRENCE_RISK,
    EntryTopic.MEASURES,
)


def _covered_topics(event: Event) -> set[str]:
    return set(event.entries.values_list("topic", flat=True))


def _missing_topics(event: Event) -> list[str]:
    covered = _covered_topics(event)
    return [topic.label for topic in INVESTIGATION_TOPICS if topic not in covered]


# Lex Maria: what the patient (or a närstående) must have been told before the case is closed, by the
# outcome of the bedömning. PSL (2010:659) 3 kap. 8 § requires the information when a vårdskada has
# occurred; an outcome not listed here (ej vårdskada) requires none, and "att en vårdskada har
# inträffat" is never demanded unless one did. Change the rule here, as data.
PATIENT_INFORMATION_LEGAL_REFERENCE = "PSL (2010:659) 3 kap. 8 §"
PATIENT_INFORMATION_REQUIRED: dict[str, tuple[str, ...]] = {
    Outcome.VARDSKADA: PatientInformation.CHECKLIST,
    Outcome.RISK_FOR_VARDSKADA: tuple(item for item in PatientInformation.CHECKLIST if item != "told_vardskada"),
}


def patient_information_missing(event: Event) -> list[str]:
    """Field names of the patient-information items the event's outcome requires and that are not ticked
    (all required items when nothing is recorded)."""
    required = PATIENT_INFORMATION_REQUIRED.get(event.outcome, ())
    if not required:
        return []
    record = getattr(event, "patient_information", None)  # the reverse one-to-one raises AttributeError
    if record is None:
        return list(required)
    return [name for name in required if not getattr(record, name, False)]


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
    "investigation_complete": (lambda e: not _missing_topics(e), "Utredningen saknar delar."),
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
                message = f"{message} Saknas: {', '.join(_missing_topics(event))}."
            elif name == "patient_informed":
                labels = [
                    PatientInformation._meta.get_field(n).verbose_name for n in patient_information_missing(event)
                ]
                message = f"{message} Saknas: {', '.join(labels)}."
            messages.append(message)
    return messages
