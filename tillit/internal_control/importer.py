"""`import_internal_control`: internkontroll plans from a CSV or XLSX file.

Columns: year,unit_code,code,title,probability,consequence,control,frequency,responsible,status,
outcome,comment (reporting optional). status: genomford / ej_genomford / pagar; outcome:
utan_anmarkning / med_brister or empty (required for genomford). unit_code is the nämnd's top
unit; scores are on the plan's matrix (the 5 × 5 example unless the plan exists already).

The whole file is validated first; if any row is bad nothing is imported and every bad line is
listed in Swedish. Re-importing the same file changes nothing; a changed row updates the point.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from tillit.core.csvfiles import CsvRow, read_table
from tillit.core.privacy import find_personnummer
from tillit.internal_control.models import ControlOutcome, ControlPlan, ControlPoint, ControlStatus
from tillit.internal_control.services import plan_create, plan_matrix, point_add, point_result_set, point_update
from tillit.org.models import Unit

REQUIRED = [
    "year",
    "unit_code",
    "code",
    "title",
    "probability",
    "consequence",
    "control",
    "frequency",
    "responsible",
    "status",
    "outcome",
    "comment",
]
OPTIONAL = ["reporting"]
CODE_MAX = ControlPoint._meta.get_field("code").max_length
TITLE_MAX = ControlPoint._meta.get_field("title").max_length
TEXT = ("control", "frequency", "responsible", "reporting")


@dataclass
class ControlImportResult:
    plans_created: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)


class _RowFailed(Exception):
    pass


def _int(text: str) -> int | None:
    return int(text) if text.strip().isdigit() else None


def _validate(rows: list[CsvRow]) -> list[str]:
    errors: dict[int, list[str]] = {}
    units = {u.code: u for u in Unit.objects.filter(code__in={r.values["unit_code"] for r in rows})}
    plans = {(p.unit.code, p.year): p for p in ControlPlan.objects.select_related("unit", "matrix")}
    default = plan_matrix().data
    seen: dict[tuple[str, str, str], int] = {}
    for row in rows:
        v, problems = row.values, errors.setdefault(row.line, [])
        year = _int(v["year"])
        if year is None or not 2000 <= year <= 2100:
            problems.append(f"year ska vara ett årtal, inte ”{v['year']}”")
        unit = units.get(v["unit_code"])
        if unit is None:
            problems.append(f"okänd enhet ”{v['unit_code']}”")
        elif unit.parent_id is not None:
            problems.append(f"”{v['unit_code']}” är inte nämndens översta enhet")
        if not v["code"]:
            problems.append("code (kontrollpunktens kod) saknas")
        elif len(v["code"]) > CODE_MAX:
            problems.append(f"koden är längre än {CODE_MAX} tecken")
        if not v["title"]:
            problems.append("title (kontrollområde) saknas")
        elif len(v["title"]) > TITLE_MAX:
            problems.append(f"title är längre än {TITLE_MAX} tecken")
        plan = plans.get((v["unit_code"], year))
        data = plan.matrix.data if plan else default
        for name, allowed in (("probability", data.probability_values), ("consequence", data.consequence_values)):
            if _int(v[name]) not in allowed:
                problems.append(f"{name} ska vara ett heltal {allowed[0]}–{allowed[-1]}, inte ”{v[name]}”")
        if v["status"] not in ControlStatus.values:
            problems.append(f"okänd status ”{v['status']}” (tillåtna: {', '.join(ControlStatus.values)})")
        if v["outcome"] and v["outcome"] not in ControlOutcome.values:
            problems.append(f"okänt utfall ”{v['outcome']}” (tillåtna: {', '.join(ControlOutcome.values)} eller tomt)")
        elif v["status"] == ControlStatus.GENOMFORD and not v["outcome"]:
            problems.append("en genomförd kontroll behöver ett utfall (utan_anmarkning eller med_brister)")
        elif v["outcome"] and v["status"] != ControlStatus.GENOMFORD:
            problems.append("utfall anges bara för status genomford")
        for name in ("title", "control", "comment", "responsible"):
            if find_personnummer(v.get(name, "")):
                problems.append(f"{name} innehåller ett personnummer")
        key = (v["unit_code"], v["year"], v["code"])
        if key in seen:
            problems.append(f"kontrollpunkten {v['code']} finns redan på rad {seen[key]}")
        else:
            seen[key] = row.line
    return [f"rad {line}: " + "; ".join(problems) for line, problems in sorted(errors.items()) if problems]


def import_internal_control(path: str | Path, *, actor=None) -> ControlImportResult:
    rows = read_table(path, required=REQUIRED, optional=OPTIONAL)
    result = ControlImportResult(errors=_validate(rows))
    if result.errors:
        return result
    try:
        with transaction.atomic():
            for row in rows:
                try:
                    _import_row(row, result, actor)
                except ValidationError as exc:
                    result.errors.append(f"rad {row.line}: {' '.join(exc.messages)}")
                    raise _RowFailed from None
    except _RowFailed:
        return ControlImportResult(errors=result.errors)
    return result


def _import_row(row: CsvRow, result: ControlImportResult, actor) -> None:
    v = row.values
    unit, year = Unit.objects.get(code=v["unit_code"]), int(v["year"])
    plan = ControlPlan.objects.select_related("matrix").filter(unit=unit, year=year).first()
    if plan is None:
        plan = plan_create(actor=actor, unit=unit, year=year)
        result.plans_created += 1
    fields = {
        "title": v["title"],
        "probability": int(v["probability"]),
        "consequence": int(v["consequence"]),
        **{name: v.get(name, "") for name in TEXT},
    }
    point = plan.points.filter(code=v["code"]).first()
    if point is None:
        point = point_add(actor=actor, plan=plan, code=v["code"], **fields)
        result.created += 1
        changed = True
    else:
        changed = any(getattr(point, k) != val for k, val in fields.items())
        if changed:
            point = point_update(actor=actor, point=point, **fields)
            result.updated += 1
    if (point.status, point.outcome, point.comment) != (v["status"], v["outcome"], v["comment"]):
        point_result_set(actor=actor, point=point, status=v["status"], outcome=v["outcome"], comment=v["comment"])
        if not changed:
            result.updated += 1
            changed = True
    if not changed:
        result.unchanged += 1
