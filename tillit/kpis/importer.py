"""Loading values into nyckeltal: Kolada responses, and own values from CSV or XLSX files.

`import_kpi_values(FILE)` (columns kpi_code,title,unit_code,period,gender,value) validates the whole
file first: any bad line and nothing is imported, every bad line listed with its number and a Swedish
reason. Re-importing the same file changes nothing; a changed value updates it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from tillit.core.csvfiles import CsvRow, guard_rows, read_table
from tillit.kpis.kolada import KoladaValue
from tillit.kpis.models import RIKET, ComparisonMunicipality, Gender, Kpi, KpiSource
from tillit.kpis.selectors import municipality_unit
from tillit.kpis.services import NewValue, StoreResult, kpi_ensure, kpi_values_store, unit_denominator_set
from tillit.org.models import Unit

COLUMNS = ["kpi_code", "title", "unit_code", "period", "gender", "value"]
PERIOD = re.compile(r"^(\d{4})(?:-(\d{1,2}))?$")
CODE_MAX = Kpi._meta.get_field("code").max_length
TITLE_MAX = Kpi._meta.get_field("title").max_length


# --- Kolada -------------------------------------------------------------------------------------


@transaction.atomic
def store_kolada(*, actor, values: Sequence[KoladaValue], municipality: str) -> StoreResult:
    """Kolada values: the municipality's go to the top unit; riket and others keep their code.

    Atomic: if anything fails, nothing of the batch is kept.
    """
    top = municipality_unit()
    if top is None and any(v.municipality == municipality for v in values):
        raise ValidationError("Organisationen saknas: importera den först (manage.py import_org).")
    kpis = {
        code: kpi_ensure(actor=actor, code=code, source=KpiSource.KOLADA) for code in sorted({v.kpi for v in values})
    }
    for code in sorted({v.municipality for v in values} - {municipality, RIKET}):
        ComparisonMunicipality.objects.get_or_create(code=code)
    rows = [
        NewValue(
            kpi=kpis[v.kpi],
            year=v.period,
            value=v.value,
            unit=top if v.municipality == municipality else None,
            municipality_code="" if v.municipality == municipality else v.municipality,
            gender=v.gender,
            status=v.status[:32],
        )
        for v in values
    ]
    return kpi_values_store(actor=actor, values=rows, origin="kolada")


# --- Own values from a file ---------------------------------------------------------------------


@dataclass
class KpiImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    new_kpis: int = 0
    errors: list[str] = field(default_factory=list)


def parse_period(text: str) -> tuple[int, int] | None:
    """(year, month) from "2025" (month 0) or "2025-03"; None when it is not a period."""
    match = PERIOD.match(text.strip())
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2) or 0)
    if not 1990 <= year <= 2100 or not 0 <= month <= 12 or (match.group(2) and month == 0):
        return None
    return year, month


def parse_number(text: str) -> float | None:
    cleaned = text.replace("\u00a0", "").replace(" ", "").replace(",", ".").removesuffix("%")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


@dataclass(frozen=True)
class _Parsed:
    line: int
    kpi_code: str
    title: str
    unit: Unit
    year: int
    month: int
    gender: str
    value: float


def _validate(rows: list[CsvRow]) -> tuple[list[_Parsed], list[str]]:
    kpis = {k.code: k for k in Kpi.objects.filter(code__in={r.values["kpi_code"] for r in rows})}
    units = {u.code: u for u in Unit.objects.filter(code__in={r.values["unit_code"] for r in rows})}
    errors: dict[int, list[str]] = {}
    parsed: list[_Parsed] = []
    first_line: dict[tuple, int] = {}
    titles: dict[str, str] = {}
    for row in rows:
        v, problems = row.values, errors.setdefault(row.line, [])
        code = v["kpi_code"]
        kpi = kpis.get(code)
        if not code:
            problems.append("kpi_code saknas")
        elif len(code) > CODE_MAX:
            problems.append(f"kpi_code är längre än {CODE_MAX} tecken")
        elif kpi is not None and kpi.source == KpiSource.KOLADA:
            problems.append(f"nyckeltalet {code} hämtas från Kolada och kan inte importeras från fil")
        elif kpi is not None and kpi.source == KpiSource.COMPUTED:
            problems.append(f"nyckeltalet {code} beräknas av Tillit och kan inte importeras från fil")
        elif kpi is None and not v["title"]:
            problems.append(f"nyckeltalet {code} finns inte: ange dess namn i kolumnen title")
        elif len(v["title"]) > TITLE_MAX:
            problems.append(f"title är längre än {TITLE_MAX} tecken")
        elif kpi is None and titles.setdefault(code, v["title"]) != v["title"]:
            problems.append(f"nyckeltalet {code} har ett annat namn än på en tidigare rad")
        unit = units.get(v["unit_code"])
        if not v["unit_code"]:
            problems.append("unit_code saknas")
        elif unit is None:
            problems.append(f"okänd enhet ”{v['unit_code']}”")
        period = parse_period(v["period"])
        if period is None:
            problems.append(f"ogiltig period ”{v['period']}” (skriv år som 2025 eller månad som 2025-03)")
        gender = (v["gender"] or Gender.TOTAL).upper()
        if gender not in Gender.values:
            problems.append(f"okänt kön ”{v['gender']}” (tillåtna: T, K, M)")
        value = parse_number(v["value"])
        if not v["value"]:
            problems.append("värde saknas")
        elif value is None:
            problems.append(f"värdet ”{v['value']}” är inte ett tal")
        if problems:
            continue
        key = (code, unit.code, period, gender)
        if key in first_line:
            problems.append(f"samma nyckeltal, enhet, period och kön finns redan på rad {first_line[key]}")
            continue
        first_line[key] = row.line
        parsed.append(_Parsed(row.line, code, v["title"], unit, period[0], period[1], gender, value))
    messages = [f"rad {line}: " + "; ".join(problems) for line, problems in sorted(errors.items()) if problems]
    return parsed, messages


def import_kpi_values(path: str | Path, *, actor=None, redact_personnummer: bool = False) -> KpiImportResult:
    rows, pnr_errors = guard_rows(read_table(path, required=COLUMNS), redact=redact_personnummer)
    parsed, errors = _validate(rows)
    errors = pnr_errors + errors
    if errors:
        return KpiImportResult(errors=errors)
    result = KpiImportResult()
    try:
        with transaction.atomic():
            kpis: dict[str, Kpi] = {}
            for p in parsed:
                if p.kpi_code not in kpis:
                    existed = Kpi.objects.filter(code=p.kpi_code).exists()
                    kpis[p.kpi_code] = kpi_ensure(actor=actor, code=p.kpi_code, source=KpiSource.MANUAL, title=p.title)
                    result.new_kpis += not existed
            stored = kpi_values_store(
                actor=actor,
                values=[
                    NewValue(
                        kpi=kpis[p.kpi_code], unit=p.unit, year=p.year, month=p.month, gender=p.gender, value=p.value
                    )
                    for p in parsed
                ],
                origin="fil",
            )
    except ValidationError as exc:
        return KpiImportResult(errors=[" ".join(exc.messages)])
    result.created, result.updated, result.unchanged = stored.created, stored.updated, stored.unchanged
    return result


# --- Unit sizes (denominators) from a file ------------------------------------------------------

DENOMINATOR_COLUMNS = ["unit_code", "year", "brukare"]


@dataclass
class DenominatorImportResult:
    stored: int = 0
    errors: list[str] = field(default_factory=list)


def import_unit_denominators(path: str | Path, *, actor=None) -> DenominatorImportResult:
    """The number of brukare per unit and year (columns unit_code,year,brukare); the whole file is
    validated first, re-importing changes nothing."""
    rows = read_table(path, required=DENOMINATOR_COLUMNS)
    units = {u.code: u for u in Unit.objects.filter(code__in={r.values["unit_code"] for r in rows})}
    errors, parsed, seen = [], [], {}
    for row in rows:
        v, problems = row.values, []
        unit = units.get(v["unit_code"])
        if unit is None:
            problems.append(f"okänd enhet ”{v['unit_code']}”" if v["unit_code"] else "unit_code saknas")
        year = parse_period(v["year"])
        if year is None or year[1]:
            problems.append(f"ogiltigt år ”{v['year']}” (skriv till exempel 2025)")
        size = parse_number(v["brukare"])
        if size is None or size <= 0 or size != int(size):
            problems.append(f"antalet brukare ”{v['brukare']}” ska vara ett heltal större än noll")
        if not problems and (key := (unit.code, year[0])) in seen:
            problems.append(f"samma enhet och år finns redan på rad {seen[key]}")
        if problems:
            errors.append(f"rad {row.line}: " + "; ".join(problems))
            continue
        seen[(unit.code, year[0])] = row.line
        parsed.append((unit, year[0], int(size)))
    if errors:
        return DenominatorImportResult(errors=errors)
    with transaction.atomic():
        for unit, year, size in parsed:
            unit_denominator_set(actor=actor, unit=unit, year=year, value=size)
    return DenominatorImportResult(stored=len(parsed))
