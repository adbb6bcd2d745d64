"""What the `required` names in risks/workflows.toml mean for a riskanalys."""

from __future__ import annotations

from django.db.models import Q


def unmet(analysis, required: tuple[str, ...]) -> list[str]:
    problems = []
    if "risks" in required and not analysis.risks.exists():
        problems.append("Lägg till minst en risk innan analysen beslutas.")
    missing_residual = Q(residual_probability__isnull=True) | Q(residual_consequence__isnull=True)
    if "residual" in required and analysis.risks.filter(missing_residual).exists():
        problems.append("Bedöm sannolikhet och konsekvens efter åtgärder för varje risk innan analysen beslutas.")
    if "planned_change" in required and analysis.reason == "forandring" and not analysis.planned_change.strip():
        problems.append("Beskriv den planerade förändringen.")
    return problems
