"""Writes for surveys: building (versioned: a survey with answers cannot change its questions),
distribution (codes per unit, invitations, reminders) and opening and closing. Atomic and audited.
The answering services (no login) are in `answering.py`."""

from __future__ import annotations

import hashlib
import secrets
from datetime import date

from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F

from tillit.audit.models import AuditAction
from tillit.audit.services import audit_object
from tillit.org.access import has_permission
from tillit.org.models import Unit
from tillit.surveys.models import (
    Question,
    QuestionType,
    Section,
    Survey,
    SurveyKind,
    SurveyMode,
    SurveyStatus,
    SurveyToken,
    TokenDraft,
    UnitInvitation,
)
from tillit.surveys.questions import CHOICE_TYPES, WITH_OWN_OPTIONS

MANAGE = "survey.manage"
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read from a letter
CODE_LENGTH = 10
MAX_TOKENS_PER_CALL = 5000
SEAL_SALT = "tillit.surveys.code"
LOCKED = (
    "Enkäten har svar och frågorna kan inte längre ändras. Skapa en ny omgång av enkäten om frågorna behöver ändras."
)
SURVEY_FIELDS = ("title", "kind", "intro", "mode", "legal_basis", "opens_on", "closes_on", "reminder_days")


def _check_actor(actor, unit_id: int) -> None:
    if actor is not None and not has_permission(actor, MANAGE, unit_id):
        raise PermissionDenied("Du har inte behörighet att ändra enkäten.")


def code_hash(code: str) -> str:
    return hashlib.sha256(normalise_code(code).encode()).hexdigest()


def normalise_code(code: str) -> str:
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def has_answers(survey: Survey) -> bool:
    return survey.responses.exists() or TokenDraft.objects.filter(token__survey=survey).exists()


def _check_unlocked(survey: Survey) -> None:
    if has_answers(survey):
        raise ValidationError(LOCKED)


def _check_survey_fields(fields: dict) -> None:
    problems = []
    if not (fields.get("title") or "").strip():
        problems.append("Ange enkätens rubrik.")
    if fields.get("mode") == SurveyMode.IDENTIFIED and not (fields.get("legal_basis") or "").strip():
        problems.append(
            "En identifierad enkät kräver en rättslig grund: beskriv varför svaren får kopplas till personer."
        )
    opens, closes = fields.get("opens_on"), fields.get("closes_on")
    if opens and closes and closes < opens:
        problems.append("Enkäten kan inte stänga före den öppnar.")
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def survey_create(
    *,
    actor,
    unit: Unit,
    code: str,
    title: str,
    year: int,
    kind: str = SurveyKind.BRUKARUNDERSOKNING,
    round: int = 1,
    mode: str = SurveyMode.TOKENS,
    intro: str = "",
    legal_basis: str = "",
    opens_on: date | None = None,
    closes_on: date | None = None,
    reminder_days: int | None = None,
) -> Survey:
    _check_actor(actor, unit.pk)
    fields = {"title": title, "mode": mode, "legal_basis": legal_basis, "opens_on": opens_on, "closes_on": closes_on}
    _check_survey_fields(fields)
    if not 2000 <= year <= 2100:
        raise ValidationError("Ange ett år mellan 2000 och 2100.")
    code = code.strip()
    if not code:
        raise ValidationError("Ange en kod för enkäten (samma kod för varje omgång).")
    if Survey.objects.filter(code=code, year=year, round=round).exists():
        raise ValidationError(f"Det finns redan en enkät {code} för {year}, omgång {round}.")
    survey = Survey.objects.create(
        unit=unit,
        code=code,
        title=title.strip(),
        year=year,
        kind=kind,
        round=round,
        mode=mode,
        intro=intro.strip(),
        legal_basis=legal_basis.strip(),
        opens_on=opens_on,
        closes_on=closes_on,
        reminder_days=reminder_days,
        public_key=secrets.token_urlsafe(16),
        created_by=actor,
    )
    audit_object(actor=actor, action=AuditAction.CREATE, obj=survey, detail={"code": code, "year": year})
    return survey


