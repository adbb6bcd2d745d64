"""`import_gap`: an existing GAP analysis from a CSV or XLSX file, into the assessment core.

Columns: framework,unit_code,assessed_on,requirement,result,comment. `framework` is the code of an
established framework (its latest established version is used), `requirement` its reference as
written in the framework (e.g. `4 kap. 2 §`), `result` one of uppfyllt / delvis / ej_uppfyllt /
ej_tillampligt. The rows of one framework, unit and date form one analysis, which must answer
every requirement; it is saved as finished, performed by `performer` (who must be allowed to
perform assessments in the unit).

The whole file is validated first; if any row is bad nothing is imported and every bad line is
listed in Swedish. Re-importing the same file changes nothing; a finished analysis is never changed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.db import transaction

from tillit.assessments.models import Assessment, AssessmentTemplate, TemplateKind
from tillit.assessments.services import answer_save, assessment_complete, assessment_create
from tillit.core.csvfiles import CsvRow, read_table
from tillit.documents.gap import RESULT_CODES
from tillit.org.access import has_permission
from tillit.org.models import Unit

REQUIRED = ["framework", "unit_code", "assessed_on", "requirement", "result", "comment"]


@dataclass
class GapImportResult:
    created: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)


def _templates() -> dict[str, AssessmentTemplate]:
    """The latest established version of each GAP framework, by code."""
    found: dict[str, AssessmentTemplate] = {}
    for template in AssessmentTemplate.objects.filter(kind=TemplateKind.GAP).order_by("code", "version"):
        if template.is_established:
            found[template.code] = template
    return found


def import_gap(path: str | Path, *, performer) -> GapImportResult:
    rows = read_table(path, required=REQUIRED, optional=[])
    templates = _templates()
    units = {u.code: u for u in Unit.objects.all()}
    errors: dict[int, list[str]] = {}
    groups: dict[tuple[str, str, date], list[CsvRow]] = {}
    for row in rows:
        v, problems = row.values, errors.setdefault(row.line, [])
        template = templates.get(v["framework"])
        if template is None:
            problems.append(f"okänt eller inte fastställt ramverk ”{v['framework']}”")
        if v["unit_code"] not in units:
            problems.append(f"okänd enhet ”{v['unit_code']}”")
        elif not has_permission(performer, "assessment.perform", units[v["unit_code"]]):
            problems.append(f"{performer.username} får inte genomföra granskningar i enheten ”{v['unit_code']}”")
        try:
            assessed_on = date.fromisoformat(v["assessed_on"][:10])
        except ValueError:
            problems.append(f"datumet ”{v['assessed_on']}” är inte ett datum (ÅÅÅÅ-MM-DD)")
            assessed_on = None
        if v["result"] not in RESULT_CODES:
            problems.append(f"okänt resultat ”{v['result']}” (tillåtna: {', '.join(RESULT_CODES)})")
        if template is not None and not template.items.filter(ref=v["requirement"], parent__isnull=False).exists():
            problems.append(f"kravet ”{v['requirement']}” finns inte i ramverket")
        if not problems and assessed_on is not None:
            groups.setdefault((v["framework"], v["unit_code"], assessed_on), []).append(row)
    for (code, unit_code, assessed_on), group in groups.items():
        seen: dict[str, int] = {}
        for row in group:
            ref = row.values["requirement"]
            if ref in seen:
                errors[row.line].append(f"kravet ”{ref}” är redan besvarat på rad {seen[ref]}")
            seen.setdefault(ref, row.line)
        wanted = {i.ref for i in templates[code].items.all() if not i.is_heading}
        if missing := sorted(wanted - set(seen)):
            errors[group[0].line].append(
                f"analysen {code} {unit_code} {assessed_on} saknar svar på: {', '.join(missing)}"
            )
    result = GapImportResult(errors=[f"rad {line}: " + "; ".join(p) for line, p in sorted(errors.items()) if p])
    if result.errors:
        return result
    with transaction.atomic():
        for (code, unit_code, assessed_on), group in groups.items():
            _import_group(templates[code], units[unit_code], assessed_on, group, performer, result)
    return result


def _import_group(template, unit, assessed_on: date, group: list[CsvRow], performer, result) -> None:
    existing = Assessment.objects.filter(template=template, unit=unit, performed_on=assessed_on).first()
    if existing is not None:
        result.unchanged += 1
        return
    assessment = assessment_create(
        actor=performer,
        template=template,
        unit=unit,
        title=f"GAP-analys {template.code} {assessed_on}",
        performed_on=assessed_on,
        performer=performer,
    )
    items = {i.ref: i for i in template.items.all()}
    for row in group:
        v = row.values
        answer_save(
            actor=performer,
            assessment=assessment,
            item=items[v["requirement"]],
            value=v["result"],
            comment=v["comment"],
        )
    assessment_complete(actor=performer, assessment=assessment, today=assessed_on)
    result.created += 1
