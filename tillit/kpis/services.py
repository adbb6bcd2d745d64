"""Writes to nyckeltal. Each function is atomic and writes its audit rows (no personal data: codes
and counts only)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from tillit.audit.models import AuditAction
from tillit.audit.services import audit_object
from tillit.kpis.models import (
    DenominatorKind,
    Direction,
    Gender,
    Kpi,
    KpiSource,
    KpiValue,
    MeasureUnit,
    UnitDenominator,
)
from tillit.org.access import has_permission
from tillit.org.models import Unit

# Kolada KPIs Tillit knows by name (others are created with their code as title, to be renamed).
KNOWN_KOLADA = {
    "U33401": (
        "Utredningstid i antal dagar från påbörjad utredning till beslut, barn och unga 0–20 år",
        MeasureUnit.DAYS,
        Direction.LOWER,
    ),
    "U21468": ("Brukarbedömning hemtjänst äldreomsorg – helhetssyn", MeasureUnit.PERCENT, Direction.HIGHER),
    "U23471": ("Brukarbedömning särskilt boende äldreomsorg – helhetssyn", MeasureUnit.PERCENT, Direction.HIGHER),
    "U23401": ("Väntetid i antal dagar till särskilt boende", MeasureUnit.DAYS, Direction.LOWER),
    "U31402": ("Väntetid i antal dagar till beslut om försörjningsstöd", MeasureUnit.DAYS, Direction.LOWER),
}


@dataclass(frozen=True)
class NewValue:
    """A value to store; exactly one of `unit` and `municipality_code` is given."""

    kpi: Kpi
    year: int
    value: float | None
    unit: Unit | None = None
    municipality_code: str = ""
    month: int = 0
    gender: str = Gender.TOTAL
    status: str = ""
    numerator: float | None = None
    denominator: float | None = None

    @property
    def key(self) -> tuple:
        return (self.kpi.pk, getattr(self.unit, "pk", None), self.municipality_code, self.year, self.month, self.gender)


@dataclass
class StoreResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0


def _check_manage(actor, unit: Unit | None) -> None:
    """People need kpi.manage in the unit (commands run without an actor: the operator's own act)."""
    if actor is None:
        return
    if unit is None and not has_permission(actor, "kpi.manage"):
        raise PermissionDenied
    if unit is not None and not has_permission(actor, "kpi.manage", unit):
        raise PermissionDenied


@transaction.atomic
def kpi_create(
    *,
    actor,
    code: str,
    title: str,
    description: str = "",
    measure: str = MeasureUnit.COUNT,
    direction: str = Direction.HIGHER,
    source: str = KpiSource.MANUAL,
    target: float | None = None,
) -> Kpi:
    _check_manage(actor, None)
    kpi = Kpi(
        code=code.strip(),
        title=title.strip(),
        description=description,
        measure=measure,
        direction=direction,
        source=source,
        target=target,
    )
    kpi.full_clean()
    kpi.save()
    audit_object(actor=actor, action=AuditAction.CREATE, obj=kpi, detail={"code": kpi.code, "source": kpi.source})
    return kpi


@transaction.atomic
def kpi_update(
    *, actor, kpi: Kpi, title: str, description: str, measure: str, direction: str, target: float | None
) -> Kpi:
    _check_manage(actor, None)
    new = {"title": title.strip(), "description": description, "measure": measure, "direction": direction}
    new["target"] = target
    changed = [name for name, value in new.items() if getattr(kpi, name) != value]
    if not changed:
        return kpi
    for name in changed:
        setattr(kpi, name, new[name])
    kpi.full_clean()
    kpi.save(update_fields=[*changed, "updated_at"])
    audit_object(actor=actor, action=AuditAction.CHANGE, obj=kpi, detail={"fields": changed})
    return kpi


def kpi_ensure(*, actor, code: str, source: str, title: str = "") -> Kpi:
    """The KPI with `code`, created when missing (Kolada's known KPIs get their Swedish names)."""
    kpi = Kpi.objects.filter(code=code).first()
    if kpi is not None:
        return kpi
    known_title, measure, direction = KNOWN_KOLADA.get(code, (title or code, MeasureUnit.COUNT, Direction.HIGHER))
    return kpi_create(
        actor=actor,
        code=code,
        title=title or known_title,
        measure=measure,
        direction=direction,
        source=source,
    )


@transaction.atomic
def kpi_values_store(*, actor, values: Iterable[NewValue], origin: str) -> StoreResult:
    """Create or update many values at once; unchanged values are left alone (re-running changes nothing).

    One audit row per KPI touched, with the counts and the `origin` ("kolada", "fil", "manuell").
    """
    values = list(values)
    result = StoreResult()
    if not values:
        return result
    if len({v.key for v in values}) != len(values):
        raise ValidationError("Samma värde (nyckeltal, enhet, period, kön) förekommer två gånger.")
    for v in values:
        if (v.unit is None) == (not v.municipality_code):
            raise ValidationError("Ett värde gäller antingen en enhet eller en kommun.")
        if not 0 <= v.month <= 12:
            raise ValidationError("Månaden ska vara 1–12.")
    for unit in {v.unit for v in values if v.unit is not None}:
        _check_manage(actor, unit)
    kpis = {v.kpi.pk: v.kpi for v in values}
    existing = {
        (e.kpi_id, e.unit_id, e.municipality_code, e.year, e.month, e.gender): e
        for e in KpiValue.objects.filter(kpi__in=kpis, year__in={v.year for v in values})
    }
    to_create, to_update = [], []
    now = timezone.now()
    touched: Counter[int] = Counter()
    for v in values:
        row = existing.get(v.key)
        if row is None:
            to_create.append(
                KpiValue(
                    kpi=v.kpi,
                    unit=v.unit,
                    municipality_code=v.municipality_code,
                    year=v.year,
                    month=v.month,
                    gender=v.gender,
                    value=v.value,
                    status=v.status,
                    numerator=v.numerator,
                    denominator=v.denominator,
                )
            )
            result.created += 1
            touched[v.kpi.pk] += 1
        elif (row.value, row.status, row.numerator, row.denominator) != (
            v.value,
            v.status,
            v.numerator,
            v.denominator,
        ):
            row.value, row.status, row.updated_at = v.value, v.status, now
            row.numerator, row.denominator = v.numerator, v.denominator
            to_update.append(row)
            result.updated += 1
            touched[v.kpi.pk] += 1
        else:
            result.unchanged += 1
    KpiValue.objects.bulk_create(to_create)
    KpiValue.objects.bulk_update(to_update, ["value", "status", "numerator", "denominator", "updated_at"])
    for pk in sorted(touched):
        created = sum(1 for r in to_create if r.kpi_id == pk)
        audit_object(
            actor=actor,
            action=AuditAction.CHANGE,
            obj=kpis[pk],
            detail={"values_created": created, "values_updated": touched[pk] - created, "origin": origin},
        )
    return result


def kpi_value_set(
    *, actor, kpi: Kpi, unit: Unit, year: int, month: int = 0, gender: str = Gender.TOTAL, value: float | None
) -> StoreResult:
    """Manual entry of one value for a unit and period."""
    if kpi.source == KpiSource.KOLADA:
        raise ValidationError("Värden för Kolada-nyckeltal hämtas från Kolada och kan inte matas in för hand.")
    return kpi_values_store(
        actor=actor,
        values=[NewValue(kpi=kpi, unit=unit, year=year, month=month, gender=gender, value=value)],
        origin="manuell",
    )


@transaction.atomic
def kpi_computed_values_replace(*, kpis: Iterable[Kpi], year: int, values: Iterable[NewValue]) -> StoreResult:
    """Replace the values of computed `kpis` for `year` with `values` (a recomputation): values no
    longer computed (e.g. a unit without data now) are removed, the rest stored as by
    `kpi_values_store`. Run by the system (command, background task): audited without an actor."""
    kpis = list(kpis)
    if any(k.source != KpiSource.COMPUTED for k in kpis):
        raise ValidationError("Bara nyckeltal som Tillit beräknar kan räknas om.")
    values = list(values)
    keep = {v.key for v in values}
    stale = [
        row.pk
        for row in KpiValue.objects.filter(kpi__in=kpis, year=year)
        if (row.kpi_id, row.unit_id, row.municipality_code, row.year, row.month, row.gender) not in keep
    ]
    KpiValue.objects.filter(pk__in=stale).delete()
    result = kpi_values_store(actor=None, values=values, origin="beräknad")
    result.deleted = len(stale)
    return result


@transaction.atomic
def unit_denominator_set(
    *, actor, unit: Unit, year: int, value: int, kind: str = DenominatorKind.BRUKARE
) -> UnitDenominator:
    """Enter (or correct) a unit's size for a year, e.g. its number of brukare."""
    _check_manage(actor, unit)
    if value <= 0:
        raise ValidationError("Antalet ska vara större än noll.")
    if not 1900 <= year <= 2100:
        raise ValidationError("Ange ett år som 2025.")
    row = UnitDenominator.objects.filter(unit=unit, year=year, kind=kind).first()
    if row is not None and row.value == value:
        return row
    action = AuditAction.CREATE if row is None else AuditAction.CHANGE
    if row is None:
        row = UnitDenominator(unit=unit, year=year, kind=kind, value=value)
    else:
        row.value = value
    row.full_clean()
    row.save()
    audit_object(actor=actor, action=action, obj=row, detail={"unit": unit.code, "year": year, "kind": kind})
    return row
