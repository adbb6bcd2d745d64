"""Demo internkontroll for Exempelby, after seed 002 (Alingsås 2018): a plan for last year with eight
control points, seven carried out, the eighth carried over to this year's plan. Idempotent."""

from __future__ import annotations

import random
from datetime import date

from django.db import transaction

from tillit.internal_control.models import ControlPlan
from tillit.internal_control.services import (
    plan_adopt,
    plan_carry_over,
    plan_create,
    point_add,
    point_result_set,
)
from tillit.org.models import Unit

# code, title, (probability, consequence) on the 5 × 5, control, frequency, responsible, reporting,
# result (status, outcome)
POINTS = [
    (
        "1",
        "Utredningstid barn och unga",
        (4, 4),
        "Uppföljning i verksamhetssystemet",
        "Två gånger per år",
        "Avdelningschef IFO",
        "Augusti och februari",
        ("genomford", "med_brister"),
    ),
    (
        "2",
        "Handläggning av ekonomiskt bistånd enligt riktlinjer",
        (3, 3),
        "Stickprov på 20 beslut",
        "En gång per år",
        "Enhetschef ekonomiskt bistånd",
        "Oktober",
        ("genomford", "utan_anmarkning"),
    ),
    (
        "3",
        "Ej verkställda beslut",
        (3, 4),
        "Kontroll av rapporteringen till IVO",
        "Kvartalsvis",
        "Nämndsekreterare",
        "Varje kvartal",
        ("genomford", "utan_anmarkning"),
    ),
    (
        "4",
        "Lex Sarah-rapporter utreds i tid",
        (2, 4),
        "Granskning av utredningstider",
        "Två gånger per år",
        "Kvalitetsutvecklare",
        "Augusti och februari",
        ("genomford", "utan_anmarkning"),
    ),
    (
        "5",
        "Delegeringsordningen följs",
        (3, 3),
        "Stickprov på delegationsbeslut",
        "En gång per år",
        "Nämndsekreterare",
        "November",
        ("genomford", "med_brister"),
    ),
    (
        "6",
        "Attest av fakturor",
        (2, 3),
        "Stickprov på 25 fakturor",
        "En gång per år",
        "Controller",
        "November",
        ("genomford", "utan_anmarkning"),
    ),
    (
        "7",
        "Läkemedelshantering i särskilt boende",
        (3, 5),
        "Egenkontroll och MAS granskning",
        "En gång per år",
        "MAS",
        "December",
        ("genomford", "utan_anmarkning"),
    ),
    (
        "8",
        "Informationssäkerhet – behörigheter i verksamhetssystemet",
        (3, 4),
        "Behörighetsgranskning",
        "En gång per år",
        "Systemförvaltare",
        "December",
        ("ej_genomford", ""),
    ),
]


@transaction.atomic
def demo_step(*, rng: random.Random, today: date) -> str | None:
    soc = Unit.objects.filter(parent__isnull=True, code="SOC").first()
    if soc is None:
        return None
    year = today.year - 1
    if ControlPlan.objects.filter(unit=soc, year=year).exists():
        return "Exempelinternkontroll finns redan."
    plan = plan_create(actor=None, unit=soc, year=year)
    plan_adopt(actor=None, plan=plan, reference="SN § 12", adopted_on=date(year, 2, 15))
    tertial_ends = [date(year, 4, 30), date(year, 8, 31), date(year, 12, 31)]
    for index, row in enumerate(POINTS):
        code, title, (p, c), control, frequency, responsible, reporting, (status, outcome) = row
        point = point_add(
            actor=None,
            plan=plan,
            code=code,
            title=title,
            probability=p,
            consequence=c,
            control=control,
            frequency=frequency,
            responsible=responsible,
            reporting=reporting,
            report_due=tertial_ends[index % 3],
        )
        comment = (
            "Behörighetsgranskningen hann inte göras; förs över till nästa år." if status == "ej_genomford" else ""
        )
        point_result_set(actor=None, point=point, status=status, outcome=outcome, comment=comment)
    _, carried = plan_carry_over(actor=None, plan=plan)
    return f"Exempelinternkontroll {year}: 8 kontrollpunkter, {len(carried)} förd över till {year + 1}."