@transaction.atomic
def survey_update(*, actor, survey: Survey, **fields) -> Survey:
    _check_actor(actor, survey.unit_id)
    if unknown := set(fields) - set(SURVEY_FIELDS):
        raise ValidationError(f"Okända fält: {', '.join(sorted(unknown))}")
    merged = {name: fields.get(name, getattr(survey, name)) for name in SURVEY_FIELDS}
    _check_survey_fields(merged)
    if merged["mode"] != survey.mode and survey.tokens.exists():
        raise ValidationError("Distributionssättet kan inte ändras när koder eller inbjudningar redan finns.")
    changed = [name for name in SURVEY_FIELDS if merged[name] != getattr(survey, name)]
    for name in changed:
        value = merged[name]
        setattr(survey, name, value.strip() if isinstance(value, str) else value)
    if changed:
        survey.save(update_fields=changed)
        audit_object(actor=actor, action=AuditAction.CHANGE, obj=survey, detail={"fields": changed})
    return survey


@transaction.atomic
def survey_open(*, actor, survey: Survey) -> Survey:
    _check_actor(actor, survey.unit_id)
    if survey.mode == SurveyMode.IMPORTED:
        raise ValidationError("En enkät med importerade resultat besvaras inte i Tillit.")
    if not survey.questions.exists():
        raise ValidationError("Lägg till minst en fråga innan enkäten öppnas.")
    if survey.status == SurveyStatus.OPPEN:
        return survey
    survey.status = SurveyStatus.OPPEN
    survey.save(update_fields=["status"])
    audit_object(actor=actor, action=AuditAction.CHANGE, obj=survey, detail={"status": survey.status})
    return survey


@transaction.atomic
def survey_close(*, actor, survey: Survey) -> Survey:
    """Close the survey: answers in progress are discarded and the sealed codes are forgotten."""
    _check_actor(actor, survey.unit_id)
    if survey.status == SurveyStatus.STANGD:
        return survey
    survey.status = SurveyStatus.STANGD
    survey.save(update_fields=["status"])
    TokenDraft.objects.filter(token__survey=survey).delete()
    survey.tokens.update(sealed_code="")
    audit_object(actor=actor, action=AuditAction.CHANGE, obj=survey, detail={"status": survey.status})
    return survey


@transaction.atomic
def section_add(*, actor, survey: Survey, title: str, intro: str = "") -> Section:
    _check_actor(actor, survey.unit_id)
    _check_unlocked(survey)
    if not title.strip():
        raise ValidationError("Ange avsnittets rubrik.")
    position = (survey.sections.order_by("-position").values_list("position", flat=True).first() or 0) + 1
    section = Section.objects.create(survey=survey, title=title.strip(), intro=intro.strip(), position=position)
    audit_object(actor=actor, action=AuditAction.CREATE, obj=section, unit=survey.unit_id, detail={"survey": survey.pk})
    return section


def _check_question(section: Section, fields: dict, question: Question | None = None) -> None:
    problems = []
    qtype = fields["qtype"]
    if qtype not in QuestionType.values:
        problems.append("Välj en frågetyp.")
    if not (fields.get("text") or "").strip():
        problems.append("Skriv frågan.")
    if not (fields.get("code") or "").strip():
        problems.append("Ange frågans kod.")
    elif section.survey.questions.filter(code=fields["code"]).exclude(pk=getattr(question, "pk", None)).exists():
        problems.append(f"Koden {fields['code']} används redan av en annan fråga i enkäten.")
    if qtype in WITH_OWN_OPTIONS and len(fields.get("options") or []) < 2:
        problems.append("Ange minst två svarsalternativ, ett per rad.")
    codes = [o[0] for o in fields.get("options") or []]
    if len(codes) != len(set(codes)):
        problems.append("Två svarsalternativ har samma kod.")
    condition = fields.get("condition_question")
    if condition is not None:
        if condition.survey_id != section.survey_id or (question and condition.pk == question.pk):
            problems.append("Villkoret måste gälla en annan fråga i samma enkät.")
        elif condition.qtype not in CHOICE_TYPES:
            problems.append("Villkoret kan bara gälla en fråga med svarsalternativ.")
        elif not fields.get("condition_value"):
            problems.append("Ange vilket svar som visar frågan.")
    if (
        qtype == QuestionType.CONSENT
        and section.survey.questions.filter(qtype=QuestionType.CONSENT)
        .exclude(pk=getattr(question, "pk", None))
        .exists()
    ):
        problems.append("Enkäten har redan en samtyckesfråga.")
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def question_add(
    *,
    actor,
    section: Section,
    code: str,
    text: str,
    qtype: str,
    options: list | None = None,
    required: bool = False,
    help_text: str = "",
    condition_question: Question | None = None,
    condition_value: str = "",
) -> Question:
    survey = section.survey
    _check_actor(actor, survey.unit_id)
    _check_unlocked(survey)
    fields = {
        "code": code.strip(),
        "text": text,
        "qtype": qtype,
        "options": options or [],
        "condition_question": condition_question,
        "condition_value": condition_value.strip(),
    }
    _check_question(section, fields)
    position = (section.questions.order_by("-position").values_list("position", flat=True).first() or 0) + 1
    question = Question.objects.create(
        survey=survey,
        section=section,
        code=fields["code"],
        text=text.strip(),
        qtype=qtype,
        options=fields["options"] if qtype in WITH_OWN_OPTIONS else [],
        required=required or qtype == QuestionType.CONSENT,
        help_text=help_text.strip(),
        condition_question=condition_question,
        condition_value=fields["condition_value"] if condition_question else "",
        position=position,
    )
    audit_object(
        actor=actor, action=AuditAction.CREATE, obj=question, unit=survey.unit_id, detail={"survey": survey.pk}
    )
    return question


