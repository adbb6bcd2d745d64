"""The matrices Tillit ships: the 4 × 4 of SKL:s handbok "Riskanalys & händelseanalys" (2009, IFO
2011) and a 5 × 5 example as internkontroll plans often use. The scales' labels and descriptions are
*unconfirmed* (only secondary sources were found): they are editable defaults, shown as unconfirmed
until a municipality confirms or replaces them (a new version of the matrix)."""

from __future__ import annotations

from typing import Any

# Background colours with black text; each has a contrast ratio above 7:1 with #000 (WCAG AAA),
# and every cell also prints its level as text, so colour is never the only carrier.
LEVELS_4 = [
    {"code": "lag", "label": "Låg", "colour": "#c6efce"},
    {"code": "medel", "label": "Medel", "colour": "#fff2a8"},
    {"code": "hog", "label": "Hög", "colour": "#f9c28b"},
    {"code": "mycket_hog", "label": "Mycket hög", "colour": "#f4a6a6"},
]


def _cells(size: int, bands: list[tuple[int, str]]) -> dict[str, str]:
    """A cell's level from its score: the first band whose upper bound the score does not pass."""
    cells = {}
    for p in range(1, size + 1):
        for c in range(1, size + 1):
            cells[f"{p},{c}"] = next(code for upper, code in bands if p * c <= upper)
    return cells


DEFAULT_4X4: dict[str, Any] = {
    "code": "skl-4x4",
    "name": "Riskmatris 4 × 4 (SKL)",
    "description": (
        "Riskpoäng = konsekvens (1–4) × sannolikhet (1–4), efter Socialstyrelsens och SKL:s handbok "
        "”Riskanalys & händelseanalys”. Risker med poäng 8 eller mer, eller med den högsta "
        "konsekvensen, följs upp. Benämningarna är obekräftade förval som kommunen kan ändra."
    ),
    "confirmed": False,
    "is_default": True,
    "probabilities": [
        {"value": 1, "label": "Mycket liten", "description": "Ungefär en gång per år eller mer sällan."},
        {"value": 2, "label": "Liten", "description": "Ungefär en gång i kvartalet."},
        {"value": 3, "label": "Stor", "description": "Ungefär en gång i månaden."},
        {"value": 4, "label": "Mycket stor", "description": "Ungefär dagligen eller varje vecka."},
    ],
    "consequences": [
        {"value": 1, "label": "Mindre", "description": "Mindre obehag eller olägenhet för den enskilde."},
        {"value": 2, "label": "Måttlig", "description": "Övergående skada eller påtagligt obehag."},
        {"value": 3, "label": "Betydande", "description": "Bestående skada eller allvarligt missförhållande."},
        {"value": 4, "label": "Katastrofal", "description": "Dödsfall eller mycket allvarlig bestående skada."},
    ],
    "levels": LEVELS_4,
    "cells": _cells(4, [(3, "lag"), (6, "medel"), (9, "hog"), (16, "mycket_hog")]),
    "follow_up_score": 8,
    "follow_up_consequence": 4,
}

EXAMPLE_5X5: dict[str, Any] = {
    "code": "exempel-5x5",
    "name": "Riskmatris 5 × 5 (exempel för internkontroll)",
    "description": (
        "Ett exempel på en 5 × 5-matris som internkontrollplaner ofta använder. Risker med poäng 10 eller "
        "mer, eller med den högsta konsekvensen, följs upp. Benämningarna är obekräftade förval."
    ),
    "confirmed": False,
    "is_default": False,
    "probabilities": [
        {"value": 1, "label": "Mycket osannolik", "description": "Inträffar nästan aldrig."},
        {"value": 2, "label": "Osannolik", "description": "Kan inträffa någon gång."},
        {"value": 3, "label": "Möjlig", "description": "Inträffar ibland."},
        {"value": 4, "label": "Sannolik", "description": "Inträffar ofta."},
        {"value": 5, "label": "Mycket sannolik", "description": "Inträffar nästan säkert."},
    ],
    "consequences": [
        {"value": 1, "label": "Försumbar", "description": "Ingen eller mycket liten påverkan."},
        {"value": 2, "label": "Lindrig", "description": "Liten påverkan, lätt att rätta."},
        {"value": 3, "label": "Måttlig", "description": "Märkbar påverkan för enskilda eller verksamheten."},
        {"value": 4, "label": "Allvarlig", "description": "Stor påverkan, svår att rätta."},
        {"value": 5, "label": "Mycket allvarlig", "description": "Mycket stor påverkan, till exempel liv och hälsa."},
    ],
    "levels": LEVELS_4,
    "cells": _cells(5, [(4, "lag"), (9, "medel"), (16, "hog"), (25, "mycket_hog")]),
    "follow_up_score": 10,
    "follow_up_consequence": 5,
}

SHIPPED = (DEFAULT_4X4, EXAMPLE_5X5)
