"""`import_events`: history from another system. The whole file is validated before anything is
written; one bad row imports nothing. Rows whose `external_id` is already imported are skipped,
so re-importing a file changes nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from tillit.audit.models import AuditAction
from tillit.audit.services import audit_record
from tillit.core.csvfiles import CsvRow, read_csv
from tillit.core.maintenance import refresh_planner_statistics
from tillit.events.models import OUTCOMES_BY_KIND, Category, Channel, Event, EventKind
from tillit.events.services.cases import _next_reference
from tillit.events.services.monthly import month_count_add
from tillit.org.models import Unit
from tillit.workflow import services as engine
from tillit.workflow.declaration import workflow

COLUMNS = [
    "external_id",
    "kind",
    "unit_code",
    "reported_on",
    "occurred_on",
    "category",
    "outcome",
    "severe",
    "ivo_notified_on",
    "closed_on",
    "channel",
    "summary",
]
TRUE = {"true", "1", "ja", "yes", "sant"}
FALSE = {"false", "0", "nej", "no", "falskt"}


@dataclass
class ImportResult:
    created: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)


@dataclass
class _Parsed:
    external_id: str
    kind: str
    unit: Unit
    reported_on: date
    occurred_on: date | None
    category: Category | None
    outcome: str
    severe: bool | None
    ivo_notified_on: date | None
    closed_on: date | None
    channel: str
    summary: str


def _date(value: str, column: str, errors: list[str]) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        errors.append(f"{column} ”{value}” är inte ett datum på formen ÅÅÅÅ-MM-DD")
        return None


def _parse(row: CsvRow, units: dict[str, Unit], categories: dict[str, Category], today: date):
    v = row.values
    errors: list[str] = []
    if not v["external_id"]:
        errors.append("external_id saknas")
    kind = v["kind"]
    if kind not in EventKind.values:
        errors.append(f"okänd kind ”{kind}” (tillåtna: {', '.join(EventKind.values)})")
    unit = units.get(v["unit_code"])
    if unit is None:
        errors.append(f"okänd enhet ”{v['unit_code']}”")
    reported_on = _date(v["reported_on"], "reported_on", errors)
    if not v["reported_on"]:
        errors.append("reported_on saknas")
    occurred_on = _date(v.get("occurred_on", ""), "occurred_on", errors)
    ivo_notified_on = _date(v.get("ivo_notified_on", ""), "ivo_notified_on", errors)
    closed_on = _date(v.get("closed_on", ""), "closed_on", errors)
    for name, value in (("reported_on", reported_on), ("occurred_on", occurred_on), ("closed_on", closed_on)):
        if value and value > today:
            errors.append(f"{name} ligger i framtiden")
    if reported_on and closed_on and closed_on < reported_on:
        errors.append("closed_on är före reported_on")
    category = None
    if v.get("category"):
        category = categories.get(v["category"].lower())
        if category is None:
            errors.append(f"okänd kategori ”{v['category']}”")
    outcome = v.get("outcome", "")
    if outcome and kind in OUTCOMES_BY_KIND and outcome not in OUTCOMES_BY_KIND[kind]:
        allowed = ", ".join(OUTCOMES_BY_KIND[kind])
        errors.append(f"outcome ”{outcome}” passar inte för {kind} (tillåtna: {allowed})")
    severe_text = v.get("severe", "").lower()
    severe = True if severe_text in TRUE else False if severe_text in FALSE else None
    if severe_text and severe is None:
        errors.append(f"severe ”{v['severe']}” ska vara true eller false")
    channel = v.get("channel", "") or Channel.IMPORT
    if channel not in Channel.values:
        errors.append(f"okänd kanal ”{channel}”")
    if errors:
        return None, errors
    parsed = _Parsed(
        v["external_id"],
        kind,
        unit,
        reported_on,
        occurred_on,
        category,
        outcome,
        severe,
        ivo_notified_on,
        closed_on,
        channel,
        v.get("summary", ""),
    )
    return parsed, []


def import_events(path: str | Path, *, actor=None) -> ImportResult:
    rows = read_csv(path, required=COLUMNS[:4], optional=COLUMNS[4:])
    result = ImportResult()
    units = {u.code: u for u in Unit.objects.all()}
    categories: dict[str, Category] = {}
    for c in Category.objects.all():
        categories[c.code.lower()] = c
        categories.setdefault(c.label.lower(), c)
    today = timezone.localdate()
    seen: dict[str, int] = {}
    parsed_rows: list[_Parsed] = []
    for row in rows:
        parsed, errors = _parse(row, units, categories, today)
        external_id = row.values["external_id"]
        if external_id in seen:
            errors.append(f"external_id ”{external_id}” finns redan på rad {seen[external_id]}")
        seen.setdefault(external_id, row.line)
        if errors:
            result.errors.append(f"rad {row.line}: " + "; ".join(errors))
        elif parsed is not None:
            parsed_rows.append(parsed)
    if result.errors:
        return result
    existing = set(
        Event.objects.filter(external_id__in=[p.external_id for p in parsed_rows]).values_list("external_id", flat=True)
    )
    with transaction.atomic():
        for p in parsed_rows:
            if p.external_id in existing:
                result.unchanged += 1
                continue
            _create(p)
            result.created += 1
        if result.created:
            refresh_planner_statistics(full=result.created > 10_000)
            audit_record(
                actor=actor,
                action=AuditAction.CREATE,
                object_type="events.import",
                detail={"created": result.created, "unchanged": result.unchanged, "file": Path(path).name},
            )
    return result


def _create(p: _Parsed) -> Event:
    wf = workflow(p.kind)
    closed = p.closed_on is not None
    state = wf.final_state_for(p.outcome) if closed else wf.initial
    outcome = wf.closing_outcome(state, p.outcome)  # as closing through the workflow records it
    reported_at = timezone.make_aware(datetime.combine(p.reported_on, time(12, 0)))
    event = Event.objects.create(
        reference=_next_reference(p.kind, p.reported_on.year),
        external_id=p.external_id,
        kind=p.kind,
        state=state,
        unit=p.unit,
        category=p.category,
        channel=p.channel,
        reported_on=p.reported_on,
        reported_at=reported_at,
        occurred_on=p.occurred_on,
        description=p.summary,
        severe=p.severe,
        outcome=outcome,
        ivo_notified_on=p.ivo_notified_on,
        closed_on=p.closed_on,
    )
    month_count_add(event)
    if closed:
        event.workflow_log(code="import", to_state=state, actor=None, at=reported_at)
    else:
        engine.workflow_begin(subject=event, actor=None, code="import", at=reported_at, start=p.reported_on)
    return event