@transaction.atomic
def question_update(*, actor, question: Question, **fields) -> Question:
    """Change a question while the survey has no answers. Saving the same values again (a double
    click) changes nothing and writes no second audit row."""
    survey = question.survey
    _check_actor(actor, survey.unit_id)
    _check_unlocked(survey)
    allowed = ("code", "text", "qtype", "options", "required", "help_text", "condition_question", "condition_value")
    if unknown := set(fields) - set(allowed):
        raise ValidationError(f"Okända fält: {', '.join(sorted(unknown))}")
    merged = {name: fields.get(name, getattr(question, name)) for name in allowed}
    merged = {name: value.strip() if isinstance(value, str) else value for name, value in merged.items()}
    _check_question(question.section, merged, question)
    if merged["qtype"] not in WITH_OWN_OPTIONS:
        merged["options"] = []
    if merged["qtype"] == QuestionType.CONSENT:
        merged["required"] = True
    if merged["condition_question"] is None:
        merged["condition_value"] = ""
    changed = [name for name in allowed if merged[name] != getattr(question, name)]
    if not changed:
        return question
    for name in changed:
        setattr(question, name, merged[name])
    question.save(update_fields=changed)
    audit_object(
        actor=actor,
        action=AuditAction.CHANGE,
        obj=question,
        unit=survey.unit_id,
        detail={"survey": survey.pk, "fields": changed},
    )
    return question


@transaction.atomic
def section_update(*, actor, section: Section, title: str, intro: str = "") -> Section:
    """Change a section's title and text while the survey has no answers (idempotent)."""
    survey = section.survey
    _check_actor(actor, survey.unit_id)
    _check_unlocked(survey)
    if not title.strip():
        raise ValidationError("Ange avsnittets rubrik.")
    values = {"title": title.strip(), "intro": intro.strip()}
    changed = [name for name, value in values.items() if getattr(section, name) != value]
    if not changed:
        return section
    for name in changed:
        setattr(section, name, values[name])
    section.save(update_fields=changed)
    audit_object(
        actor=actor,
        action=AuditAction.CHANGE,
        obj=section,
        unit=survey.unit_id,
        detail={"survey": survey.pk, "fields": changed},
    )
    return section


@transaction.atomic
def question_delete(*, actor, question: Question) -> None:
    survey = question.survey
    _check_actor(actor, survey.unit_id)
    _check_unlocked(survey)
    audit_object(actor=actor, action=AuditAction.CHANGE, obj=survey, detail={"question_deleted": question.pk})
    question.delete()


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def unseal(token: SurveyToken) -> str:
    return signing.loads(token.sealed_code, salt=SEAL_SALT) if token.sealed_code else ""


def _check_distribution(survey: Survey, unit: Unit, mode: str) -> None:
    if survey.mode != mode:
        raise ValidationError(f"Enkäten distribueras som {survey.get_mode_display().lower()}.")
    if survey.status == SurveyStatus.STANGD:
        raise ValidationError("Enkäten är stängd.")
    if not unit.path.startswith(survey.unit.path):
        raise ValidationError("Välj en enhet inom enkätens ansvariga enhet.")


def _invitation_add(survey: Survey, unit: Unit, count: int) -> None:
    invitation, _ = UnitInvitation.objects.get_or_create(survey=survey, unit=unit)
    UnitInvitation.objects.filter(pk=invitation.pk).update(invited=F("invited") + count)


