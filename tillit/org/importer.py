"""`import_org`: the organisation tree from a CSV file
(code,name,parent_code,level[,provider][,provider_name][,municipality][,namnd]).

The whole file is validated first, against itself and the units already in the database; if any row
is bad nothing is imported and every bad line is reported. Re-importing the same file changes
nothing; a changed name, level or provider updates the unit and a changed parent moves it.
`municipality` and `namnd` name the operator (usually on the top unit only; blank: inherited from
the unit above); a file without those columns leaves them as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import transaction

from tillit.core.csvfiles import CsvRow, read_csv
from tillit.org.models import Provider, Unit, UnitLevel
from tillit.org.services import provider_create, unit_create, unit_move, unit_update

REQUIRED = ["code", "name", "parent_code", "level"]
OPTIONAL = ["provider", "provider_name", "municipality", "namnd"]
OPERATOR_COLUMNS = ("municipality", "namnd")
CODE_MAX = Unit._meta.get_field("code").max_length
NAME_MAX = Unit._meta.get_field("name").max_length


@dataclass
class OrgImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)


class _RowFailed(Exception):
    """A service refused a row during the import; the transaction is rolled back."""


def _validate(rows: list[CsvRow], existing: dict[str, Unit]) -> list[str]:
    errors: dict[int, list[str]] = {}
    first_line: dict[str, int] = {}
    for row in rows:
        v, problems = row.values, errors.setdefault(row.line, [])
        if not v["code"]:
            problems.append("kod saknas")
        elif v["code"] in first_line:
            problems.append(f"koden ”{v['code']}” finns redan på rad {first_line[v['code']]}")
        else:
            first_line[v["code"]] = row.line
        if len(v["code"]) > CODE_MAX:
            problems.append(f"koden är längre än {CODE_MAX} tecken")
        if not v["name"]:
            problems.append("namn saknas")
        elif len(v["name"]) > NAME_MAX:
            problems.append(f"namnet är längre än {NAME_MAX} tecken")
        for column, label in (("municipality", "kommunens"), ("namnd", "nämndens")):
            if len(v.get(column, "")) > NAME_MAX:
                problems.append(f"{label} namn är längre än {NAME_MAX} tecken")
        if v["level"] not in UnitLevel.values:
            problems.append(f"okänd nivå ”{v['level']}” (tillåtna: {', '.join(UnitLevel.values)})")
        if v["parent_code"] and v["parent_code"] == v["code"]:
            problems.append("enheten kan inte vara sin egen överordnade")
        if v.get("provider"):
            try:
                validate_slug(v["provider"])
            except ValidationError:
                problems.append(f"ogiltig utförarkod ”{v['provider']}” (bara a–z, 0–9, - och _)")
        unit = existing.get(v["code"])
        if unit is not None and unit.parent_id is not None and not v["parent_code"]:
            problems.append("enheten har redan en överordnad enhet; att flytta den till översta nivån stöds inte")
    in_file = {r.values["code"]: r for r in rows if r.values["code"]}
    for row in rows:
        parent = row.values["parent_code"]
        if parent and parent not in in_file and parent not in existing:
            errors[row.line].append(f"okänd överordnad enhet ”{parent}”")
    # Cycles, e.g. A → B → A, within the file or through units already in the database.
    db_parent = {u.code: u.parent.code for u in existing.values() if u.parent is not None}

    def parent_of(code: str) -> str:
        return in_file[code].values["parent_code"] if code in in_file else db_parent.get(code, "")

    for row in rows:
        if not row.values["code"]:
            continue
        seen, code = {row.values["code"]}, parent_of(row.values["code"])
        while code:
            if code in seen:
                errors[row.line].append("överordnade enheter bildar en cirkel")
                break
            seen.add(code)
            code = parent_of(code)
    return [f"rad {line}: " + "; ".join(problems) for line, problems in sorted(errors.items()) if problems]


def _ordered(rows: list[CsvRow]) -> list[CsvRow]:
    """Parents before children, whatever the order of the file (the file is known to be acyclic)."""
    by_code = {r.values["code"]: r for r in rows}
    done: set[str] = set()
    ordered: list[CsvRow] = []

    def visit(row: CsvRow) -> None:
        code = row.values["code"]
        if code in done:
            return
        parent = row.values["parent_code"]
        if parent in by_code:
            visit(by_code[parent])
        done.add(code)
        ordered.append(row)

    for row in rows:
        visit(row)
    return ordered


def import_org(path: str | Path, *, actor=None) -> OrgImportResult:
    rows = read_csv(path, required=REQUIRED, optional=OPTIONAL)
    existing = {u.code: u for u in Unit.objects.select_related("provider", "parent")}
    result = OrgImportResult(errors=_validate(rows, existing))
    if result.errors:
        return result
    try:
        with transaction.atomic():
            providers = {p.code: p for p in Provider.objects.all()}
            for row in _ordered(rows):
                try:
                    _import_row(row, existing, providers, result, actor)
                except ValidationError as exc:
                    result.errors.append(f"rad {row.line}: {' '.join(exc.messages)}")
                    raise _RowFailed from None
    except _RowFailed:
        return OrgImportResult(errors=result.errors)
    return result


def _import_row(
    row: CsvRow, existing: dict[str, Unit], providers: dict[str, Provider], result: OrgImportResult, actor
) -> None:
    v = row.values
    parent = existing[v["parent_code"]] if v["parent_code"] else None
    if parent is not None:
        parent.refresh_from_db(fields=["path", "depth"])  # an earlier move in this import may have shifted it
    unit = existing.get(v["code"])
    if unit is None:
        existing[v["code"]] = unit_create(
            actor=actor,
            code=v["code"],
            name=v["name"],
            level=v["level"],
            parent=parent,
            provider=_provider(v, providers, actor),
            municipality=v.get("municipality", ""),
            namnd=v.get("namnd", ""),
        )
        result.created += 1
        return
    # Without a provider column the file says nothing about providers: the unit keeps its own.
    provider = _provider(v, providers, actor) if "provider" in v else unit.provider
    # Likewise without municipality/namnd columns the unit keeps what was set on its page.
    operator = {column: v[column] for column in OPERATOR_COLUMNS if column in v}
    changed = (unit.name, unit.level, unit.provider_id) != (v["name"], v["level"], getattr(provider, "pk", None))
    changed = changed or any(getattr(unit, column) != value for column, value in operator.items())
    moved = parent is not None and unit.parent_id != parent.pk
    if changed:
        unit_update(actor=actor, unit=unit, name=v["name"], level=v["level"], provider=provider, **operator)
    if moved:
        existing[v["code"]] = unit_move(actor=actor, unit=unit, new_parent=parent)
    if changed or moved:
        result.updated += 1
    else:
        result.unchanged += 1


def _provider(values: dict[str, str], providers: dict[str, Provider], actor) -> Provider | None:
    code = values.get("provider", "")
    if not code:
        return None
    if code not in providers:
        providers[code] = provider_create(actor=actor, code=code, name=values.get("provider_name") or code)
    return providers[code]
