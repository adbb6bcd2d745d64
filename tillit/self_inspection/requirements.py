"""What the `required` names in self_inspection/workflows.toml mean for an egenkontrollprogram."""

from __future__ import annotations


def unmet(programme, required: tuple[str, ...]) -> list[str]:
    problems = []
    if "items" in required and not programme.items.exists():
        problems.append("Lägg till minst en kontroll i programmet innan det antas.")
    if "decision_reference" in required and not programme.decision_reference.strip():
        problems.append("Ange nämndens beslut (t.ex. ”SN § 88”).")
    return problems
