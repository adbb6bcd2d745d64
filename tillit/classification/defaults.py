"""The values every municipality starts with (seeded by migration 0002; codes never change).

Causes follow the seeds' wording and Datix's contributory factors; the God vård areas are
Socialstyrelsen's; the action types are those Tillit had in code before they became data.
"""

from __future__ import annotations

from tillit.classification.schemes import ACTION_TYPE, CAUSE, GOD_VARD_AREA

DEFAULT_TERMS: dict[str, list[tuple[str, str]]] = {
    CAUSE: [
        ("rutin_saknas", "Rutin saknas"),
        ("rutin_foljs_inte", "Rutin följs inte"),
        ("kommunikation", "Kommunikation"),
        ("kompetens", "Kompetens"),
        ("bemanning", "Bemanning"),
        ("teknik_utrustning", "Teknik och utrustning"),
        ("organisation", "Organisation"),
        ("annan", "Annan"),
    ],
    GOD_VARD_AREA: [
        ("sjalvbestammande", "Självbestämmande och integritet"),
        ("helhetssyn", "Helhetssyn och samordning"),
        ("trygghet", "Trygghet och säkerhet"),
        ("kunskapsbaserad", "Kunskapsbaserad verksamhet"),
        ("tillganglighet", "Tillgänglighet"),
        ("effektivitet", "Effektivitet"),
    ],
    ACTION_TYPE: [
        ("ny_rutin", "Ny rutin"),
        ("reviderad_rutin", "Reviderad rutin"),
        ("utbildning", "Utbildning"),
        ("samtal_med_personal", "Samtal med personal"),
        ("information", "Information/kommunikation"),
        ("teknik", "Teknik/utrustning"),
        ("andrad_process", "Ändrad process"),
        ("annan", "Annan"),
    ],
}


def seed(term_model) -> None:
    """Add the default values that are missing (a changed label or a retired value is kept)."""
    for scheme, values in DEFAULT_TERMS.items():
        for order, (code, label) in enumerate(values, start=1):
            term_model.objects.get_or_create(
                scheme=scheme, code=code, defaults={"label": label, "sort_order": order * 10}
            )


def seed_if_empty(sender=None, using: str = "default", **kwargs) -> None:
    """post_migrate: an empty table (a new or flushed database) gets the defaults."""
    from tillit.classification.models import Term

    if not Term.objects.using(using).exists():
        seed(Term)
