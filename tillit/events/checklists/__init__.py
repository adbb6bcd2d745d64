"""The two checklists of lex Sarah and lex Maria cases, kept as templates on the assessment core.

- LEX-SARAH-UTREDNING: the parts an utredning must cover (SOSFS 2011:5 5 kap. as restated by
  municipal routines). Each item's `code` is the `EventEntry.topic` an entry records, identical to
  the old `EntryTopic` values so that old entries keep their meaning. `investigation_complete`
  requires an entry for each item of the newest established version.
- LEX-MARIA-PATIENTINFORMATION: what the patient (or a närstående) was told (PSL 3 kap. 8 §). A
  `PatientInformation` record keeps its answers as an Assessment of this template (one Answer per
  item, "ja"/"nej"); `patient_informed` requires "ja" on every item that applies to the case. An
  item's `applies_when` is a condition on the case, tested here (`CASE_CONDITIONS`).

Both ship as CSV files beside this module and are loaded by a data migration (so they exist in every
installation); a municipality changes them by importing a new version (`import_framework`).
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

from django.utils import timezone

from tillit.assessments.models import Answer, AssessmentTemplate, TemplateItem
from tillit.assessments.selectors import current_template, template_questions
from tillit.events.models import EntryTopic, Event, Outcome, PatientInformation

HERE = Path(__file__).resolve().parent
TOPICS_TEMPLATE = "LEX-SARAH-UTREDNING"
PATIENT_TEMPLATE = "LEX-MARIA-PATIENTINFORMATION"
FILES = {TOPICS_TEMPLATE: HERE / "lex_sarah_utredning.csv", PATIENT_TEMPLATE: HERE / "lex_maria_patientinformation.csv"}

# Entry topics that are not parts of the utredning: offered always, never required.
EXTRA_TOPICS = (EntryTopic.OTHER, EntryTopic.NOTE)

YES, NO = "ja", "nej"

# `applies_when` codes: whether an item applies to a case.
CASE_CONDITIONS: dict[str, Callable[[Event], bool]] = {
    # Only when a vårdskada occurred: not when the bedömning was "ej vårdskada" or "risk för
    # vårdskada"; before the bedömning it applies.
    "vardskada": lambda event: event.outcome not in (Outcome.EJ_VARDSKADA, Outcome.RISK_FOR_VARDSKADA),
}


def item_applies_to(item: TemplateItem, event: Event) -> bool:
    condition = CASE_CONDITIONS.get(item.applies_when)
    return True if not item.applies_when else bool(condition and condition(event))


# --- Investigation topics ---------------------------------------------------------------------------


def investigation_topics() -> list[TemplateItem]:
    """The parts an utredning must cover now: the newest established version's items."""
    return template_questions(current_template(TOPICS_TEMPLATE))


def entry_topic_choices() -> list[tuple[str, str]]:
    """The topics offered for a new entry: the template's, then the extra ones (övrigt, anteckning)."""
    choices = [(item.code, item.text) for item in investigation_topics()]
    codes = {code for code, _ in choices}
    return choices + [(topic.value, topic.label) for topic in EXTRA_TOPICS if topic.value not in codes]


def topic_labels() -> dict[str, str]:
    """Label of every topic code ever used: the old fixed list, then each version's items (newest wins)."""
    labels = dict(EntryTopic.choices)
    items = TemplateItem.objects.filter(template__code=TOPICS_TEMPLATE).exclude(code="")
    for code, text in items.order_by("template__version").values_list("code", "text"):
        labels[code] = text
    return labels


def missing_topics(event: Event) -> list[str]:
    """Labels of the required topics that `event` has no entry for."""
    covered = set(event.entries.values_list("topic", flat=True))
    return [item.text for item in investigation_topics() if item.code not in covered]


# --- Patient information (lex Maria) ---------------------------------------------------------------


def patient_checklist() -> AssessmentTemplate | None:
    return current_template(PATIENT_TEMPLATE)


def patient_information_values(info: PatientInformation | None) -> dict[str, bool]:
    """Item code → ticked, for the answers recorded on `info` (of whichever version it used)."""
    if info is None or info.assessment_id is None:
        return {}
    answers = Answer.objects.filter(assessment_id=info.assessment_id, case=None).exclude(item__code="")
    return {code: value == YES for code, value in answers.values_list("item__code", "value")}


# Lex Maria outcomes after which the patient (or a närstående) must have been told, as data:
# PSL (2010:659) 3 kap. 8 § requires the information when a vårdskada has occurred; the cautious
# choice extends it to a risk för vårdskada (without the item "att en vårdskada har inträffat", which
# applies only when one did); after "ej vårdskada" nothing is required.
PATIENT_INFORMATION_OUTCOMES = frozenset({Outcome.VARDSKADA, Outcome.RISK_FOR_VARDSKADA})


def patient_information_missing(event: Event) -> list[str]:
    """The items of the checklist the record answered (else the newest version) that apply to the
    case and are not ticked; every applicable item when nothing is recorded; none when the outcome
    requires no patient information."""
    if event.outcome not in PATIENT_INFORMATION_OUTCOMES:
        return []
    info = getattr(event, "patient_information", None)
    template = info.assessment.template if info is not None and info.assessment_id else patient_checklist()
    values = patient_information_values(info)
    return [
        item.text
        for item in template_questions(template)
        if item_applies_to(item, event) and not values.get(item.code, False)
    ]


# --- Loading the shipped files (used by data migrations, with historical models) -------------------

JA_NEJ = (
    "ja_nej",
    "Ja – nej – ej aktuellt",
    [("ja", "Ja", "met"), ("nej", "Nej", "not_met"), ("ej_aktuellt", "Ej aktuellt", "not_applicable")],
)
TYPES = {"f": "foreskrift", "ar": "allmant_rad", "": "fraga", "fråga": "fraga"}


def load_shipped(apps, code: str, version: int) -> None:
    """Create version `version` of the shipped template `code` from its CSV file, established, unless
    it exists. Written for migrations: only the historical models in `apps` are used."""
    Template = apps.get_model("assessments", "AssessmentTemplate")
    Item = apps.get_model("assessments", "TemplateItem")
    Scale = apps.get_model("assessments", "AnswerScale")
    Value = apps.get_model("assessments", "ScaleValue")
    if Template.objects.filter(code=code, version=version).exists():
        return
    with open(FILES[code], encoding="utf-8", newline="") as file:
        rows = [r for r in csv.DictReader(file) if r["framework"] == code and int(r["version"]) == version]
    if not rows:
        raise ValueError(f"{FILES[code].name} has no rows for {code} version {version}")
    first = rows[0]
    scale_code, scale_name, values = JA_NEJ
    if first["scale"] != scale_code:
        raise ValueError(f"{code}: only the {scale_code} scale can be loaded by a migration")
    scale, created = Scale.objects.get_or_create(code=scale_code, defaults={"name": scale_name})
    if created:
        for position, (value, label, meaning) in enumerate(values):
            Value.objects.create(scale=scale, code=value, label=label, meaning=meaning, position=position)
    template = Template.objects.create(
        code=code,
        version=version,
        title=first["title"],
        kind=first["kind"],
        scale=scale,
        status="faststalld",
        established_on=timezone.localdate(),
    )
    for position, row in enumerate(rows, start=1):
        Item.objects.create(
            template=template,
            ref=row["ref"],
            reference_confirmed=row["confirmed"].strip().lower() in ("ja", "yes", "1", "x"),
            item_type=TYPES[row["type"].strip().lower()],
            code=row["code"],
            applies_when=row["applies_when"],
            text=row["text"],
            guidance=row["evidence"],
            position=position,
        )
