"""Demo riskanalyser for Exempelby: one before a reorganisation of Hemtjänst Norr (Enköping 2021
made riskanalyser before reorganisations and followed them up at APT) with measures, and last
year's yearly review of Äldreomsorg, followed up. Idempotent: analyses by code."""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.db import transaction

from tillit.accounts.models import RoleAssignment
from tillit.actions.models import ActionType
from tillit.actions.services import action_create
from tillit.core.roles import Role
from tillit.org.models import Unit
from tillit.risks.models import Reason, RiskAnalysis
from tillit.risks.services import analysis_create, risk_add
from tillit.workflow.services import transition

REORG = "RA-DEMO-1"
YEARLY = "RA-DEMO-2"

# description, cause, (p, c) before, (p, c) after, measure (type, text) or None
REORG_RISKS = [
    (
        "Brukare får besök av många nya medarbetare under övergången och känner sig otrygga.",
        "Nya arbetslag och scheman slås ihop samtidigt.",
        (3, 3),
        (2, 2),
        (ActionType.PROCESS, "Kontaktmannaskapet behålls oförändrat i sex veckor efter sammanslagningen."),
    ),
    (
        "Insatser missas när planeringen flyttas till det nya planeringssystemet.",
        "Dubbel planering under övergången; rutinen för överlämning saknas.",
        (2, 4),
        (1, 4),
        (ActionType.NY_RUTIN, "Ny rutin för överlämning av planeringen, med kontroll av alla besök den första veckan."),
    ),
    (
        "Läkemedel delas inte ut i tid under de första veckorna.",
        "Delegeringar följer inte med när medarbetare byter arbetslag.",
        (2, 3),
        (1, 3),
        (ActionType.UTBILDNING, "Genomgång av delegeringar med MAS innan omorganisationen träder i kraft."),
    ),
]
YEARLY_RISKS = [
    ("Fall vid förflyttning i hemmet.", "Hjälpmedel saknas eller används inte.", (3, 3), (2, 2)),
    ("Dokumentation av genomförandeplaner är ofullständig.", "Tidsbrist vid nya ärenden.", (3, 2), (2, 1)),
]


@transaction.atomic
def demo_step(*, rng: random.Random, today: date) -> str | None:
    chef = RoleAssignment.objects.filter(role=Role.ENHETSCHEF, unit__code="ALD-HTN").select_related("user").first()
    boss = RoleAssignment.objects.filter(role=Role.AVDELNINGSCHEF, unit__code="ALD").select_related("user").first()
    htn = Unit.objects.filter(code="ALD-HTN").first()
    if chef is None or boss is None or htn is None:
        return None
    made = 0
    if not RiskAnalysis.objects.filter(code=YEARLY).exists():
        analysis = analysis_create(
            actor=boss.user,
            unit=boss.unit,
            code=YEARLY,
            title=f"Årlig riskanalys äldreomsorgen {today.year - 1}",
            reason=Reason.ARLIG,
            analysed_on=date(today.year - 1, 3, 20),
            participants="Avdelningschef\nEnhetschefer i äldreomsorgen\nMAS",
        )
        transition(actor=boss.user, subject=analysis, code="starta")
        for description, cause, (p, c), (rp, rc) in YEARLY_RISKS:
            risk_add(
                actor=boss.user,
                analysis=analysis,
                description=description,
                cause=cause,
                probability=p,
                consequence=c,
                residual_probability=rp,
                residual_consequence=rc,
                follow_up_on=date(today.year - 1, 9, 30),
            )
        transition(actor=boss.user, subject=analysis, code="besluta")
        transition(actor=boss.user, subject=analysis, code="folja_upp", comment="Följd upp på APT i september.")
        made += 1
    if not RiskAnalysis.objects.filter(code=REORG).exists():
        analysis = analysis_create(
            actor=chef.user,
            unit=htn,
            code=REORG,
            title="Sammanslagning av arbetslagen i Hemtjänst Norr",
            reason=Reason.FORANDRING,
            planned_change="Hemtjänst Norrs tre arbetslag blir två, med ny planering och nya scheman från nästa månad.",
            analysed_on=today - timedelta(days=10),
            participants="Enhetschef\nTvå undersköterskor\nSamordnare\nMAS",
        )
        transition(actor=chef.user, subject=analysis, code="starta")
        for i, (description, cause, (p, c), (rp, rc), (kind, text)) in enumerate(REORG_RISKS):
            risk = risk_add(
                actor=chef.user,
                analysis=analysis,
                description=description,
                cause=cause,
                probability=p,
                consequence=c,
                residual_probability=rp,
                residual_consequence=rc,
                follow_up_on=today + timedelta(days=90),
            )
            action_create(
                actor=chef.user,
                source=risk,
                action_type=kind,
                description=text,
                owner=chef.user,
                due_on=today + timedelta(days=14 + 7 * i),
            )
        transition(actor=chef.user, subject=analysis, code="besluta", comment="Beslutat på APT.")
        made += 1
    return f"Exempelriskanalyser: {made} nya." if made else "Exempelriskanalyser finns redan."
