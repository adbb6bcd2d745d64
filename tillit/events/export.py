"""CSV/XLSX export of a filtered event list. Free-text and person columns are included only for
users who may read case details (`event.view`); on rows the user does not read in full (her own
report of a case she does not work on) the investigation's columns stay empty, as on the screen."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet

from tillit.classification.schemes import GOD_VARD_AREA
from tillit.classification.selectors import label_subquery
from tillit.events.models import Event
from tillit.events.selectors import with_read_flag
from tillit.org.access import has_permission

MAX_XLSX_ROWS = 200_000  # a spreadsheet beyond this is not useful; CSV streams any size

BASE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("reference", "Ärendenummer"),
    ("kind", "Typ"),
    ("state", "Status"),
    ("unit_code", "Enhetskod"),
    ("unit", "Enhet"),
    ("category", "Kategori"),
    ("god_vard_area", "Område (God vård)"),
    ("channel", "Kanal"),
    ("reported_on", "Rapporterad"),
    ("occurred_on", "Inträffade"),
    ("outcome", "Utfall"),
    ("severe", "Allvarlig"),
    ("ivo_notified_on", "Anmäld till IVO"),
    ("closed_on", "Avslutad"),
)
PERSONAL_COLUMNS: tuple[tuple[str, str], ...] = (
    ("reporter", "Rapporterad av"),
    ("responsible", "Ansvarig"),
    ("description", "Vad hände"),
    ("immediate_actions", "Vad gjordes direkt"),
    ("conclusion", "Ställningstagande"),
)


def columns_for(user) -> tuple[tuple[str, str], ...]:
    return BASE_COLUMNS + (PERSONAL_COLUMNS if has_permission(user, "event.view") else ())


# What the investigation found; a reporter who does not read the case in full does not get it.
INVESTIGATION_KEYS = frozenset({"severe", "ivo_notified_on", "conclusion"})


def _row(event: Event, keys: list[str]) -> list[Any]:
    values: dict[str, Any] = {
        "reference": event.reference,
        "kind": event.get_kind_display(),
        "state": event.state_label,
        "unit_code": event.unit.code,
        "unit": event.unit.name,
        "category": event.category.label if event.category else "",
        "god_vard_area": event.get_god_vard_area_display() if event.god_vard_area else "",
        "channel": event.get_channel_display(),
        "reported_on": event.reported_on,
        "occurred_on": event.occurred_on or "",
        "outcome": event.get_outcome_display() if event.outcome else "",
        "severe": {True: "Ja", False: "Nej"}.get(event.severe, ""),
        "ivo_notified_on": event.ivo_notified_on or "",
        "closed_on": event.closed_on or "",
        "reporter": event.reporter.display_name if event.reporter else "",
        "responsible": event.responsible.display_name if event.responsible else "",
        "description": event.description,
        "immediate_actions": event.immediate_actions,
        "conclusion": event.conclusion,
    }
    if not getattr(event, "reads_full", True):
        values |= dict.fromkeys(INVESTIGATION_KEYS, "")
    return [values[key] for key in keys]


def _prepared(user, queryset: QuerySet[Event]) -> QuerySet[Event]:
    return (
        with_read_flag(user, queryset)
        .select_related("unit", "category", "reporter", "responsible")
        .annotate(god_vard_area_label=label_subquery(GOD_VARD_AREA, "god_vard_area"))
    )


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_rows(user, queryset: QuerySet[Event]) -> Iterator[str]:
    """Stream rows (semicolon-separated with BOM, as Swedish Excel expects)."""
    columns = columns_for(user)
    keys = [key for key, _ in columns]
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff" + writer.writerow([label for _, label in columns])
    for event in _prepared(user, queryset).iterator(chunk_size=2000):
        yield writer.writerow(_row(event, keys))


def xlsx_bytes(user, queryset: QuerySet[Event]) -> bytes:
    from openpyxl import Workbook

    columns = columns_for(user)
    keys = [key for key, _ in columns]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Händelser")
    sheet.append([label for _, label in columns])
    for event in _prepared(user, queryset)[:MAX_XLSX_ROWS].iterator(chunk_size=2000):
        sheet.append(_row(event, keys))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
