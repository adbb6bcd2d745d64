"""`import_framework`: templates (frameworks, checklists) from a CSV or XLSX file.

Columns: framework,version,ref,text (required) and parent_ref,type,evidence,confirmed,condition_ref,
condition_value,title,kind,scale,samples,code,applies_when (optional; code is a stable key for an app
that reads the template, applies_when a condition that app tests); one row per item, chapters before their items,
a condition's item before the item it governs. A file may hold several frameworks or versions.

The whole file is validated first; if any row is bad nothing is imported and every bad line is
listed in Swedish. Re-importing the same file changes nothing; a changed file updates an utkast,
and is refused for an established version (make a new version: raise `version` in the file).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from tillit.assessments.models import AssessmentTemplate, ItemType, TemplateItem, TemplateKind
from tillit.assessments.scales import DEFAULT_SCALE_FOR_KIND, DEFAULT_SCALES
from tillit.assessments.services import (
    ItemSpec,
    scale_ensure,
    template_create,
    template_establish,
    template_item_specs,
    template_replace_items,
)
from tillit.core.csvfiles import CsvRow, guard_rows, read_table

REQUIRED = ["framework", "version", "ref", "text"]
OPTIONAL = [
    "parent_ref",
    "type",
    "evidence",
    "confirmed",
    "condition_ref",
    "condition_value",
    "title",
    "kind",
    "scale",
    "samples",
    "code",
    "applies_when",
]
TYPES = {
    "": ItemType.FRAGA,
    "f": ItemType.FORESKRIFT,
    "föreskrift": ItemType.FORESKRIFT,
    "foreskrift": ItemType.FORESKRIFT,
    "ar": ItemType.ALLMANT_RAD,
    "allmänt råd": ItemType.ALLMANT_RAD,
    "allmant_rad": ItemType.ALLMANT_RAD,
    "kapitel": ItemType.KAPITEL,
    "fråga": ItemType.FRAGA,
    "fraga": ItemType.FRAGA,
}
YES = {"ja", "j", "yes", "y", "true", "1", "x"}
NO = {"nej", "n", "no", "false", "0", ""}
CODE_MAX = AssessmentTemplate._meta.get_field("code").max_length
TITLE_MAX = AssessmentTemplate._meta.get_field("title").max_length
REF_MAX = TemplateItem._meta.get_field("ref").max_length
SLUG = re.compile(r"[a-z0-9_]{1,40}")


@dataclass
class FrameworkImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    established: int = 0
    templates: list[AssessmentTemplate] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@dataclass
class _Framework:
    code: str
    version: int
    title: str = ""
    kind: str = TemplateKind.GAP
    scale: str = ""
    samples: bool = False
    items: list[ItemSpec] = field(default_factory=list)


def _parse(rows: list[CsvRow]) -> tuple[dict[tuple[str, int], _Framework], list[str]]:
    errors: dict[int, list[str]] = {}
    frameworks: dict[tuple[str, int], _Framework] = {}
    seen: dict[tuple[str, int], dict[str, tuple[int, str]]] = {}  # ref → (line, type)
    seen_codes: dict[tuple[str, int], dict[str, int]] = {}  # code → line
    for row in rows:
        v, problems = row.values, errors.setdefault(row.line, [])
        code = v["framework"]
        if not code:
            problems.append("framework (mallens kod) saknas")
        elif len(code) > CODE_MAX:
            problems.append(f"koden är längre än {CODE_MAX} tecken")
        if not v["version"].isdigit() or int(v["version"]) < 1:
            problems.append(f"version ska vara ett heltal från 1, inte ”{v['version']}”")
        if not v["ref"]:
            problems.append("ref saknas")
        elif len(v["ref"]) > REF_MAX:
            problems.append(f"ref är längre än {REF_MAX} tecken")
        if not v["text"]:
            problems.append("text saknas")
        item_type = TYPES.get(v.get("type", "").lower())
        if item_type is None:
            problems.append(f"okänd typ ”{v['type']}” (tillåtna: F, AR, kapitel, fråga)")
        confirmed = v.get("confirmed", "").lower()
        if confirmed not in YES | NO:
            problems.append(f"confirmed ska vara ja eller nej, inte ”{v['confirmed']}”")
        if problems or not code:
            continue
        key = (code, int(v["version"]))
        fw = frameworks.setdefault(key, _Framework(code=code, version=key[1]))
        refs = seen.setdefault(key, {})
        _template_fields(fw, v, problems)
        if v["ref"] in refs:
            problems.append(f"ref ”{v['ref']}” finns redan på rad {refs[v['ref']][0]}")
        parent, condition = v.get("parent_ref", ""), v.get("condition_ref", "")
        if parent:
            if parent not in refs:
                problems.append(f"kapitlet ”{parent}” finns inte på en rad före")
            elif refs[parent][1] != ItemType.KAPITEL:
                problems.append(f"”{parent}” är inget kapitel (type kapitel)")
            elif item_type == ItemType.KAPITEL:
                problems.append("ett kapitel kan inte ligga under ett annat kapitel")
        if condition or v.get("condition_value"):
            if not condition or not v.get("condition_value"):
                problems.append("villkoret behöver både condition_ref och condition_value")
            elif condition not in refs or refs[condition][1] == ItemType.KAPITEL:
                problems.append(f"villkorspunkten ”{condition}” finns inte som punkt på en rad före")
            elif item_type == ItemType.KAPITEL:
                problems.append("ett kapitel kan inte ha villkor")
        for column in ("code", "applies_when"):
            if v.get(column) and not SLUG.fullmatch(v[column]):
                problems.append(f"{column} ska vara små bokstäver, siffror och _ (högst 40 tecken), inte ”{v[column]}”")
        if v.get("code"):
            codes = seen_codes.setdefault(key, {})
            if v["code"] in codes:
                problems.append(f"code ”{v['code']}” finns redan på rad {codes[v['code']]}")
            codes.setdefault(v["code"], row.line)
        refs.setdefault(v["ref"], (row.line, item_type))
        fw.items.append(
            ItemSpec(
                ref=v["ref"],
                text=v["text"],
                item_type=item_type,
                parent_ref=parent,
                guidance=v.get("evidence", ""),
                reference_confirmed=confirmed in YES,
                condition_ref=condition,
                condition_value=v.get("condition_value", ""),
                code=v.get("code", ""),
                applies_when=v.get("applies_when", ""),
            )
        )
    for row in rows:  # condition values are checked against each framework's scale
        v = row.values
        key = (v["framework"], int(v["version"])) if v["version"].isdigit() else None
        fw = frameworks.get(key)
        if fw is None or not v.get("condition_value") or not fw.scale:
            continue
        allowed = [code for code, _, _ in DEFAULT_SCALES[fw.scale][1]] if fw.scale in DEFAULT_SCALES else []
        if allowed and v["condition_value"] not in allowed:
            errors[row.line].append(
                f"condition_value ”{v['condition_value']}” finns inte i skalan {fw.scale} ({', '.join(allowed)})"
            )
    return frameworks, [f"rad {line}: " + "; ".join(p) for line, p in sorted(errors.items()) if p]


def _template_fields(fw: _Framework, v: dict[str, str], problems: list[str]) -> None:
    """The template's own columns may be on any row, but must agree where given."""
    title, kind, scale, samples = (v.get(c, "") for c in ("title", "kind", "scale", "samples"))
    if kind and kind not in TemplateKind.values:
        problems.append(f"okänd kind ”{kind}” (tillåtna: {', '.join(TemplateKind.values)})")
        kind = ""
    if scale and scale not in DEFAULT_SCALES:
        problems.append(f"okänd skala ”{scale}” (tillåtna: {', '.join(DEFAULT_SCALES)})")
        scale = ""
    if samples and samples.lower() not in YES | NO:
        problems.append(f"samples ska vara ja eller nej, inte ”{samples}”")
    if len(title) > TITLE_MAX:
        problems.append(f"titeln är längre än {TITLE_MAX} tecken")
    if not fw.items:  # the first row sets them (defaults below)
        fw.title = title or fw.code
        fw.kind = kind or TemplateKind.GAP
        fw.scale = scale or DEFAULT_SCALE_FOR_KIND[fw.kind]
        fw.samples = samples.lower() in YES if samples else fw.kind == TemplateKind.JOURNALGRANSKNING
        return
    for name, given, current in (("title", title, fw.title), ("kind", kind, fw.kind), ("scale", scale, fw.scale)):
        if given and given != current:
            problems.append(f"{name} ”{given}” skiljer sig från mallens första rad (”{current}”)")


