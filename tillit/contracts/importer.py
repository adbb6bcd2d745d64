"""`import_providers`: the municipality's contracts with providers from a CSV or XLSX file.

Columns: provider,contract_code,units,valid_from,valid_to,requirements (title optional).
`provider` is the provider's code (units name their provider in `import_org`); `units` the unit
codes the contract covers, separated by `|`, a space or a comma (every one run by the provider);
dates as YYYY-MM-DD (valid_to empty: tills vidare); `requirements` the codes of the requirements
of the AVTALSKRAV checklist the contract demands (empty: all of them).

The whole file is validated first; if any row is bad nothing is imported and every bad line is
listed in Swedish. Re-importing the same file changes nothing; a changed row updates the contract.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from tillit.assessments.selectors import template_questions
from tillit.contracts.models import Contract
from tillit.contracts.services import contract_create, contract_update, requirements_template
from tillit.core.csvfiles import CsvRow, guard_rows, read_table
from tillit.org.models import Provider, Unit

REQUIRED = ["provider", "contract_code", "units", "valid_from", "valid_to", "requirements"]
OPTIONAL = ["title"]
CODE_MAX = Contract._meta.get_field("code").max_length
TITLE_MAX = Contract._meta.get_field("title").max_length
SEPARATORS = re.compile(r"[|,\s]+")


@dataclass
class ContractImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)


class _RowFailed(Exception):
    pass


def _codes(text: str) -> list[str]:
    return [part for part in SEPARATORS.split(text.strip()) if part]


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


def _validate(rows: list[CsvRow]) -> list[str]:
    errors: dict[int, list[str]] = {}
    providers = {p.code: p for p in Provider.objects.all()}
    all_units = {code for row in rows for code in _codes(row.values["units"])}
    units = {u.code: u for u in Unit.objects.filter(code__in=all_units)}
    contracts = {c.code: c for c in Contract.objects.select_related("provider", "template")}
    default_codes = {item.code for item in template_questions(requirements_template())}
    seen: dict[str, int] = {}
    for row in rows:
        v, problems = row.values, errors.setdefault(row.line, [])
        provider = providers.get(v["provider"])
        if provider is None:
            problems.append(f"okänd utförare ”{v['provider']}” (läs in organisationen med utförare först)")
        code = v["contract_code"]
        if not code:
            problems.append("contract_code (avtalsnumret) saknas")
        elif len(code) > CODE_MAX:
            problems.append(f"avtalsnumret är längre än {CODE_MAX} tecken")
        elif code in seen:
            problems.append(f"avtalet {code} finns redan på rad {seen[code]}")
        else:
            seen[code] = row.line
        existing = contracts.get(code)
        if existing is not None and provider is not None and existing.provider_id != provider.pk:
            problems.append(f"avtalet {code} gäller redan {existing.provider.name}")
        unit_codes = _codes(v["units"])
        if not unit_codes:
            problems.append("units (verksamheter) saknas")
        for unit_code in unit_codes:
            unit = units.get(unit_code)
            if unit is None:
                problems.append(f"okänd enhet ”{unit_code}”")
            elif provider is not None and unit.provider_id != provider.pk:
                problems.append(f"enheten {unit_code} drivs inte av {provider.name}")
        valid_from = _date(v["valid_from"])
        if valid_from is None:
            problems.append(f"valid_from ska vara ett datum (ÅÅÅÅ-MM-DD), inte ”{v['valid_from']}”")
        valid_to = _date(v["valid_to"]) if v["valid_to"] else None
        if v["valid_to"] and valid_to is None:
            problems.append(f"valid_to ska vara ett datum (ÅÅÅÅ-MM-DD) eller tomt, inte ”{v['valid_to']}”")
        elif valid_from and valid_to and valid_to < valid_from:
            problems.append("valid_to ligger före valid_from")
        known = {item.code for item in template_questions(existing.template)} if existing is not None else default_codes
        if unknown := [c for c in _codes(v["requirements"]) if c not in known]:
            problems.append(f"okända krav: {', '.join(unknown)} (tillåtna: {', '.join(sorted(known))})")
        if len(v.get("title", "")) > TITLE_MAX:
            problems.append(f"title är längre än {TITLE_MAX} tecken")
    return [f"rad {line}: " + "; ".join(problems) for line, problems in sorted(errors.items()) if problems]


def import_providers(path: str | Path, *, actor=None, redact_personnummer: bool = False) -> ContractImportResult:
    rows = read_table(path, required=REQUIRED, optional=OPTIONAL)
    rows, guard_errors = guard_rows(rows, redact=redact_personnummer)
    result = ContractImportResult(errors=guard_errors + _validate(rows))
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
        return ContractImportResult(errors=result.errors)
    return result


def _import_row(row: CsvRow, result: ContractImportResult, actor) -> None:
    v = row.values
    unit_codes = _codes(v["units"])
    units = list(Unit.objects.filter(code__in=unit_codes).order_by("path"))
    fields = {
        "units": units,
        "valid_from": _date(v["valid_from"]),
        "valid_to": _date(v["valid_to"]) if v["valid_to"] else None,
        "requirement_codes": _codes(v["requirements"]),
    }
    contract = Contract.objects.filter(code=v["contract_code"]).prefetch_related("units").first()
    title = v.get("title", "")
    if contract is None:
        contract_create(
            actor=actor,
            provider=Provider.objects.get(code=v["provider"]),
            code=v["contract_code"],
            title=title,
            **fields,
        )
        result.created += 1
        return
    same = (
        {u.pk for u in contract.units.all()} == {u.pk for u in units}
        and contract.valid_from == fields["valid_from"]
        and contract.valid_to == fields["valid_to"]
        and list(contract.requirement_codes) == fields["requirement_codes"]
        and ("title" not in v or contract.title == title)
    )
    if same:
        result.unchanged += 1
        return
    contract_update(actor=actor, contract=contract, title=title if "title" in v else None, **fields)
    result.updated += 1
