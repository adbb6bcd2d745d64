"""The demo municipality "Exempelby kommun": organisation, one user per role, TOTP for 2FA roles.

Everything is get-or-create by code or username, so `demo_data` can run at every start and never
changes or destroys what is there (a changed password stays changed).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from tillit.accounts.models import RoleAssignment, User
from tillit.accounts.services import assignment_add, user_create
from tillit.core.roles import Role
from tillit.org.models import Provider, Unit, UnitLevel
from tillit.org.services import provider_create, unit_create, unit_update

DEMO_PASSWORD = "Exempelby-2026"
ROOT = ("SOC", "Socialförvaltningen")
PROVIDERS = {
    "omsorgshuset": "Omsorgshuset i Exempelby AB",
    "nordvard": "Nordvård Omsorg AB",
}
# avdelning code, name, [(enhet code, name, provider code or "")]
DEPARTMENTS: list[tuple[str, str, list[tuple[str, str, str]]]] = [
    (
        "BOU",
        "Barn och unga",
        [
            ("BOU-MOT", "Mottagning barn och unga", ""),
            ("BOU-UTR", "Utredning barn och unga", ""),
            ("BOU-FAM", "Familjehemsenheten", ""),
            ("BOU-OPV", "Öppenvård barn och familj", ""),
            ("BOU-HVB", "HVB Kompassen", ""),
        ],
    ),
    (
        "VUX",
        "Vuxna",
        [
            ("VUX-MOT", "Mottagning vuxna", ""),
            ("VUX-MIS", "Missbruk och beroende", ""),
            ("VUX-EKB", "Ekonomiskt bistånd", ""),
            ("VUX-BOS", "Boendestöd socialpsykiatri", ""),
        ],
    ),
    (
        "FS",
        "Funktionsstöd",
        [
            ("FS-GRB1", "Gruppbostad Linden", ""),
            ("FS-GRB2", "Gruppbostad Almen", ""),
            ("FS-DV", "Daglig verksamhet", ""),
            ("FS-PA", "Personlig assistans", ""),
            ("FS-KOR", "Korttidsvistelse Solrosen", ""),
        ],
    ),
    (
        "ALD",
        "Äldreomsorg",
        [
            ("ALD-HTN", "Hemtjänst Norr", ""),
            ("ALD-HTS", "Hemtjänst Söder", ""),
            ("ALD-SAB1", "Särskilt boende Björkhagen", ""),
            ("ALD-SAB2", "Särskilt boende Ekbacken", ""),
            ("ALD-KORT", "Korttidsboende Vilan", ""),
            ("ALD-HSL", "Hemsjukvård", ""),
            ("ALD-OH1", "Hemtjänst Centrum (Omsorgshuset)", "omsorgshuset"),
            ("ALD-OH2", "Särskilt boende Lärkan (Omsorgshuset)", "omsorgshuset"),
            ("ALD-NV1", "Hemtjänst Väster (Nordvård)", "nordvard"),
            ("ALD-NV2", "Särskilt boende Tallgården (Nordvård)", "nordvard"),
        ],
    ),
    (
        "STAB",
        "Stab",
        [
            ("STAB-KVAL", "Kvalitet och utveckling", ""),
            ("STAB-ADM", "Administration och nämndsekretariat", ""),
        ],
    ),
]
DEMO_MUNICIPALITY = "Exempelby kommun"
DEMO_NAMND = "Socialnämnden"
# username, first name, last name, role, unit codes (comma-separated), provider code
PEOPLE: list[tuple[str, str, str, Role, str, str]] = [
    ("medarbetare", "Maja", "Medarbetare", Role.MEDARBETARE, "ALD-HTN", ""),
    ("enhetschef", "Erik", "Enhetschef", Role.ENHETSCHEF, "ALD-HTN", ""),
    ("avdelningschef", "Anna", "Avdelningschef", Role.AVDELNINGSCHEF, "ALD", ""),
    ("utredare", "Ulla", "Utredare", Role.UTREDARE, "SOC", ""),
    ("kvalitetsutvecklare", "Karin", "Kvalitetsutvecklare", Role.KVALITETSUTVECKLARE, "SOC", ""),
    ("mas", "Maria", "Sjuksköterska (MAS)", Role.MAS, "SOC", ""),
    ("ledning", "Lars", "Ledning", Role.LEDNING, "SOC", ""),
    ("namnd", "Nora", "Nämndledamot", Role.NAMND, "SOC", ""),
    ("utforarkontakt", "Ulf", "Utförarkontakt", Role.UTFORARKONTAKT, "ALD-OH1,ALD-OH2", "omsorgshuset"),
    ("avtalsuppfoljare", "Alva", "Avtalsuppföljare", Role.AVTALSUPPFOLJARE, "SOC", ""),
    ("systemadministrator", "Sara", "Systemadministratör", Role.SYSTEMADMINISTRATOR, "SOC", ""),
]
# The private providers' own people: each provider is the operator (huvudman) of its units and
# receives, investigates, decides and notifies IVO itself (tillit.org.access, the operator rule).
PROVIDER_PEOPLE: list[tuple[str, str, str, Role, str, str]] = [
    ("oh-medarbetare", "Olle", "Omsorgshuset", Role.MEDARBETARE, "ALD-OH1", "omsorgshuset"),
    ("oh-enhetschef", "Olga", "Omsorgshuset", Role.ENHETSCHEF, "ALD-OH1,ALD-OH2", "omsorgshuset"),
    ("oh-utredare", "Otto", "Omsorgshuset", Role.UTREDARE, "ALD-OH1,ALD-OH2", "omsorgshuset"),
    ("nv-medarbetare", "Nils", "Nordvård", Role.MEDARBETARE, "ALD-NV1", "nordvard"),
    ("nv-enhetschef", "Nina", "Nordvård", Role.ENHETSCHEF, "ALD-NV1,ALD-NV2", "nordvard"),
    ("nv-utredare", "Noah", "Nordvård", Role.UTREDARE, "ALD-NV1,ALD-NV2", "nordvard"),
]


@dataclass
class DemoResult:
    created_units: int = 0
    created_users: list[str] = field(default_factory=list)
    totp_secrets: dict[str, str] = field(default_factory=dict)


def _b32(device: TOTPDevice) -> str:
    import base64

    return base64.b32encode(device.bin_key).decode().rstrip("=")


@transaction.atomic
def demo_org(*, rng: random.Random) -> DemoResult:
    result = DemoResult()
    providers = {}
    for code, name in PROVIDERS.items():
        providers[code] = Provider.objects.filter(code=code).first() or provider_create(
            actor=None, code=code, name=name
        )
    existing = {u.code: u for u in Unit.objects.all()}

    def unit(code: str, name: str, level: str, parent: Unit | None, provider_code: str = "") -> Unit:
        if code not in existing:
            existing[code] = unit_create(
                actor=None, code=code, name=name, level=level, parent=parent, provider=providers.get(provider_code)
            )
            result.created_units += 1
        return existing[code]

    root = unit(*ROOT, UnitLevel.FORVALTNING, None)
    if not (root.municipality or root.namnd):  # the operator named on IVO notifications and report covers
        root = unit_update(
            actor=None,
            unit=root,
            name=root.name,
            level=root.level,
            provider=root.provider,
            municipality=DEMO_MUNICIPALITY,
            namnd=DEMO_NAMND,
        )
        existing[root.code] = root
    for code, name, enheter in DEPARTMENTS:
        dept = unit(code, name, UnitLevel.AVDELNING, root)
        for ecode, ename, provider_code in enheter:
            unit(ecode, ename, UnitLevel.ENHET, dept, provider_code)

    two_factor_roles = set(settings.TILLIT_2FA_ROLES)
    # The providers' people draw their TOTP keys from their own generator, so that adding them left
    # the rest of a seed's demo as it was.
    provider_rng = random.Random(f"provider-people-{rng.getstate()[1][:4]}")
    for username, first, last, role, unit_code, provider_code in PEOPLE + PROVIDER_PEOPLE:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = user_create(
                actor=None,
                username=username,
                first_name=first,
                last_name=last,
                email=f"{username}@exempelby.se",
                title=role.label,
                provider=providers.get(provider_code),
                password=DEMO_PASSWORD,
            )
            result.created_users.append(username)
        if not RoleAssignment.objects.filter(user=user).exists():
            for code in unit_code.split(","):
                assignment_add(actor=None, user=user, role=role, unit=existing[code])
        if role in two_factor_roles:
            device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
            if device is None:
                # A reproducible secret per seed, so a demo can be scripted.
                key = (provider_rng if provider_code and role != Role.UTFORARKONTAKT else rng).randbytes(20).hex()
                device = TOTPDevice.objects.create(user=user, name="Demo", key=key, confirmed=True)
            result.totp_secrets[username] = _b32(device)
    return result
