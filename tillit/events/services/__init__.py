"""Writes to events, one module per area: `cases` (report, transition, entries, classification,
severe), `conversion` (workflow hooks), `requirements` (what declared requirements mean),
`attachments`, `ivo` (anmälan till IVO), `public` (the form without login and its messages),
`configuration` (categories, service levels, patient information), `importer`, `reminders`.

The case services other apps use are importable from here.
"""

from tillit.events.services.cases import (
    REFERENCE_PREFIX,
    Reported,
    TransitionError,
    allowed_transitions,
    event_classify,
    event_convert_to_avvikelse,
    event_entry_add,
    event_mark_severe,
    event_report,
    event_transition,
    final_state_for,
    may_work_on,
    receipt_code_hash,
    work_roles,
)

__all__ = [
    "REFERENCE_PREFIX",
    "Reported",
    "TransitionError",
    "allowed_transitions",
    "event_classify",
    "event_convert_to_avvikelse",
    "event_entry_add",
    "event_mark_severe",
    "event_report",
    "event_transition",
    "final_state_for",
    "may_work_on",
    "receipt_code_hash",
    "work_roles",
]
