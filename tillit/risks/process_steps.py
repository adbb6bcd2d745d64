"""The process step (a process's aktivitet in tillit.documents) a risk concerns. A step is in scope
for an analysis when its process is owned by the analysis's unit or a unit above it (processes
apply downwards, as documents do). In files a step is named `PROCESSKOD:N` — the process code and
the step's number (its position on the process map)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from tillit.documents.models import ProcessActivity
from tillit.org.models import Unit


def steps_in_scope(unit: Unit) -> QuerySet[ProcessActivity]:
    return (
        ProcessActivity.objects.filter(process__unit_id__in=unit.ancestor_ids())
        .select_related("process")
        .order_by("process__code", "position", "id")
    )


def step_label(step: ProcessActivity) -> str:
    return f"{step.process.name} – steg {step.position}: {step.name}"


def step_reference(step: ProcessActivity) -> str:
    return f"{step.process.code}:{step.position}"


def check_step(unit: Unit, step: ProcessActivity | None) -> None:
    if step is not None and not steps_in_scope(unit).filter(pk=step.pk).exists():
        raise ValidationError("Processteget hör inte till en process som gäller för analysens enhet.")


def parse_reference(text: str) -> tuple[str, int] | None:
    """`PROCESSKOD:N` → (code, N); None when the text is not of that form."""
    code, sep, number = text.strip().rpartition(":")
    if not sep or not code.strip() or not number.strip().isdigit():
        return None
    return code.strip(), int(number)


def step_for_reference(unit: Unit, text: str) -> ProcessActivity | None:
    parsed = parse_reference(text)
    if parsed is None:
        return None
    code, position = parsed
    return steps_in_scope(unit).filter(process__code=code, position=position).first()
