"""The answer scales Tillit ships (data once created: a municipality may add its own)."""

from __future__ import annotations

from tillit.assessments.models import Meaning, TemplateKind

# code: (name, [(value code, label, meaning)])
DEFAULT_SCALES: dict[str, tuple[str, list[tuple[str, str, str]]]] = {
    "gap": (
        "Uppfyllt – delvis – ej uppfyllt",
        [
            ("uppfyllt", "Uppfyllt", Meaning.MET),
            ("delvis", "Delvis uppfyllt", Meaning.NOT_MET),
            ("ej_uppfyllt", "Ej uppfyllt", Meaning.NOT_MET),
            ("ej_tillampligt", "Ej tillämpligt", Meaning.NOT_APPLICABLE),
        ],
    ),
    "ja_nej": (
        "Ja – nej – ej aktuellt",
        [
            ("ja", "Ja", Meaning.MET),
            ("nej", "Nej", Meaning.NOT_MET),
            ("ej_aktuellt", "Ej aktuellt", Meaning.NOT_APPLICABLE),
        ],
    ),
    "internkontroll": (
        "Utan anmärkning – med anmärkning – ej genomförd",
        [
            ("utan_anmarkning", "Genomförd utan anmärkning", Meaning.MET),
            ("med_anmarkning", "Genomförd med anmärkning", Meaning.NOT_MET),
            ("ej_genomford", "Ej genomförd", Meaning.NOT_APPLICABLE),
        ],
    ),
}

DEFAULT_SCALE_FOR_KIND = {
    TemplateKind.GAP: "gap",
    TemplateKind.EGENKONTROLL: "ja_nej",
    TemplateKind.JOURNALGRANSKNING: "ja_nej",
    TemplateKind.INTERNKONTROLL: "internkontroll",
    TemplateKind.AVTAL: "gap",
    TemplateKind.ARENDE: "ja_nej",
}
