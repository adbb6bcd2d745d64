"""Importing survey results from elsewhere (national surveys, paper surveys, other tools):

- `import_survey_invitations FILE`: survey,year,unit_code,invited,answered — response rates per unit;
- `import_survey_results FILE`: survey,year,unit_code,question,option,count,positive — answers per
  question and option; positive is ja / nej / vet_ej (vet_ej is left out of the denominator).
  unit_code `riket` (or empty) is the national result, compared with own questions of the same code.

`survey` is the survey's code (the same for every year); a survey not in Tillit yet is created as
an imported survey of that year under the top unit. The whole file is validated first; if any row
is bad nothing is imported and every bad line is listed in Swedish. Re-importing the same file
changes nothing; a changed count replaces the old one.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from tillit.core.csvfiles import CsvRow, guard_rows, read_table
from tillit.org.models import Unit
from tillit.surveys.models import (
    ImportedInvitation,
    ImportedResult,
    Positive,
    Survey,
    SurveyKind,
    SurveyMode,
    SurveyStatus,
)

INVITATION_COLUMNS = ["survey", "year", "unit_code", "invited", "answered"]
RESULT_COLUMNS = ["survey", "year", "unit_code", "question", "option", "count", "positive"]
NATIONAL = {"", "riket"}
CODE_MAX = Survey._meta.get_field("code").max_length
QUESTION_MAX = ImportedResult._meta.get_field("question").max_length
OPTION_MAX = ImportedResult._meta.get_field("option").max_length


@dataclass
class SurveyImportResult:
    surveys_created: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)


def _count(text: str) -> int | None:
    return int(text) if text.strip().isdigit() else None


def _check_common(row: CsvRow, units: dict[str, Unit], problems: list[str], *, national_allowed: bool) -> None:
    v = row.values
    if not v["survey"]:
        problems.append("survey (enkätens kod) saknas")
    elif len(v["survey"]) > CODE_MAX:
        problems.append(f"survey är längre än {CODE_MAX} tecken")
    year = _count(v["year"])
    if year is None or not 2000 <= year <= 2100:
        problems.append(f"year ska vara ett årtal, inte ”{v['year']}”")
    code = v["unit_code"]
    if code.lower() in NATIONAL:
        if not national_allowed:
            problems.append("unit_code saknas (svarsfrekvens anges per enhet)")
    elif code not in units:
        problems.append(f"okänd enhet ”{code}”")


def _validate_invitations(rows: list[CsvRow]) -> list[str]:
    units = {u.code: u for u in Unit.objects.filter(code__in={r.values["unit_code"] for r in rows})}
    errors, seen = [], {}
    for row in rows:
        v, problems = row.values, []
        _check_common(row, units, problems, national_allowed=False)
        invited, answered = _count(v["invited"]), _count(v["answered"])
        if invited is None:
            problems.append(f"invited ska vara ett heltal 0 eller större, inte ”{v['invited']}”")
        if answered is None:
            problems.append(f"answered ska vara ett heltal 0 eller större, inte ”{v['answered']}”")
        if invited is not None and answered is not None and answered > invited:
            problems.append(f"fler svar ({answered}) än inbjudna ({invited})")
        key = (v["survey"], v["year"], v["unit_code"])
        if key in seen:
            problems.append(f"enheten {v['unit_code']} finns redan på rad {seen[key]}")
        seen.setdefault(key, row.line)
        if problems:
            errors.append(f"rad {row.line}: " + "; ".join(problems))
    return errors


def _validate_results(rows: list[CsvRow]) -> list[str]:
    units = {u.code: u for u in Unit.objects.filter(code__in={r.values["unit_code"] for r in rows})}
    errors, seen = [], {}
    for row in rows:
        v, problems = row.values, []
        _check_common(row, units, problems, national_allowed=True)
        if not v["question"]:
            problems.append("question (frågans kod) saknas")
        elif len(v["question"]) > QUESTION_MAX:
            problems.append(f"question är längre än {QUESTION_MAX} tecken")
        if not v["option"]:
            problems.append("option (svarsalternativ) saknas")
        elif len(v["option"]) > OPTION_MAX:
            problems.append(f"option är längre än {OPTION_MAX} tecken")
        if _count(v["count"]) is None:
            problems.append(f"count ska vara ett heltal 0 eller större, inte ”{v['count']}”")
        if v["positive"].lower() not in Positive.values:
            problems.append(f"positive ska vara ja, nej eller vet_ej, inte ”{v['positive']}”")
        key = (v["survey"], v["year"], v["unit_code"].lower() or "riket", v["question"], v["option"])
        if key in seen:
            problems.append(f"samma fråga och svarsalternativ finns redan på rad {seen[key]}")
        seen.setdefault(key, row.line)
        if problems:
            errors.append(f"rad {row.line}: " + "; ".join(problems))
    return errors


def _survey(code: str, year: int, result: SurveyImportResult) -> Survey:
    survey = Survey.objects.filter(code=code, year=year).order_by("-round").first()
    if survey is None:
        top = Unit.objects.filter(parent__isnull=True).order_by("path").first()
        survey = Survey.objects.create(
            unit=top,
            code=code,
            title=code,
            year=year,
            kind=SurveyKind.NATIONELL,
            mode=SurveyMode.IMPORTED,
            status=SurveyStatus.STANGD,
            public_key=secrets.token_urlsafe(16),
        )
        result.surveys_created += 1
    return survey


def _read(path, columns: list[str], validate, redact: bool) -> tuple[list[CsvRow], list[str]]:
    rows, errors = guard_rows(read_table(path, required=columns), redact=redact)
    return rows, errors + validate(rows)


def _sorted(errors: list[str]) -> list[str]:
    return sorted(errors, key=lambda e: int(e.split(":")[0].removeprefix("rad ")))


def import_survey_invitations(path: str | Path, *, redact: bool = False) -> SurveyImportResult:
    rows, errors = _read(path, INVITATION_COLUMNS, _validate_invitations, redact)
    result = SurveyImportResult(errors=_sorted(errors))
    if result.errors:
        return result
    with transaction.atomic():
        units = {u.code: u for u in Unit.objects.filter(code__in={r.values["unit_code"] for r in rows})}
        for row in rows:
            v = row.values
            survey = _survey(v["survey"], int(v["year"]), result)
            values = {"invited": int(v["invited"]), "answered": int(v["answered"])}
            found = ImportedInvitation.objects.filter(survey=survey, unit=units[v["unit_code"]]).first()
            if found is None:
                ImportedInvitation.objects.create(survey=survey, unit=units[v["unit_code"]], **values)
                result.created += 1
            elif (found.invited, found.answered) != (values["invited"], values["answered"]):
                ImportedInvitation.objects.filter(pk=found.pk).update(**values)
                result.updated += 1
            else:
                result.unchanged += 1
    return result


def import_survey_results(path: str | Path, *, redact: bool = False) -> SurveyImportResult:
    rows, errors = _read(path, RESULT_COLUMNS, _validate_results, redact)
    result = SurveyImportResult(errors=_sorted(errors))
    if result.errors:
        return result
    with transaction.atomic():
        units = {u.code: u for u in Unit.objects.filter(code__in={r.values["unit_code"] for r in rows})}
        for row in rows:
            v = row.values
            survey = _survey(v["survey"], int(v["year"]), result)
            unit = None if v["unit_code"].lower() in NATIONAL else units[v["unit_code"]]
            values = {"count": int(v["count"]), "positive": v["positive"].lower()}
            found = ImportedResult.objects.filter(
                survey=survey, unit=unit, question=v["question"], option=v["option"]
            ).first()
            if found is None:
                ImportedResult.objects.create(
                    survey=survey, unit=unit, question=v["question"], option=v["option"], **values
                )
                result.created += 1
            elif (found.count, found.positive) != (values["count"], values["positive"]):
                ImportedResult.objects.filter(pk=found.pk).update(**values)
                result.updated += 1
            else:
                result.unchanged += 1
    return result