@transaction.atomic
def tokens_generate(*, actor, survey: Survey, unit: Unit, count: int) -> list[tuple[int, str]]:
    """`count` new single-use codes for invitees in `unit`; returns (löpnummer, code) pairs. The code
    is stored as a hash for lookup and sealed for the letters and the reminder list."""
    _check_actor(actor, survey.unit_id)
    _check_distribution(survey, unit, SurveyMode.TOKENS)
    if not 1 <= count <= MAX_TOKENS_PER_CALL:
        raise ValidationError(f"Ange ett antal mellan 1 och {MAX_TOKENS_PER_CALL}.")
    Survey.objects.select_for_update().filter(pk=survey.pk).first()  # one numbering at a time
    start = (survey.tokens.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    made: list[tuple[int, str]] = []
    tokens = []
    for number in range(start, start + count):
        code = _new_code()
        made.append((number, code))
        tokens.append(
            SurveyToken(
                survey=survey,
                unit=unit,
                number=number,
                code_hash=code_hash(code),
                sealed_code=signing.dumps(code, salt=SEAL_SALT),
            )
        )
    SurveyToken.objects.bulk_create(tokens)
    _invitation_add(survey, unit, count)
    audit_object(actor=actor, action=AuditAction.CREATE, obj=survey, detail={"tokens": count, "unit": unit.pk})
    return made


@transaction.atomic
def staff_invite(*, actor, survey: Survey, unit: Unit, users) -> int:
    """Invite named staff to an identified survey (each answers once, logged in). Returns how many
    were newly invited."""
    _check_actor(actor, survey.unit_id)
    _check_distribution(survey, unit, SurveyMode.IDENTIFIED)
    already = set(survey.tokens.filter(invitee__in=users).values_list("invitee_id", flat=True))
    start = (survey.tokens.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    new = [u for u in users if u.pk not in already]
    SurveyToken.objects.bulk_create(
        SurveyToken(survey=survey, unit=unit, number=start + i, code_hash=code_hash(_new_code()), invitee=u)
        for i, u in enumerate(new)
    )
    if new:
        _invitation_add(survey, unit, len(new))
        audit_object(actor=actor, action=AuditAction.CREATE, obj=survey, detail={"invited": len(new), "unit": unit.pk})
    return len(new)


@transaction.atomic
def invitation_set(*, actor, survey: Survey, unit: Unit, invited: int) -> UnitInvitation:
    """The number invited in a unit for an open-link survey (the response rate's denominator)."""
    _check_actor(actor, survey.unit_id)
    _check_distribution(survey, unit, SurveyMode.OPEN_LINK)
    if invited < 0:
        raise ValidationError("Antalet inbjudna kan inte vara negativt.")
    invitation, _ = UnitInvitation.objects.update_or_create(survey=survey, unit=unit, defaults={"invited": invited})
    audit_object(actor=actor, action=AuditAction.CHANGE, obj=survey, detail={"invited": invited, "unit": unit.pk})
    return invitation


def unanswered_codes(survey: Survey) -> list[tuple[int, str, str]]:
    """(löpnummer, unit name, code) of every code not yet used, for the municipality's own reminder."""
    return [
        (t.number, t.unit.name, unseal(t))
        for t in survey.tokens.filter(answered=False, invitee__isnull=True).select_related("unit")
    ]


@transaction.atomic
def staff_remind(*, actor, survey: Survey, today: date) -> int:
    """An inbox reminder (and e-mail) to every invited staff member who has not answered; at most one
    per survey and day. Returns how many were reminded."""
    from django.urls import reverse

    from tillit.inbox.services import notification_send

    _check_actor(actor, survey.unit_id)
    if survey.mode != SurveyMode.IDENTIFIED or survey.status != SurveyStatus.OPPEN:
        raise ValidationError("Påminnelser i inkorgen går bara till inbjudna i en öppen identifierad enkät.")
    recipients = list(survey.tokens.filter(answered=False, invitee__isnull=False).values_list("invitee_id", flat=True))
    told = notification_send(
        recipient_ids=recipients,
        key=f"survey:{survey.pk}:remind:{today.isoformat()}",
        message=f"Påminnelse: du är inbjuden att svara på enkäten ”{survey.title}”.",
        url=reverse("surveys_public:answer", args=[survey.public_key]),
    )
    audit_object(actor=actor, action=AuditAction.CHANGE, obj=survey, detail={"reminded": told})
    return told
