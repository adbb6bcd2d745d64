"""`import_risks`: riskanalyser from a CSV or XLSX file (the spreadsheets they live in today).

Columns: analysis_code,title,unit_code,analysed_on,reason,risk,probability,consequence (required) and
residual_probability,residual_consequence,measure,measure_owner,measure_due,planned_change,cause,
follow_up_on,process_step (optional). process_step names the process step the risk concerns as
PROCESSKOD:N (the process code and the step's number on the process map, see
tillit/risks/process_steps.py); the process must apply to the analysis's unit. One row per risk (or
per measure: a risk's row repeated with another measure); rows with the same analysis_code form one
analysis. reason: forandring / process / handelse / arlig. measure_owner is a user name. Scores are
on the default matrix (or on the matrix of an analysis already imported).

The whole file is validated first; if any row is bad nothing is imported and every bad line is
listed in Swedish. Re-importing the same file changes nothing: analyses are matched on their code,
risks on their text within the analysis, measures on their text within the risk; a changed score
updates the risk (unless the analysis is followed up).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction

from tillit.actions.models import Action, ActionType
from tillit.audit.models import AuditAction
from tillit.audit.services import audit_object
from tillit.core.csvfiles import CsvRow, read_table
from tillit.core.privacy import find_personnummer
from tillit.core.registry import roles_with
from tillit.org.models import Unit
from tillit.risks.models import Reason, Risk, RiskAnalysis, RiskMatrix
from tillit.risks.process_steps import step_for_reference
from tillit.risks.services import (
    analysis_create,
    analysis_set_imported_state,
    matrix_default,
    risk_add,
    risk_update,
)

REQUIRED = ["analysis_code", "title", "unit_code", "analysed_on", "reason", "risk", "probability", "consequence"]
OPTIONAL = [
    "residual_probability",
    "residual_consequence",
    "measure",
    "measure_owner",
    "measure_due",
    "planned_change",
    "cause",
    "follow_up_on",
    "process_step",
]
CODE_MAX = RiskAnalysis._meta.get_field("code").max_length
TITLE_MAX = RiskAnalysis._meta.get_field("title").max_length
ANALYSIS_FIELDS = ("title", "unit_code", "analysed_on", "reason")
SCORE_FIELDS = ("probability", "consequence", "residual_probability", "residual_consequence")


@dataclass
class RiskImportResult:
    analyses_created: int = 0
    risks_created: int = 0
    risks_updated: int = 0
    measures_created: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)


class _RowFailed(Exception):
    """A service refused a row during the import; the transaction is rolled back."""


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _int(text: str) -> int | None:
    return int(text) if text.strip().isdigit() else None


def _validate(rows: list[CsvRow]) -> list[str]:
    errors: dict[int, list[str]] = {}
    units = {u.code: u for u in Unit.objects.filter(code__in={r.values["unit_code"] for r in rows})}
    existing = {
        a.code: a
        for a in RiskAnalysis.objects.select_related("matrix", "unit").filter(
            code__in={r.values["analysis_code"] for r in rows}
        )
    }
    default = matrix_default()
    owners = {u.username: u for u in get_user_model().objects.filter(is_active=True)}
    role_names = [str(r) for r in roles_with("risk.manage")]
    first: dict[str, CsvRow] = {}
    risk_scores: dict[tuple[str, str], CsvRow] = {}
    for row in rows:
        v, problems = row.values, errors.setdefault(row.line, [])
        code = v["analysis_code"]
        if not code:
            problems.append("analysis_code saknas")
        elif len(code) > CODE_MAX:
            problems.append(f"analysis_code är längre än {CODE_MAX} tecken")
        if not v["title"]:
            problems.append("title (rubrik) saknas")
        elif len(v["title"]) > TITLE_MAX:
            problems.append(f"rubriken är längre än {TITLE_MAX} tecken")
        unit = units.get(v["unit_code"])
        if unit is None:
            problems.append(f"okänd enhet ”{v['unit_code']}”")
        if _date(v["analysed_on"]) is None:
            problems.append(f"analysed_on ska vara ett datum ÅÅÅÅ-MM-DD, inte ”{v['analysed_on']}”")
        if v["reason"] not in Reason.values:
            problems.append(f"okänd anledning ”{v['reason']}” (tillåtna: {', '.join(Reason.values)})")
        if not v["risk"]:
            problems.append("risk (beskrivning) saknas")
        for name in ("title", "risk", "measure", "planned_change", "cause"):
            if find_personnummer(v.get(name, "")):
                problems.append(f"{name} innehåller ett personnummer; skriv om verksamheten, inte om personer")
        # Scores on the analysis's matrix.
        analysis = existing.get(code)
        matrix: RiskMatrix = analysis.matrix if analysis else default
        ps, cs = matrix.data.probability_values, matrix.data.consequence_values
        for name, allowed in (("probability", ps), ("consequence", cs)):
            if _int(v[name]) not in allowed:
                problems.append(f"{name} ska vara ett heltal {allowed[0]}–{allowed[-1]}, inte ”{v[name]}”")
        rp, rc = v.get("residual_probability", ""), v.get("residual_consequence", "")
        if bool(rp) != bool(rc):
            problems.append("ange både residual_probability och residual_consequence, eller ingen av dem")
        if rp and _int(rp) not in ps:
            problems.append(f"residual_probability ska vara ett heltal {ps[0]}–{ps[-1]}, inte ”{rp}”")
        if rc and _int(rc) not in cs:
            problems.append(f"residual_consequence ska vara ett heltal {cs[0]}–{cs[-1]}, inte ”{rc}”")
        if v.get("process_step") and unit is not None and step_for_reference(unit, v["process_step"]) is None:
            problems.append(
                f"okänt processteg ”{v['process_step']}” för {unit.name} "
                "(ange processkod:stegnummer, t.ex. UTR:3, för en process som gäller enheten)"
            )
        if v.get("follow_up_on") and _date(v["follow_up_on"]) is None:
            problems.append(f"follow_up_on ska vara ett datum ÅÅÅÅ-MM-DD, inte ”{v['follow_up_on']}”")
        # The measure and its owner.
        measure, owner_name, due = v.get("measure", ""), v.get("measure_owner", ""), v.get("measure_due", "")
        if measure:
            owner = owners.get(owner_name)
            if not owner_name:
                problems.append("measure_owner (ansvarig för åtgärden) saknas")
            elif owner is None:
                problems.append(f"okänd eller inaktiv användare ”{owner_name}” som ansvarig")
            elif (
                unit is not None
                and not owner.assignments.filter(unit_id__in=unit.ancestor_ids(), role__in=role_names).exists()
            ):
                problems.append(f"”{owner_name}” kan inte vara ansvarig för åtgärder i {unit.name}")
            if _date(due) is None:
                problems.append(f"measure_due ska vara ett datum ÅÅÅÅ-MM-DD, inte ”{due}”")
        elif owner_name or due:
            problems.append("measure_owner och measure_due kräver en åtgärd i kolumnen measure")
        # Rows of one analysis agree; an imported analysis stays where it is.
        if code in first:
            other = first[code]
            for name in ANALYSIS_FIELDS:
                if v[name] != other.values[name]:
                    problems.append(f"{name} skiljer sig från rad {other.line} i samma analys")
        elif code:
            first[code] = row
        if analysis is not None and unit is not None and analysis.unit_id != unit.pk:
            problems.append(f"analysen {code} finns redan i en annan enhet ({analysis.unit.name})")
        key = (code, v["risk"])
        if key in risk_scores:
            other = risk_scores[key]
            if any(v.get(n, "") != other.values.get(n, "") for n in SCORE_FIELDS):
                problems.append(f"samma risk har andra bedömningar på rad {other.line}")
        else:
            risk_scores[key] = row
    return [f"rad {line}: " + "; ".join(problems) for line, problems in sorted(errors.items()) if problems]


def import_risks(path: str | Path, *, actor=None) -> RiskImportResult:
    rows = read_table(path, required=REQUIRED, optional=OPTIONAL)
    result = RiskImportResult(errors=_validate(rows))
    if result.errors:
        return result
    try:
        with transaction.atomic():
            analyses: dict[str, RiskAnalysis] = {}
            for row in rows:
                try:
                    _import_row(row, analyses, result, actor)
                except ValidationError as exc:
                    result.errors.append(f"rad {row.line}: {' '.join(exc.messages)}")
                    raise _RowFailed from None
            for analysis in analyses.values():
                if analysis.state in ("planerad", "pagar"):
                    judged = not analysis.risks.filter(residual_probability__isnull=True).exists()
                    analysis_set_imported_state(analysis=analysis, state="beslutad" if judged else "pagar")
    except _RowFailed:
        return RiskImportResult(errors=result.errors)
    return result


def _import_row(row: CsvRow, analyses: dict[str, RiskAnalysis], result: RiskImportResult, actor) -> None:
    v = row.values
    code = v["analysis_code"]
    analysis = analyses.get(code) or RiskAnalysis.objects.select_related("matrix", "unit").filter(code=code).first()
    if analysis is None:
        planned = v.get("planned_change", "") or (v["title"] if v["reason"] == Reason.FORANDRING else "")
        analysis = analysis_create(
            actor=None,
            unit=Unit.objects.get(code=v["unit_code"]),
            code=code,
            title=v["title"],
            reason=v["reason"],
            analysed_on=date.fromisoformat(v["analysed_on"]),
            planned_change=planned,
        )
        result.analyses_created += 1
    analyses[code] = analysis
    scores = {
        "probability": int(v["probability"]),
        "consequence": int(v["consequence"]),
        "residual_probability": _int(v.get("residual_probability", "")),
        "residual_consequence": _int(v.get("residual_consequence", "")),
    }
    follow_up_on = _date(v.get("follow_up_on", ""))
    step = step_for_reference(analysis.unit, v["process_step"]) if v.get("process_step") else None
    risk = analysis.risks.filter(description=v["risk"]).first()
    changed = False
    if risk is None:
        risk = risk_add(
            actor=None,
            analysis=analysis,
            description=v["risk"],
            cause=v.get("cause", ""),
            follow_up_on=follow_up_on,
            process_step=step,
            **scores,
        )
        result.risks_created += 1
        changed = True
    elif any(getattr(risk, name) != value for name, value in scores.items()) or (
        step is not None and risk.process_step_id != step.pk
    ):
        step_change = {"process_step": step} if step is not None else {}
        risk = risk_update(actor=None, risk=risk, **scores, **step_change)
        result.risks_updated += 1
        changed = True
    if v.get("measure") and _measure_ensure(risk, v, actor):
        result.measures_created += 1
        changed = True
    if not changed:
        result.unchanged += 1


def _measure_ensure(risk: Risk, v: dict[str, str], actor) -> bool:
    """The row's measure as an åtgärd on the risk, unless the risk already has it. Imported measures
    are history: a due date in the past is kept as it was (the åtgärder screen refuses one)."""
    risk_type = ContentType.objects.get_for_model(Risk)
    if Action.objects.filter(source_type=risk_type, source_id=risk.pk, description=v["measure"]).exists():
        return False
    action = Action.objects.create(
        source_type=risk_type,
        source_id=risk.pk,
        source_reference=risk.reference[:64],
        unit_id=risk.analysis.unit_id,
        action_type=ActionType.ANNAN,
        description=v["measure"],
        owner=get_user_model().objects.get(username=v["measure_owner"]),
        due_on=date.fromisoformat(v["measure_due"]),
    )
    audit_object(actor=actor, action=AuditAction.CREATE, obj=action, detail={"source": "risks.risk", "import": True})
    return True
