"""Demo surveys for Exempelby: last year's brukarundersökning in hemtjänst (codes by letter, answers
in three units, one of them too small to show on its own), the round before it for comparison,
riket's results for the same questions (as imported), and this year's personalenkät (identified,
open, some staff have answered) for the reminders. Idempotent."""

from __future__ import annotations

import random
from datetime import date

from django.contrib.auth import get_user_model
from django.db import transaction

from tillit.org.models import Unit
from tillit.surveys.answering import response_submit
from tillit.surveys.models import ImportedResult, Positive, QuestionType, Survey, SurveyKind, SurveyMode, SurveyToken
from tillit.surveys.services import (
    question_add,
    section_add,
    staff_invite,
    survey_close,
    survey_create,
    survey_open,
    tokens_generate,
)

CODE = "brukarundersokning-hemtjanst"
# question code, text (Socialstyrelsen's "Vad tycker de äldre om äldreomsorgen?"-style wording)
LIKERT = [
    ("bemotande", "Hur brukar personalen bemöta dig?"),
    ("hansyn", "Tar personalen hänsyn till dina åsikter och önskemål?"),
    ("tid", "Har personalen tillräckligt med tid för att utföra sitt arbete hos dig?"),
    ("trygghet", "Hur tryggt känns det att bo hemma med stöd från hemtjänsten?"),
    ("helhet", "Hur nöjd eller missnöjd är du sammantaget med din hemtjänst?"),
]
NATIONAL = {"bemotande": 0.90, "hansyn": 0.84, "tid": 0.80, "trygghet": 0.86, "helhet": 0.88}
# unit code, invited, answered
UNITS = [("ALD-HTN", 40, 29), ("ALD-HTS", 26, 17), ("ALD-NV1", 6, 3)]


def _build(*, unit: Unit, year: int, round: int = 1) -> Survey:
    survey = survey_create(
        actor=None,
        unit=unit,
        code=CODE,
        title="Brukarundersökning hemtjänst",
        year=year,
        round=round,
        kind=SurveyKind.BRUKARUNDERSOKNING,
        mode=SurveyMode.TOKENS,
        intro="Vi vill veta vad du tycker om din hemtjänst. Det tar ungefär tio minuter. Du är anonym.",
        opens_on=date(year, 3, 1),
        closes_on=date(year, 4, 15),
    )
    start = section_add(actor=None, survey=survey, title="Om enkäten")
    question_add(
        actor=None, section=start, code="samtycke", text="Vill du svara på enkäten?", qtype=QuestionType.CONSENT
    )
    about = section_add(actor=None, survey=survey, title="Om dig")
    question_add(actor=None, section=about, code="kon", text="Är du kvinna eller man?", qtype=QuestionType.GENDER)
    question_add(actor=None, section=about, code="alder", text="Hur gammal är du?", qtype=QuestionType.AGE_BAND)
    care = section_add(actor=None, survey=survey, title="Din hemtjänst")
    for code, text in LIKERT:
        question_add(actor=None, section=care, code=code, text=text, qtype=QuestionType.LIKERT5)
    help_question = question_add(
        actor=None, section=care, code="hjalp", text="Fick du hjälp att fylla i enkäten?", qtype=QuestionType.YES_NO
    )
    question_add(
        actor=None,
        section=care,
        code="hjalp_vem",
        text="Vem hjälpte dig?",
        qtype=QuestionType.SINGLE,
        options=[["anhorig", "En anhörig"], ["personal", "Personal från hemtjänsten"], ["annan", "Någon annan"]],
        condition_question=help_question,
        condition_value="ja",
    )
    question_add(actor=None, section=care, code="ovrigt", text="Vill du berätta något mer?", qtype=QuestionType.TEXT)
    survey_open(actor=None, survey=survey)
    return survey


def _answer(rng: random.Random, shift: float) -> dict:
    answers: dict[str, object] = {
        "samtycke": "ja",
        "kon": rng.choice(["kvinna", "kvinna", "man"]),
        "alder": rng.choice(["65-79", "80+", "80+"]),
        "hjalp": rng.choice(["ja", "nej", "nej"]),
    }
    for code, _ in LIKERT:
        roll = rng.random() + shift
        answers[code] = "vet_ej" if roll < 0.06 else "5" if roll > 0.55 else "4" if roll > 0.22 else rng.choice("123")
    if answers["hjalp"] == "ja":
        answers["hjalp_vem"] = rng.choice(["anhorig", "anhorig", "personal"])
    return answers


