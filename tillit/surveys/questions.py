"""What each question type offers and how its answers count: the fixed options, which options are
positive (the top two steps of the five-point scale, ja), and which are left out of the
denominator ("vet ej / ingen åsikt")."""

from __future__ import annotations

from tillit.surveys.models import Positive, Question, QuestionType

VET_EJ = "vet_ej"

LIKERT5 = [
    ("1", "1 – Mycket dåligt / instämmer inte alls"),
    ("2", "2"),
    ("3", "3"),
    ("4", "4"),
    ("5", "5 – Mycket bra / instämmer helt"),
    (VET_EJ, "Vet ej / ingen åsikt"),
]
YES_NO = [("ja", "Ja"), ("nej", "Nej")]
CONSENT = [("ja", "Ja, jag vill svara"), ("nej", "Nej, jag vill inte svara")]
GENDER = [("kvinna", "Kvinna"), ("man", "Man"), ("annat", "Annat"), ("vill_ej", "Vill inte svara")]
AGE_BAND = [
    ("u18", "Under 18 år"),
    ("18-29", "18–29 år"),
    ("30-49", "30–49 år"),
    ("50-64", "50–64 år"),
    ("65-79", "65–79 år"),
    ("80+", "80 år eller äldre"),
]
FIXED = {
    QuestionType.LIKERT5: LIKERT5,
    QuestionType.YES_NO: YES_NO,
    QuestionType.CONSENT: CONSENT,
    QuestionType.GENDER: GENDER,
    QuestionType.AGE_BAND: AGE_BAND,
}
WITH_OWN_OPTIONS = {QuestionType.SINGLE, QuestionType.MULTIPLE, QuestionType.TARGET_GROUP}
CHOICE_TYPES = {*FIXED, *WITH_OWN_OPTIONS, QuestionType.UNIT}
POSITIVE_TYPES = {QuestionType.LIKERT5, QuestionType.YES_NO}


def options(question: Question, unit_options: list[tuple[str, str]] | None = None) -> list[tuple[str, str]]:
    """The answer options of a choice question (the unit question offers the invited units)."""
    if question.qtype in FIXED:
        return list(FIXED[question.qtype])
    if question.qtype == QuestionType.UNIT:
        return list(unit_options or [])
    return [tuple(o) for o in question.options]


def positive_of(qtype: str, value: str) -> str | None:
    """ja / nej / vet_ej for an answer to a question with a share of positive answers, else None."""
    if qtype == QuestionType.LIKERT5:
        if value == VET_EJ:
            return Positive.VET_EJ
        return Positive.JA if value in ("4", "5") else Positive.NEJ
    if qtype == QuestionType.YES_NO:
        return Positive.JA if value == "ja" else Positive.NEJ
    return None


def parse_options(text: str) -> list[list[str]]:
    """Options typed one per line ("kod; text" or just the text) → [[code, label], …]."""
    from django.utils.text import slugify

    found: list[list[str]] = []
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        code, _, label = line.partition(";") if ";" in line else (slugify(line)[:40], "", line)
        code, label = code.strip(), label.strip()
        found.append([code or str(len(found) + 1), label])
    return found


def options_text(question: Question) -> str:
    return "\n".join(f"{code}; {label}" for code, label in question.options)
