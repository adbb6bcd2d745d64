"""`import_self_inspection`: egenkontroll rounds with their answers from a CSV or XLSX file.

Columns: round_code,template,unit_code,performed_on,case_ref,criterion,answer. One row per answer:
rows with the same `round_code` form one round (same template, unit and date); `template` is the
code of an established template (its newest version, or the version the round already uses);
`case_ref` a pseudonymous case number (never a name or personnummer; empty where the template does
not sample cases); `criterion` the criterion's ref or code in the template; `answer` ja / nej /
ej_aktuellt (the template's scale). The cases in the file are the round's whole sample. A criterion
that applies only when another was answered a given value (declared in the template) may be answered
only where that answer is in the file for the same case.

The whole file is validated first; if any row is bad nothing is imported and every bad line is
listed in Swedish. Re-importing the same file changes nothing; a changed answer updates an open
round and is refused for a finished one. A round whose every applicable criterion is answered is
marked finished on its date.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction

from tillit.assessments.conditions import item_applies
from tillit.assessments.models import Answer, AssessmentTemplate, TemplateItem, TemplateStatus
from tillit.assessments.sampling import case_number_problem
from tillit.assessments.selectors import PERFORM, missing_answers
from tillit.assessments.services import answer_save, assessment_complete, assessment_create
from tillit.core.csvfiles import CsvRow, guard_rows, read_table
from tillit.core.registry import roles_with
from tillit.org.models import Unit
from tillit.self_inspection.models import Round
from tillit.self_inspection.selectors import KINDS

REQUIRED = ["round_code", "template", "unit_code", "performed_on", "case_ref", "criterion", "answer"]
OPTIONAL: list[str] = []
ROUND_CODE_MAX = Round._meta.get_field("code").max_length
IMPORT_SEED = 1  # the file's cases are the whole sample; the seed only orders them


@dataclass
class SelfInspectionImportResult:
    rounds_created: int = 0
    answers_created: int = 0
    answers_updated: int = 0
    unchanged: int = 0
    completed: int = 0
    errors: list[str] = field(default_factory=list)


class _RowFailed(Exception):
    pass


@dataclass
class _Round:
    code: str
    first_line: int
    template: AssessmentTemplate | None = None
    unit: Unit | None = None
    performed_on: date | None = None
    existing: Round | None = None
    rows: list[tuple[CsvRow, TemplateItem]] = field(default_factory=list)


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _templates(codes: set[str]) -> dict[str, AssessmentTemplate]:
    """The newest established version of each code (of an egenkontroll or journalgranskning kind)."""
    found: dict[str, AssessmentTemplate] = {}
    for template in (
        AssessmentTemplate.objects.filter(code__in=codes, status=TemplateStatus.FASTSTALLD, kind__in=KINDS)
        .select_related("scale")
        .order_by("code", "-version")
    ):
        found.setdefault(template.code, template)
    return found


class _Items:
    """Items of a template by ref and code, loaded once per template."""

    def __init__(self) -> None:
        self._cache: dict[int, dict[str, TemplateItem]] = {}
        self.by_id: dict[int, dict[int, TemplateItem]] = {}
        self.values: dict[int, set[str]] = {}

    def of(self, template: AssessmentTemplate) -> dict[str, TemplateItem]:
        if template.pk not in self._cache:
            items = list(template.items.exclude(item_type="kapitel").select_related("condition_item"))
            self.by_id[template.pk] = {i.pk: i for i in template.items.all()}
            self._cache[template.pk] = {i.ref: i for i in items} | {i.code: i for i in items if i.code}
            self.values[template.pk] = set(template.scale.values.values_list("code", flat=True))
        return self._cache[template.pk]


def _validate(rows: list[CsvRow]) -> tuple[list[str], dict[str, _Round]]:
    errors: dict[int, list[str]] = defaultdict(list)
    v_all = [r.values for r in rows]
    units = {u.code: u for u in Unit.objects.filter(code__in={v["unit_code"] for v in v_all})}
    templates = _templates({v["template"] for v in v_all})
    existing = {
        r.code: r
        for r in Round.objects.filter(code__in={v["round_code"] for v in v_all}).select_related(
            "unit", "assessment__template__scale"
        )
    }
    items = _Items()
    rounds: dict[str, _Round] = {}
    seen: dict[tuple[str, str, int], int] = {}
    for row in rows:
        v, problems = row.values, errors[row.line]
        code = v["round_code"]
        if not code:
            problems.append("round_code (omgångens beteckning) saknas")
            continue
        if len(code) > ROUND_CODE_MAX:
            problems.append(f"round_code är längre än {ROUND_CODE_MAX} tecken")
            continue
        first = code not in rounds
        rnd = rounds.setdefault(code, _Round(code=code, first_line=row.line, existing=existing.get(code)))
        # The round's template, unit and date come from its first line; later lines must agree.
        unit = units.get(v["unit_code"])
        performed_on = _date(v["performed_on"])
        if first and rnd.existing is not None and rnd.existing.done_on is not None:
            problems.append(f"omgången {code} är redan registrerad som genomförd utan granskning")
        if rnd.existing is not None and rnd.existing.assessment is not None:
            template = rnd.existing.assessment.template
            if template.code != v["template"]:
                problems.append(f"omgången {code} använder mallen {template.code}, inte ”{v['template']}”")
        else:
            template = templates.get(v["template"])
            if template is None:
                problems.append(
                    f"okänd mall ”{v['template']}” (ange koden för en fastställd mall för egenkontroll "
                    "eller journalgranskning)"
                )
        if unit is None:
            problems.append(f"okänd enhet ”{v['unit_code']}”")
        elif rnd.existing is not None and rnd.existing.unit_id != unit.pk:
            problems.append(f"omgången {code} hör till enheten {rnd.existing.unit.code}, inte {unit.code}")
        if performed_on is None:
            problems.append(f"performed_on ska vara ett datum (ÅÅÅÅ-MM-DD), inte ”{v['performed_on']}”")
        if first:
            rnd.template, rnd.unit, rnd.performed_on = template, unit, performed_on
        else:
            for name, own, ours in (
                ("template", template, rnd.template),
                ("unit_code", unit, rnd.unit),
                ("performed_on", performed_on, rnd.performed_on),
            ):
                if own is not None and ours is not None and own != ours:
                    problems.append(f"{name} skiljer sig från omgångens första rad (rad {rnd.first_line})")
        if template is None:
            continue
        if template.samples_cases and (problem := case_number_problem(v["case_ref"]) if v["case_ref"] else None):
            problems.append(f"case_ref: {problem}")
        elif template.samples_cases and not v["case_ref"]:
            problems.append("case_ref (ärendenummer) saknas; mallen granskar ett urval av ärenden")
        elif not template.samples_cases and v["case_ref"]:
            problems.append(f"mallen {template.code} granskar inga ärenden; lämna case_ref tom")
        item = items.of(template).get(v["criterion"])
        if item is None:
            problems.append(f"mallen {template.code} har inget kriterium ”{v['criterion']}”")
            continue
        if v["answer"] not in items.values[template.pk]:
            allowed = ", ".join(sorted(items.values[template.pk]))
            problems.append(f"okänt svar ”{v['answer']}” (tillåtna: {allowed})")
        key = (code, v["case_ref"], item.pk)
        if key in seen:
            problems.append(f"kriteriet {item.ref} för {v['case_ref'] or 'omgången'} finns redan på rad {seen[key]}")
        else:
            seen[key] = row.line
        if not problems:
            rnd.rows.append((row, item))
    _check_conditions(rounds, items, errors)
    _check_existing(rounds, errors)
    lines = [f"rad {line}: " + "; ".join(problems) for line, problems in sorted(errors.items()) if problems]
    return lines, rounds


def _check_conditions(rounds: dict[str, _Round], items: _Items, errors: dict[int, list[str]]) -> None:
    """A conditional criterion answered where its condition (in the same case) is not met is an error."""
    for rnd in rounds.values():
        if rnd.template is None:
            continue
        by_id = items.by_id[rnd.template.pk]
        per_case: dict[str, dict[int, str]] = defaultdict(dict)
        for row, item in rnd.rows:
            per_case[row.values["case_ref"]][item.pk] = row.values["answer"]
        for row, item in rnd.rows:
            if item.condition_item_id is None:
                continue
            answers = per_case[row.values["case_ref"]]
            if item_applies(item, answers, by_id) is not True:
                condition = by_id[item.condition_item_id]
                given = answers.get(condition.pk)
                where = f" för {row.values['case_ref']}" if row.values["case_ref"] else ""
                errors[row.line].append(
                    f"kriteriet {item.ref} gäller bara när {condition.ref} är besvarat "
                    f"”{item.condition_value}”, men {condition.ref} är "
                    + (f"besvarat ”{given}”{where}" if given is not None else f"inte besvarat{where}")
                )


def _check_existing(rounds: dict[str, _Round], errors: dict[int, list[str]]) -> None:
    """A started round keeps its sample; a finished round keeps its answers."""
    for rnd in rounds.values():
        assessment = rnd.existing.assessment if rnd.existing is not None else None
        if assessment is None or not rnd.rows:
            continue
        cases = {c.case_number: c.pk for c in assessment.cases.all()}
        stored = {(a.case_id, a.item_id): a.value for a in assessment.answers.all()}
        for row, item in rnd.rows:
            ref = row.values["case_ref"]
            if assessment.template.samples_cases and ref not in cases:
                errors[row.line].append(f"ärendet {ref} finns inte i omgången {rnd.code}s urval")
            elif not assessment.is_open and stored.get((cases.get(ref), item.pk)) != row.values["answer"]:
                errors[row.line].append(f"omgången {rnd.code} är klar och kan inte ändras")


def _performer(unit: Unit, actor):
    if actor is not None:
        return actor
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            assignments__unit_id__in=unit.ancestor_ids(),
            assignments__role__in=[str(r) for r in roles_with(PERFORM)],
        )
        .order_by("username")
        .first()
    )


def import_self_inspection(path: str | Path, *, actor=None, redact: bool = False) -> SelfInspectionImportResult:
    rows = read_table(path, required=REQUIRED, optional=OPTIONAL)
    rows, guard_errors = guard_rows(rows, redact=redact)
    errors, rounds = _validate(rows)
    result = SelfInspectionImportResult(errors=guard_errors + errors)
    if result.errors:
        return result
    try:
        with transaction.atomic():
            for rnd in rounds.values():
                try:
                    _import_round(rnd, result, actor)
                except ValidationError as exc:
                    result.errors.append(f"rad {rnd.first_line}: omgången {rnd.code}: {' '.join(exc.messages)}")
                    raise _RowFailed from None
    except _RowFailed:
        return SelfInspectionImportResult(errors=result.errors)
    return result


def _import_round(rnd: _Round, result: SelfInspectionImportResult, actor) -> None:
    performer = _performer(rnd.unit, actor)
    if performer is None:
        raise ValidationError(f"Ingen användare får genomföra granskningar i enheten {rnd.unit.code}.")
    round_ = rnd.existing
    if round_ is None:
        round_ = Round.objects.create(
            code=rnd.code,
            unit=rnd.unit,
            title=f"{rnd.template.title} {rnd.performed_on:%Y-%m-%d}",
            due_on=rnd.performed_on,
        )
        result.rounds_created += 1
    assessment = round_.assessment
    if assessment is None:
        refs = list(dict.fromkeys(row.values["case_ref"] for row, _ in rnd.rows)) if rnd.template.samples_cases else []
        assessment = assessment_create(
            actor=performer,  # the command runs without a user: the round is created as its performer's
            template=rnd.template,
            unit=rnd.unit,
            title=round_.title,
            performed_on=rnd.performed_on,
            performer=performer,
            population="\n".join(refs),
            sample_size=len(refs) if refs else None,
            seed=IMPORT_SEED if refs else None,
        )
        round_.assessment = assessment
        round_.save(update_fields=["assessment"])
    if not assessment.is_open:
        result.unchanged += len(rnd.rows)
        return
    cases = {c.case_number: c for c in assessment.cases.all()}
    stored = {(a.case_id, a.item_id): a.value for a in Answer.objects.filter(assessment=assessment)}
    # Within a case, a condition's criterion is saved before the criterion it governs.
    for row, item in sorted(rnd.rows, key=lambda r: (r[0].values["case_ref"], r[1].position)):
        case = cases.get(row.values["case_ref"]) if rnd.template.samples_cases else None
        before = stored.get((case.pk if case else None, item.pk))
        if before == row.values["answer"]:
            result.unchanged += 1
            continue
        answer_save(actor=performer, assessment=assessment, item=item, case=case, value=row.values["answer"])
        if before is None:
            result.answers_created += 1
        else:
            result.answers_updated += 1
    if not missing_answers(assessment):
        assessment_complete(actor=performer, assessment=assessment, today=rnd.performed_on)
        result.completed += 1