@transaction.atomic
def import_framework(
    path: str | Path, *, actor=None, establish: bool = False, redact_personnummer: bool = False
) -> FrameworkImportResult:
    rows, pnr_errors = guard_rows(read_table(path, required=REQUIRED, optional=OPTIONAL), redact=redact_personnummer)
    frameworks, errors = _parse(rows)
    result = FrameworkImportResult(errors=pnr_errors + errors)
    existing = {
        (t.code, t.version): t
        for t in AssessmentTemplate.objects.filter(code__in={c for c, _ in frameworks}).select_related("scale")
    }
    plan = []
    for key, fw in frameworks.items():
        template = existing.get(key)
        if template is None:
            plan.append((fw, None, True))
            continue
        same = template_item_specs(template) == fw.items and (
            template.title,
            template.kind,
            template.scale.code,
            template.samples_cases,
        ) == (fw.title, fw.kind, fw.scale, fw.samples)
        if not same and (template.is_established or template.assessments.exists()):
            result.errors.append(
                f"{fw.code} version {fw.version} är fastställd och kan inte ändras; "
                f"lägg in ändringarna som version {fw.version + 1}"
            )
        plan.append((fw, template, not same))
    if result.errors:
        return result
    try:
        for fw, template, changed in plan:
            scale = scale_ensure(code=fw.scale)
            if template is None:
                template = template_create(
                    actor=actor,
                    code=fw.code,
                    version=fw.version,
                    title=fw.title,
                    kind=fw.kind,
                    scale=scale,
                    samples_cases=fw.samples,
                    items=fw.items,
                )
                result.created += 1
            elif changed:
                template_replace_items(
                    actor=actor,
                    template=template,
                    items=fw.items,
                    title=fw.title,
                    kind=fw.kind,
                    scale=scale,
                    samples_cases=fw.samples,
                )
                result.updated += 1
            else:
                result.unchanged += 1
            if establish and not template.is_established:
                template = template_establish(actor=actor, template=template)
                result.established += 1
            result.templates.append(template)
    except ValidationError as exc:
        transaction.set_rollback(True)
        return FrameworkImportResult(errors=[" ".join(exc.messages)])
    return result
