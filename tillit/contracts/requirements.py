"""What the names in workflows.toml's `required` mean for follow-ups and measures (Swedish messages
for those not met)."""

from __future__ import annotations

from django.utils import timezone


def follow_up_unmet(follow_up, required: tuple[str, ...]) -> list[str]:
    from tillit.contracts.selectors import contract_requirements

    problems = []
    if "findings" in required:
        recorded = set(follow_up.findings.values_list("item_id", flat=True))
        missing = [item for item in contract_requirements(follow_up.contract) if item.pk not in recorded]
        if missing:
            problems.append(
                "Ange uppfyllt eller brist för varje krav. Saknas: " + ", ".join(item.text for item in missing) + "."
            )
    if "measures_closed" in required:
        open_count = follow_up.measures.exclude(state="godkand").count()
        if open_count:
            problems.append(
                "1 krävd åtgärd är inte godkänd än."
                if open_count == 1
                else f"{open_count} krävda åtgärder är inte godkända än."
            )
    return problems


def measure_unmet(measure, required: tuple[str, ...]) -> list[str]:
    problems = []
    if "answer" in required and not measure.answer.strip():
        problems.append("Skriv vad ni har gjort åt bristen.")
    if "judgement" in required and not measure.judgement_comment.strip():
        problems.append("Skriv varför svaret inte godkänns.")
    if "new_deadline" in required and (measure.deadline is None or measure.deadline <= timezone.localdate()):
        problems.append("Ange en ny tidsfrist efter dagens datum.")
    return problems
