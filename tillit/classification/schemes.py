"""The classification schemes. The three shared ones are declared here; a later app (risks,
egenkontroll) may declare its own with `register_scheme` from its plugin.py."""

from __future__ import annotations

from dataclasses import dataclass

CAUSE = "orsak"
GOD_VARD_AREA = "god_vard_area"
ACTION_TYPE = "action_type"


@dataclass(frozen=True)
class Scheme:
    key: str
    label: str  # Swedish, the heading on the settings page
    help: str = ""
    order: int = 100


_schemes: dict[str, Scheme] = {}


def register_scheme(scheme: Scheme) -> None:
    _schemes[scheme.key] = scheme


def schemes() -> list[Scheme]:
    return sorted(_schemes.values(), key=lambda s: (s.order, s.key))


def scheme(key: str) -> Scheme:
    """The declared scheme `key`; an unknown key is a programming error (KeyError)."""
    return _schemes[key]


register_scheme(
    Scheme(
        CAUSE,
        "Orsaker",
        "Bakomliggande orsaker som en utredning kommer fram till, så att avvikelser kan analyseras på aggregerad nivå.",
        order=10,
    )
)
register_scheme(Scheme(GOD_VARD_AREA, "Områden för God vård och omsorg", "Socialstyrelsens områden.", order=20))
register_scheme(Scheme(ACTION_TYPE, "Typer av åtgärder", order=30))