def _round(*, rng: random.Random, unit: Unit, year: int, shift: float) -> Survey:
    survey = _build(unit=unit, year=year)
    when = date(year, 3, 20)
    for code, invited, answered in UNITS:
        made = tokens_generate(actor=None, survey=survey, unit=Unit.objects.get(code=code), count=invited)
        for number, _code in made[:answered]:
            token = SurveyToken.objects.get(survey=survey, number=number)
            response_submit(survey=survey, answers=_answer(rng, shift), today=when, token=token)
        if made[answered:]:  # one declined consent in the biggest unit
            token = SurveyToken.objects.get(survey=survey, number=made[answered][0])
            if code == "ALD-HTN":
                response_submit(survey=survey, answers={"samtycke": "nej"}, today=when, token=token)
    survey_close(actor=None, survey=survey)
    return survey


def _staff_survey(*, rng: random.Random, soc: Unit, today: date) -> Survey:
    survey = survey_create(
        actor=None,
        unit=soc,
        code="personalenkat-arbetsmiljo",
        title="Personalenkät om arbetsmiljö och kvalitetsarbete",
        year=today.year,
        kind=SurveyKind.PERSONALENKAT,
        mode=SurveyMode.IDENTIFIED,
        legal_basis="Arbetsgivarens arbetsmiljöansvar (AML 3 kap. 2 a §, AFS 2001:1); svaren sparas utan koppling "
        "till den som svarat, bara vem som är inbjuden och har svarat syns.",
    )
    section = section_add(actor=None, survey=survey, title="Kvalitetsarbetet")
    question_add(
        actor=None,
        section=section,
        code="rutiner",
        text="Jag vet var jag hittar rutinerna för mitt arbete.",
        qtype=QuestionType.LIKERT5,
        required=True,
    )
    question_add(
        actor=None,
        section=section,
        code="avvikelser",
        text="Jag vet hur jag rapporterar en avvikelse.",
        qtype=QuestionType.YES_NO,
        required=True,
    )
    survey_open(actor=None, survey=survey)
    users = list(get_user_model().objects.filter(is_active=True).order_by("username"))
    staff_invite(actor=None, survey=survey, unit=soc, users=users)
    for token in list(survey.tokens.order_by("number"))[::2]:
        response_submit(
            survey=survey,
            answers={"rutiner": rng.choice("3445"), "avvikelser": rng.choice(["ja", "ja", "nej"])},
            today=today,
            token=token,
        )
    return survey


@transaction.atomic
def demo_step(*, rng: random.Random, today: date) -> str | None:
    soc = Unit.objects.filter(parent__isnull=True, code="SOC").first()
    ald = Unit.objects.filter(code="ALD").first()
    if soc is None or ald is None or not all(Unit.objects.filter(code=c).exists() for c, _, _ in UNITS):
        return None
    year = today.year - 1
    if Survey.objects.filter(code=CODE, year=year).exists():
        return "Exempelenkäter finns redan."
    if not Survey.objects.filter(code=CODE, year=year - 1).exists():
        _round(rng=rng, unit=ald, year=year - 1, shift=-0.08)
    survey = _round(rng=rng, unit=ald, year=year, shift=0.0)
    national = _national(year)
    for code, share in NATIONAL.items():
        for option, positive, count in (
            ("Positivt", Positive.JA, round(share * 9000)),
            ("Inte positivt", Positive.NEJ, round((1 - share) * 9000)),
            ("Vet ej", Positive.VET_EJ, 600),
        ):
            ImportedResult.objects.get_or_create(
                survey=national,
                unit=None,
                question=code,
                option=option,
                defaults={"count": count, "positive": positive},
            )
    if not Survey.objects.filter(code="personalenkat-arbetsmiljo", year=today.year).exists():
        _staff_survey(rng=rng, soc=soc, today=today)
    answered = survey.responses.filter(declined=False).count()
    return (
        f"Exempelenkäter: brukarundersökning hemtjänst {year} ({answered} svar), förra omgången, riket, personalenkät."
    )


def _national(year: int) -> Survey:
    import secrets

    found = Survey.objects.filter(code="socialstyrelsen-aldre", year=year).first()
    if found:
        return found
    soc = Unit.objects.filter(parent__isnull=True).order_by("path").first()
    return Survey.objects.create(
        unit=soc,
        code="socialstyrelsen-aldre",
        title="Vad tycker de äldre om äldreomsorgen? (riket)",
        year=year,
        kind=SurveyKind.NATIONELL,
        mode=SurveyMode.IMPORTED,
        status="stangd",
        public_key=secrets.token_urlsafe(16),
    )
