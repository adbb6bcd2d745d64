"""Demo nyckeltal for Exempelby: invented numbers in Kolada's shape (marked "demo" on every value).

The values go through the same parser and import as a real Kolada response, so the demo shows what
an installation with Kolada data looks like. Deterministic (own seed), so re-running changes nothing.
"""

from __future__ import annotations

import random
from datetime import date

from tillit.kpis.importer import store_kolada
from tillit.kpis.kolada import parse
from tillit.kpis.models import RIKET, ComparisonMunicipality
from tillit.kpis.selectors import municipality_unit

DEMO_MUNICIPALITY = "9999"  # Exempelby has no real municipality code
DEMO_GROUP = {"9998": "Grannby (demo)", "9997": "Sjöby (demo)"}
YEARS = range(2017, 2026)
# code → (riket's level in 2017, yearly drift, Exempelby's offset, women − men)
SHAPES = {
    "U33401": (103.0, 1.5, 6.0, 4.0),  # days: lower is better
    "U21468": (88.0, -0.3, -2.0, 1.0),  # %
    "U23471": (81.0, 0.2, 1.5, -1.5),  # %
}


def demo_payload(seed: int = 2017) -> dict:
    """A Kolada-shaped response with invented values (status "demo") for Exempelby, riket and the group."""
    rng = random.Random(seed)
    entries = []
    for code, (level, drift, offset, gap) in SHAPES.items():
        for i, year in enumerate(YEARS):
            national = level + drift * i
            for municipality, shift in ((DEMO_MUNICIPALITY, offset), (RIKET, 0.0), ("9998", 3.0), ("9997", -2.5)):
                total = round(national + shift + (rng.uniform(-3, 3) if municipality != RIKET else 0), 1)
                entries.append(
                    {
                        "kpi": code,
                        "municipality": municipality,
                        "period": year,
                        "values": [
                            {"gender": "T", "value": total, "count": 1, "status": "demo"},
                            {"gender": "K", "value": round(total + gap / 2, 1), "count": 1, "status": "demo"},
                            {"gender": "M", "value": round(total - gap / 2, 1), "count": 1, "status": "demo"},
                        ],
                    }
                )
    return {"count": len(entries), "values": entries}


def demo_step(*, rng: random.Random, today: date) -> str | None:
    if municipality_unit() is None:
        return None
    for code, name in DEMO_GROUP.items():
        ComparisonMunicipality.objects.update_or_create(code=code, defaults={"name": name})
    values, _ = parse(demo_payload())
    result = store_kolada(actor=None, values=values, municipality=DEMO_MUNICIPALITY)
    if not result.created and not result.updated:
        return "Exempelnyckeltal finns redan."
    return f"Exempelnyckeltal (påhittade värden i Kolada-format): {result.created} nya värden."
