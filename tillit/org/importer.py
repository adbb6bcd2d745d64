"""`import_org`: the organisation tree from a CSV file (code,name,parent_code,level[,provider]).

The whole file is validated first; if any row is bad nothing is imported and every bad line is
reported. Re-importing the same file changes nothing; a changed name or level updates the unit and a
changed parent moves it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from tillit.core.csvfiles import CsvRow, read_csv
from tillit.org.models import Provider, Unit, UnitLevel
from tillit.org.services import provider_create, unit_create, unit_move, unit_update

REQUIRED = ["code", "name", "parent_code", "level"]
OPTIONAL = ["provider", "provider_name"]


@dataclass
class OrgImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)


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
        if not v["name"]:
            problems.append("namn saknas")
        if v["level"] not in UnitLevel.values:
            problems.append(f"okänd nivå ”{v['level']}” (tillåtna: {', '.join(UnitLevel.values)})")
        if v["parent_code"] and v["parent_code"] == v["code"]:
            problems.append("enheten kan inte vara sin egen överordnade")
    in_file = {r.values["code"]: r for r in rows if r.values["code"]}
    for row in rows:
        parent = row.values["parent_code"]
        if parent and parent not in in_file and parent not in existing:
            errors[row.line].append(f"okänd överordnad enhet ”{parent}”")
    for row in rows:  # cycles inside the file, e.g. A → B → A
        seen, code = {row.values["code"]}, row.values["parent_code"]
        while code and code in in_file:
            if code in seen:
                errors[row.line].append("överordnade enheter bildar en cirkel")
                break
            seen.add(code)
            code = in_file[code].values["parent_code"]
    return [f"rad {line}: " + "; ".join(problems) for line, problems in sorted(errors.items()) if problems]


def _ordered(rows: list[CsvRow]) -> list[CsvRow]:
    """Parents before children, whatever the order of the file."""
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
    existing = {u.code: u for u in Unit.objects.select_related("provider")}
    result = OrgImportResult(errors=_validate(rows, existing))
    if result.errors:
        return result
    with transaction.atomic():
        providers = {p.code: p for p in Provider.objects.all()}
        for row in _ordered(rows):
            v = row.values
            provider = _provider(v, providers, actor)
            parent = existing.get(v["parent_code"]) if v["parent_code"] else None
            unit = existing.get(v["code"])
            if unit is None:
                existing[v["code"]] = unit_create(
                    actor=actor, code=v["code"], name=v["name"], level=v["level"], parent=parent, provider=provider
                )
                result.created += 1
                continue
            changed = (unit.name, unit.level, unit.provider_id) != (
                v["name"],
                v["level"],
                getattr(provider, "pk", None),
            )
            moved = parent is not None and unit.parent_id != parent.pk
            if changed:
                unit_update(actor=actor, unit=unit, name=v["name"], level=v["level"], provider=provider)
            if moved:
                existing[v["code"]] = unit_move(actor=actor, unit=unit, new_parent=parent)
            if changed or moved:
                result.updated += 1
            else:
                result.unchanged += 1
    return result


def _provider(values: dict[str, str], providers: dict[str, Provider], actor) -> Provider | None:
    code = values.get("provider", "")
    if not code:
        return None
    if code not in providers:
        providers[code] = provider_create(actor=actor, code=code, name=values.get("provider_name") or code)
    return providers[code]
