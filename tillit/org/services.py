"""Writes to the organisation. Each function is atomic and writes its audit row."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from tillit.audit.models import AuditAction
from tillit.audit.services import audit_object
from tillit.org.models import Provider, Unit, UnitLevel


def _path_for(unit: Unit) -> tuple[str, int]:
    if unit.parent_id is None:
        return f"/{unit.pk}/", 0
    parent = Unit.objects.only("path", "depth").get(pk=unit.parent_id)
    return f"{parent.path}{unit.pk}/", parent.depth + 1


@transaction.atomic
def unit_create(
    *,
    actor,
    code: str,
    name: str,
    level: UnitLevel | str,
    parent: Unit | None = None,
    provider: Provider | None = None,
    municipality: str = "",
    namnd: str = "",
) -> Unit:
    if parent is not None and parent.closed_on is not None:
        raise ValidationError({"parent": "Den överordnade enheten är stängd."})
    unit = Unit(
        code=code,
        name=name,
        level=level,
        parent=parent,
        provider=provider,
        municipality=municipality.strip(),
        namnd=namnd.strip(),
        path="/",
    )
    unit.full_clean(exclude=["path"])
    unit.save()
    unit.path, unit.depth = _path_for(unit)
    unit.save(update_fields=["path", "depth"])
    audit_object(actor=actor, action=AuditAction.CREATE, obj=unit)
    return unit


@transaction.atomic
def unit_update(
    *,
    actor,
    unit: Unit,
    name: str,
    level: UnitLevel | str,
    provider: Provider | None,
    municipality: str | None = None,
    namnd: str | None = None,
) -> Unit:
    """Change a unit; `municipality`/`namnd` None keeps them (blank clears: the unit inherits them)."""
    municipality = unit.municipality if municipality is None else municipality.strip()
    namnd = unit.namnd if namnd is None else namnd.strip()
    changed = [
        field
        for field, value in (
            ("name", name),
            ("level", str(level)),
            ("provider_id", provider.pk if provider else None),
            ("municipality", municipality),
            ("namnd", namnd),
        )
        if getattr(unit, field) != value
    ]
    if not changed:
        return unit
    unit.name, unit.level, unit.provider = name, level, provider
    unit.municipality, unit.namnd = municipality, namnd
    unit.full_clean(exclude=["path"])
    unit.save(update_fields=[*(f.removesuffix("_id") for f in changed), "updated_at"])
    audit_object(actor=actor, action=AuditAction.CHANGE, obj=unit, detail={"fields": changed})
    return unit


@transaction.atomic
def unit_move(*, actor, unit: Unit, new_parent: Unit) -> Unit:
    """Move a unit (and its subtree) under `new_parent`; a move below itself is refused."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    if new_parent.pk == unit.pk or new_parent.path.startswith(unit.path):
        raise ValidationError("En enhet kan inte flyttas in under sig själv.")
    if unit.parent_id == new_parent.pk:
        return unit
    if new_parent.closed_on is not None and unit.closed_on is None:
        raise ValidationError("En öppen enhet kan inte flyttas in under en stängd enhet.")
    old_path, old_depth = unit.path, unit.depth
    unit.parent = new_parent
    unit.path, unit.depth = f"{new_parent.path}{unit.pk}/", new_parent.depth + 1
    unit.save(update_fields=["parent", "path", "depth", "updated_at"])
    for descendant in Unit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk):
        descendant.path = unit.path + descendant.path[len(old_path) :]
        descendant.depth = descendant.depth - old_depth + unit.depth
        descendant.save(update_fields=["path", "depth"])
    audit_object(actor=actor, action=AuditAction.CHANGE, obj=unit, detail={"fields": ["parent"]})
    return unit


@transaction.atomic
def unit_close(*, actor, unit: Unit, closed_on: date) -> Unit:
    """Close a unit. It keeps its history and stays in reports; open units below it block closing."""
    if Unit.objects.filter(path__startswith=unit.path, closed_on__isnull=True).exclude(pk=unit.pk).exists():
        raise ValidationError("Enheten har öppna underenheter. Stäng eller flytta dem först.")
    unit.closed_on = closed_on
    unit.save(update_fields=["closed_on", "updated_at"])
    audit_object(actor=actor, action=AuditAction.CHANGE, obj=unit, detail={"fields": ["closed_on"]})
    return unit


@transaction.atomic
def unit_reopen(*, actor, unit: Unit) -> Unit:
    """Reopen a closed unit; a unit below a closed unit stays closed until its parent is reopened."""
    if unit.closed_on is None:
        return unit
    if unit.parent_id is not None and Unit.objects.filter(pk=unit.parent_id, closed_on__isnull=False).exists():
        raise ValidationError("Den överordnade enheten är stängd. Öppna den först.")
    unit.closed_on = None
    unit.save(update_fields=["closed_on", "updated_at"])
    audit_object(actor=actor, action=AuditAction.CHANGE, obj=unit, detail={"fields": ["closed_on"]})
    return unit


@transaction.atomic
def provider_create(*, actor, code: str, name: str) -> Provider:
    provider = Provider(code=code, name=name)
    provider.full_clean()
    provider.save()
    audit_object(actor=actor, action=AuditAction.CREATE, obj=provider)
    return provider


PURCHASER_TERMS = (
    "share_lex_sarah_reports",
    "share_lex_sarah_investigations",
    "share_ivo_notifications",
    "submission_days",
)


@transaction.atomic
def provider_terms_set(*, actor, provider: Provider, **terms) -> Provider:
    """Set what the provider shares with the purchasing municipality (the contract's terms)."""
    if unknown := set(terms) - set(PURCHASER_TERMS):
        raise ValidationError(f"Okända villkor: {', '.join(sorted(unknown))}")
    days = terms.get("submission_days", provider.submission_days)
    if not 1 <= int(days) <= 365:
        raise ValidationError("Ange ett antal dagar mellan 1 och 365.")
    changed = [name for name, value in terms.items() if getattr(provider, name) != value]
    if not changed:
        return provider
    for name in changed:
        setattr(provider, name, terms[name])
    provider.save(update_fields=changed)
    audit_object(actor=actor, action=AuditAction.CHANGE, obj=provider, detail={"fields": changed})
    return provider
