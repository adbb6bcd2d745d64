"""A small organisation for tests, with every scope relation the permission matrix needs.

SOC (förvaltning)
├── VUX (avdelning)
│   ├── VUX1 (enhet)   ← "own unit" of the named users
│   └── VUX2 (enhet)   ← sibling
└── ALD (avdelning)
    ├── ALD1 (enhet)
    ├── P1A (enhet, provider P1)
    └── P2A (enhet, provider P2)   ← "other provider"
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tillit.accounts.models import User
from tillit.core.roles import Role
from tillit.org.models import Provider, Unit, UnitLevel
from tillit.testing.factories import ProviderFactory, UserFactory, assign, make_unit


@dataclass
class TestOrg:
    soc: Unit
    vux: Unit
    vux1: Unit
    vux2: Unit
    ald: Unit
    ald1: Unit
    p1a: Unit
    p2a: Unit
    provider1: Provider
    provider2: Provider
    users: dict[str, User] = field(default_factory=dict)

    def user(self, role: Role | str) -> User:
        return self.users[str(role)]


def build_test_org() -> TestOrg:
    soc = make_unit("SOC", "Socialförvaltningen", level=UnitLevel.FORVALTNING)
    vux = make_unit("VUX", "Avdelning Vuxna", parent=soc, level=UnitLevel.AVDELNING)
    ald = make_unit("ALD", "Äldreomsorg", parent=soc, level=UnitLevel.AVDELNING)
    p1 = ProviderFactory(code="p1", name="Omsorg Ett AB")
    p2 = ProviderFactory(code="p2", name="Omsorg Två AB")
    org = TestOrg(
        soc=soc,
        vux=vux,
        vux1=make_unit("VUX1", "Boendestöd", parent=vux),
        vux2=make_unit("VUX2", "Missbruksvård", parent=vux),
        ald=ald,
        ald1=make_unit("ALD1", "Hemtjänst Norr", parent=ald),
        p1a=make_unit("P1A", "Solgården (Omsorg Ett)", parent=ald, provider=p1),
        p2a=make_unit("P2A", "Ekbacken (Omsorg Två)", parent=ald, provider=p2),
        provider1=p1,
        provider2=p2,
    )
    # Where each named user's assignment sits: the "own unit" of the permission matrix.
    homes = {
        Role.MEDARBETARE: org.vux1,
        Role.ENHETSCHEF: org.vux1,
        Role.AVDELNINGSCHEF: org.vux,
        Role.UTREDARE: org.vux,
        Role.KVALITETSUTVECKLARE: org.vux,
        Role.MAS: org.vux,
        Role.LEDNING: org.vux,
        Role.NAMND: org.vux,
        Role.UTFORARKONTAKT: org.p1a,
        # The municipality's contract follow-up covers the whole förvaltning (the providers' units too).
        Role.AVTALSUPPFOLJARE: org.soc,
        Role.SYSTEMADMINISTRATOR: org.vux,
    }
    for role, unit in homes.items():
        provider = p1 if role == Role.UTFORARKONTAKT else None
        user = UserFactory(username=str(role), provider=provider, title=role.label)
        assign(user, role, unit)
        org.users[str(role)] = user
    return org
