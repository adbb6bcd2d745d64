"""`import_documents`: styrande dokument and processes from a CSV or XLSX file, as municipalities
keep them in spreadsheets today.

Columns: code,title,type,unit_code,owner,status,version,approved_on,approved_by,next_review_on,
process_code,legal_reference (required) and applies_to,valid_from,activity,responsible,
samverkan_with (optional). A row of type `process` defines a process (title = its name); a rutin's
`process_code` names the process it belongs to, and its `activity` (if given) the step it covers
(made at the end of the process when new). `applies_to` holds unit codes separated by `;` or `|`.
Several `legal_reference`s are separated the same way.

The whole file is validated first; if any row is bad nothing is imported and every bad line is
listed in Swedish. Re-importing the same file changes nothing. A higher `version` of a known
document adds that version, fastställd, and the old one is marked ersatt; a lower one is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from tillit.core.csvfiles import CsvRow, read_table
from tillit.documents.models import (
    Document,
    DocumentStatus,
    DocumentType,
    DocumentVersion,
    Process,
    ProcessActivity,
)
from tillit.org.models import Unit
from tillit.workflow.services import workflow_begin

REQUIRED = [
    "code",
    "title",
    "type",
    "unit_code",
    "owner",
    "status",
    "version",
    "approved_on",
    "approved_by",
    "next_review_on",
    "process_code",
    "legal_reference",
]
OPTIONAL = ["applies_to", "valid_from", "activity", "responsible", "samverkan_with"]
PROCESS = "process"
STATUS_WORDS = {
    "utkast": DocumentStatus.UTKAST,
    "granskning": DocumentStatus.GRANSKNING,
    "remiss": DocumentStatus.GRANSKNING,
    "på remiss": DocumentStatus.GRANSKNING,
    "faststalld": DocumentStatus.FASTSTALLD,
    "fastställd": DocumentStatus.FASTSTALLD,
    "upphavd": DocumentStatus.UPPHAVD,
    "upphävd": DocumentStatus.UPPHAVD,
}
SPLIT = re.compile(r"[;|]")
TITLE_MAX = Document._meta.get_field("title").max_length
CODE_MAX = Document._meta.get_field("code").max_length


@dataclass
class DocumentImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)


def _split(value: str) -> list[str]:
    return [part.strip() for part in SPLIT.split(value) if part.strip()]


def _date(value: str, label: str, problems: list[str]) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        problems.append(f"{label} ”{value}” är inte ett datum (ÅÅÅÅ-MM-DD)")
        return None


def _validate(rows: list[CsvRow], units: dict[str, Unit], users: dict[str, int]) -> list[str]:
    errors: dict[int, list[str]] = {}
    first_line: dict[str, int] = {}
    processes_in_file = {r.values["code"] for r in rows if r.values["type"].lower() == PROCESS}
    known_processes = set(Process.objects.values_list("code", flat=True))
    max_version = dict(Document.objects.annotate(n=Max("versions__number")).values_list("code", "n"))
    for row in rows:
        v, problems = row.values, errors.setdefault(row.line, [])
        code, kind = v["code"], v["type"].lower()
        if not code:
            problems.append("kod saknas")
        elif code in first_line:
            problems.append(f"koden ”{code}” finns redan på rad {first_line[code]}")
        else:
            first_line[code] = row.line
        if len(code) > CODE_MAX:
            problems.append(f"koden är längre än {CODE_MAX} tecken")
        if not v["title"]:
            problems.append("titel saknas")
        elif len(v["title"]) > TITLE_MAX:
            problems.append(f"titeln är längre än {TITLE_MAX} tecken")
        if kind != PROCESS and kind not in DocumentType.values:
            problems.append(f"okänd typ ”{v['type']}” (tillåtna: {', '.join([*DocumentType.values, PROCESS])})")
        if v["unit_code"] not in units:
            problems.append(f"okänd enhet ”{v['unit_code']}”" if v["unit_code"] else "enhet saknas")
        for code_ in _split(v.get("applies_to", "")):
            if code_ not in units:
                problems.append(f"okänd enhet ”{code_}” i gäller för")
        if kind == PROCESS:
            continue
        if v["owner"] not in users:
            problems.append(f"okänd dokumentägare ”{v['owner']}”" if v["owner"] else "dokumentägare saknas")
        status = STATUS_WORDS.get(v["status"].lower())
        if status is None:
            problems.append(f"okänd status ”{v['status']}” (tillåtna: utkast, granskning, faststalld, upphavd)")
        version = int(v["version"]) if v["version"].isdigit() and int(v["version"]) > 0 else None
        if version is None:
            problems.append(f"versionen ”{v['version']}” är inte ett positivt heltal")
        elif code in max_version and max_version[code] and version < max_version[code]:
            problems.append(f"versionen {version} är lägre än den som redan finns ({max_version[code]})")
        approved_on = _date(v["approved_on"], "fastställd den", problems)
        review = _date(v["next_review_on"], "nästa revidering", problems)
        valid_from = _date(v.get("valid_from", ""), "gäller från", problems)
        if status in (DocumentStatus.FASTSTALLD, DocumentStatus.UPPHAVD):
            if not v["approved_by"]:
                problems.append("fastställd av saknas för ett fastställt dokument")
            if not v["approved_on"]:
                problems.append("fastställd den saknas för ett fastställt dokument")
            if status == DocumentStatus.FASTSTALLD and not v["next_review_on"]:
                problems.append("nästa revidering saknas för ett fastställt dokument")
        if review and (valid_from or approved_on) and review <= (valid_from or approved_on):
            problems.append("nästa revidering måste ligga efter fastställandet")
        if v["process_code"] and v["process_code"] not in processes_in_file | known_processes:
            problems.append(f"okänd process ”{v['process_code']}”")
        if v.get("activity") and not v["process_code"]:
            problems.append("en aktivitet kräver en process (process_code)")
    return [f"rad {line}: " + "; ".join(problems) for line, problems in sorted(errors.items()) if problems]


def import_documents(path: str | Path, *, actor=None) -> DocumentImportResult:
    rows = read_table(path, required=REQUIRED, optional=OPTIONAL)
    units = {u.code: u for u in Unit.objects.all()}
    users = dict(get_user_model().objects.filter(is_active=True).values_list("username", "id"))
    result = DocumentImportResult(errors=_validate(rows, units, users))
    if result.errors:
        return result
    with transaction.atomic():
        processes = {p.code: p for p in Process.objects.all()}
        for row in sorted(rows, key=lambda r: r.values["type"].lower() != PROCESS):  # processes first
            if row.values["type"].lower() == PROCESS:
                _import_process(row.values, units, processes, result)
            else:
                _import_document(row.values, units, users, processes, result, actor)
    return result


def _import_process(v: dict[str, str], units, processes: dict[str, Process], result: DocumentImportResult) -> None:
    wanted = {"name": v["title"], "unit": units[v["unit_code"]]}
    process = processes.get(v["code"])
    if process is None:
        processes[v["code"]] = Process.objects.create(code=v["code"], **wanted)
        result.created += 1
    elif (process.name, process.unit_id) != (wanted["name"], wanted["unit"].pk):
        process.name, process.unit = wanted["name"], wanted["unit"]
        process.save(update_fields=["name", "unit"])
        result.updated += 1
    else:
        result.unchanged += 1


def _import_document(v, units, users, processes, result: DocumentImportResult, actor) -> None:
    status = STATUS_WORDS[v["status"].lower()]
    number = int(v["version"])
    process = processes.get(v["process_code"]) if v["process_code"] else None
    fields = {
        "title": v["title"],
        "doc_type": v["type"].lower(),
        "unit": units[v["unit_code"]],
        "owner_id": users[v["owner"]],
        "legal_references": "\n".join(_split(v["legal_reference"])),
        "process": process,
    }
    applies = [units[c] for c in _split(v.get("applies_to", ""))] or [fields["unit"]]
    document = Document.objects.filter(code=v["code"]).first()
    is_new, changed = document is None, False
    if document is None:
        document = Document.objects.create(code=v["code"], **fields)
    else:
        for name, value in fields.items():
            if getattr(document, name) != value:
                setattr(document, name, value)
                changed = True
        if changed:
            document.save()
    if {u.pk for u in document.applies_to.all()} != {u.pk for u in applies}:
        document.applies_to.set(applies)
        changed = True
    changed |= _import_version(document, v, status, number, actor)
    if v.get("activity") and process is not None:
        changed |= _link_activity(process, document, v)
    if is_new:
        result.created += 1
    elif changed:
        result.updated += 1
    else:
        result.unchanged += 1


def _import_version(document: Document, v: dict[str, str], status: str, number: int, actor) -> bool:
    """The file's version of the document; returns whether anything changed."""
    approved_on = date.fromisoformat(v["approved_on"][:10]) if v["approved_on"] else None
    review = date.fromisoformat(v["next_review_on"][:10]) if v["next_review_on"] else None
    valid_from = date.fromisoformat(v["valid_from"][:10]) if v.get("valid_from") else approved_on
    state = {DocumentStatus.UPPHAVD: "upphavd"}.get(status, str(status))
    wanted = {
        "state": state,
        "approved_by": v["approved_by"],
        "approved_on": approved_on,
        "valid_from": valid_from,
        "next_review_on": review,
    }
    version = document.versions.filter(number=number).first()
    changed = False
    if version is None:
        previous = document.current_version
        version = DocumentVersion.objects.create(document=document, number=number, created_by=actor, **wanted)
        workflow_begin(subject=version, actor=actor, code="importerad", at=timezone.now(), start=timezone.localdate())
        if previous is not None and state in ("faststalld", "upphavd") and previous.state == "faststalld":
            previous.state = "ersatt"
            previous.save(update_fields=["state"])
            previous.workflow_log(
                code="ersatt", from_state="faststalld", to_state="ersatt", actor=actor, at=timezone.now()
            )
            version.is_revision = True
            version.save(update_fields=["is_revision"])
        changed = True
    else:
        for name, value in wanted.items():
            if getattr(version, name) != value:
                setattr(version, name, value)
                changed = True
        if changed:
            version.save()
    current = version if state in ("faststalld", "upphavd") else document.current_version
    # A draft of a document with a valid version leaves the document fastställd.
    doc_status = DocumentStatus.FASTSTALLD if current is not None and state in ("utkast", "granskning") else status
    doc_review = current.next_review_on if current is not None and state != "upphavd" else None
    target = {"current_version": current, "status": doc_status, "next_review_on": doc_review}
    if any(getattr(document, k) != val for k, val in target.items()):
        for k, val in target.items():
            setattr(document, k, val)
        document.save(update_fields=list(target))
        changed = True
    return changed


def _link_activity(process: Process, document: Document, v: dict[str, str]) -> bool:
    activity = process.activities.filter(name=v["activity"]).first()
    changed = False
    if activity is None:
        position = (process.activities.aggregate(n=Max("position"))["n"] or 0) + 1
        activity = ProcessActivity.objects.create(
            process=process,
            position=position,
            name=v["activity"],
            responsible=v.get("responsible", ""),
            samverkan_with=v.get("samverkan_with", ""),
        )
        changed = True
    if not activity.documents.filter(pk=document.pk).exists():
        activity.documents.add(document)
        changed = True
    return changed
