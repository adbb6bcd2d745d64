"""What each role may do, declared once.

Every view, API endpoint, export and report asks `tillit.accounts.access` which reads this table.
`python manage.py render_policy_docs` writes it to docs/permissions.md for the municipality's review.
A permission is granted in the units at and below the unit of an assignment whose role holds it.
"""

from __future__ import annotations

from dataclasses import dataclass

from tillit.accounts.roles import Role

R = Role
ALL_ROLES = frozenset(Role)
# Roles that only ever see aggregates, never a record holding personal data.
AGGREGATE_ONLY_ROLES = frozenset({R.LEDNING, R.NAMND})


@dataclass(frozen=True)
class Permission:
    code: str
    label: str  # Swedish, shown in docs and admin pages
    roles: frozenset[Role]
    personal_data: bool = False  # reading it is logged and never granted to aggregate-only roles
    legal_reference: str = ""


PERMISSIONS: tuple[Permission, ...] = (
    Permission("unit.view", "Se enheten och dess placering i organisationen", ALL_ROLES),
    Permission("unit.manage", "Byta namn på, flytta och stänga enheter", frozenset({R.SYSTEMADMINISTRATOR})),
    Permission(
        "user.manage",
        "Hantera användare och rolltilldelningar",
        frozenset({R.SYSTEMADMINISTRATOR}),
        personal_data=True,
        legal_reference="SoLPuL 2001:454; behörighetstilldelning efter behovs- och riskanalys",
    ),
    Permission(
        "access_review.manage",
        "Se behörighetslistan och registrera årlig behörighetsgranskning",
        frozenset({R.SYSTEMADMINISTRATOR}),
        personal_data=True,
        legal_reference="SoLPuL 2001:454",
    ),
    Permission(
        "audit.view",
        "Följa upp loggen (logguppföljning) och registrera granskningar",
        frozenset({R.SYSTEMADMINISTRATOR}),
        personal_data=True,
        legal_reference="HSLF-FS 2016:40 4 kap. 9 §",
    ),
)

# Who takes part in case work; the per-transition roles are declared in events/workflows.toml.
CASE_READERS = frozenset({R.ENHETSCHEF, R.AVDELNINGSCHEF, R.UTREDARE, R.KVALITETSUTVECKLARE, R.MAS, R.UTFORARKONTAKT})
REPORTERS = CASE_READERS | {R.MEDARBETARE}

PERMISSIONS += (
    Permission(
        "event.report",
        "Rapportera händelser (avvikelse, lex Sarah, lex Maria, klagomål, synpunkt)",
        REPORTERS,
        legal_reference="SOSFS 2011:9 6 kap.; SOSFS 2011:5",
    ),
    Permission(
        "event.view",
        "Läsa händelser med personuppgifter och fritext (egna rapporter får alltid läsas av rapportören)",
        CASE_READERS,
        personal_data=True,
        legal_reference="OSL 26 kap. 1 §; SoLPuL 2001:454",
    ),
    Permission(
        "event.statistics",
        "Se sammanställningar utan personuppgifter",
        CASE_READERS | {R.LEDNING, R.NAMND},
    ),
    Permission(
        "event.configure",
        "Ändra kategorier och kommunens tidsfrister (tjänstenivåer)",
        frozenset({R.KVALITETSUTVECKLARE, R.SYSTEMADMINISTRATOR}),
    ),
    Permission(
        "report.edit",
        "Skriva, redigera och fastställa kvalitetsberättelsen",
        frozenset({R.KVALITETSUTVECKLARE}),
    ),
    Permission(
        "report.view",
        "Läsa kvalitetsberättelsen (bara sammanställda uppgifter)",
        CASE_READERS | {R.LEDNING, R.NAMND},
    ),
    Permission(
        "integration.manage",
        "Hantera API-nycklar för verksamhetssystem",
        frozenset({R.SYSTEMADMINISTRATOR}),
    ),
)

PERMISSIONS_BY_CODE: dict[str, Permission] = {p.code: p for p in PERMISSIONS}


def roles_with(code: str) -> frozenset[Role]:
    """The roles that hold permission `code`; unknown codes are a programming error."""
    return PERMISSIONS_BY_CODE[code].roles


def _check_table() -> None:
    for permission in PERMISSIONS:
        if permission.personal_data and permission.roles & AGGREGATE_ONLY_ROLES:
            raise AssertionError(f"{permission.code}: aggregate-only roles may not read personal data")


_check_table()
