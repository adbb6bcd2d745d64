"""Demo egenkontroll: programmes for last year and this year in two units (an aktgranskning of
utredningar in the spirit of Linköping 2021 — utredningsplan finns; upprättad inom sex veckor only
where it exists — and a review of genomförandeplaner in a särskilt boende), adopted by the nämnd,
with last year's rounds carried out on a sample so that the kvalitetsberättelse shows the section.

Idempotent: programmes by unit and year, rounds started once."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from django.db import transaction

from tillit.accounts.models import RoleAssignment
from tillit.assessments.importer import import_framework
from tillit.assessments.models import AssessmentTemplate
from tillit.assessments.services import answer_save, assessment_complete
from tillit.core.roles import Role
from tillit.org.models import Unit
from tillit.self_inspection.models import Method, Programme
from tillit.self_inspection.services import item_add, programme_adopt, programme_create, round_start

TEMPLATES_FILE = Path(__file__).resolve().parent / "criteria" / "egenkontroll_mallar.csv"
# unit code: (item code, what, template code, frequency, responsible, months)
PROGRAMMES = {
    "BOU-UTR": ("AKT", "Aktgranskning av utredningar", "AKTGRANSKNING-BOU", "Två gånger per år", "Enhetschef", [4, 10]),
    "ALD-SAB1": ("GP", "Genomförandeplaner", "GENOMFORANDEPLAN", "Två gånger per år", "Enhetschef", [3, 9]),
}
# The chance of Ja for each criterion (by ref) in a year's rounds: better in the second round.
CHANCES = {1: {"1": 0.3, "2": 0.4, "3": 0.6}, 2: {"1": 0.6, "2": 0.5, "3": 0.7}}
DECISIONS = {0: "SN § 88", 1: "SN § 12"}


def _answer_round(round_, actor, rng: random.Random, chances: dict[str, float]) -> None:
    assessment = round_.assessment
    items = list(assessment.template.items.order_by("position"))
    for case in assessment.cases.order_by("position"):
        given: dict[str, str] = {}
        for item in items:
            if item.condition_item_id and given.get(item.condition_item.ref) != item.condition_value:
                continue
            value = "ja" if rng.random() < chances.get(item.ref, 0.5) else "nej"
            given[item.ref] = value
            answer_save(actor=actor, assessment=assessment, item=item, case=case, value=value)
    assessment_complete(actor=actor, assessment=assessment, today=assessment.performed_on)


@transaction.atomic
def demo_step(*, rng: random.Random, today: date) -> str | None:
    staff = (
        RoleAssignment.objects.filter(role=Role.KVALITETSUTVECKLARE, user__is_active=True, unit__parent__isnull=True)
        .select_related("user", "unit")
        .order_by("user__username")
        .first()
    )
    if staff is None:
        return None
    actor, root = staff.user, staff.unit
    import_framework(TEMPLATES_FILE, establish=True)
    made = rounds = 0
    for unit_code, (code, what, template_code, frequency, responsible, months) in PROGRAMMES.items():
        unit = Unit.objects.filter(code=unit_code, path__startswith=root.path).first()
        if unit is None:
            continue
        template = AssessmentTemplate.objects.get(code=template_code, version=1)
        for offset, year in enumerate((today.year - 1, today.year)):
            if Programme.objects.filter(unit=unit, year=year).exists():
                continue
            programme = programme_create(actor=actor, unit=unit, year=year)
            item = item_add(
                actor=actor,
                programme=programme,
                code=code,
                title=what,
                method=Method.JOURNALGRANSKNING,
                template=template,
                frequency=frequency,
                responsible=responsible,
                months=months,
            )
            programme_adopt(actor=actor, programme=programme, decision_reference=DECISIONS[offset])
            made += 1
            for number, round_ in enumerate(item.rounds.order_by("due_on"), start=1):
                performed_on = round_.due_on.replace(day=15)
                if performed_on >= today or (year == today.year and round_.due_on >= today - timedelta(days=30)):
                    continue  # still in the calendar (the latest one overdue: the reminders show)
                round_ = round_start(
                    actor=actor,
                    round_=round_,
                    performer=actor,
                    performed_on=performed_on,
                    population="120",
                    sample_size=30 if unit_code == "BOU-UTR" else 20,
                    seed=1000 + year * 10 + number,
                )
                _answer_round(round_, actor, random.Random(round_.assessment.seed), CHANCES[min(number, 2)])
                rounds += 1
    if not made:
        return "Exempelegenkontroll finns redan."
    return f"Exempelegenkontroll: {made} program, {rounds} genomförda omgångar."
