"""Demo data: Exempelby's core processes (seed 002 Alingsås names them) with their activities,
about forty routines and other styrande dokument with realistic review dates (some overdue), a
revision on remiss, and a läskvittens round on the revised lex Sarah routine.

Idempotent: processes and documents are made by code, once."""

from __future__ import annotations

import random
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from tillit.accounts.models import RoleAssignment
from tillit.actions.services import action_create
from tillit.core.roles import Role
from tillit.documents.models import Document, Process
from tillit.documents.revisions import REVISION_ACTION_TYPE
from tillit.documents.services import (
    activity_add,
    document_create,
    process_create,
    read_receipt_confirm,
    read_receipts_request,
    version_create,
    version_transition,
)
from tillit.org.models import Unit

# process code, name, unit code, [(activity, responsible, samverkan with, [(routine code, title)])]
PROCESSES = [
    (
        "P-UNGA",
        "Socialtjänstprocessen Unga",
        "BOU",
        [
            (
                "Aktualisera",
                "Mottagningssekreterare",
                "",
                [
                    ("RUT-BOU-01", "Rutin för mottagande av anmälan"),
                    ("RUT-BOU-02", "Rutin för skyddsbedömning samma dag"),
                ],
            ),
            ("Förhandsbedöma", "Mottagningssekreterare", "", [("RUT-BOU-03", "Rutin för förhandsbedömning")]),
            (
                "Utreda och bedöma",
                "Socialsekreterare utredning",
                "Skola, BUP och polis",
                [
                    ("RUT-BOU-04", "Rutin för barnavårdsutredning enligt BBIC"),
                    ("RUT-BOU-05", "Rutin för samverkan kring barn som far illa"),
                ],
            ),
            (
                "Besluta och meddela beslut",
                "Enhetschef",
                "",
                [("RUT-BOU-06", "Rutin för delegationsbeslut och kommunicering")],
            ),
            (
                "Genomföra insats",
                "Öppenvård och familjehem",
                "Region (SIP)",
                [("RUT-BOU-07", "Rutin för genomförandeplan"), ("RUT-BOU-08", "Rutin för samordnad individuell plan")],
            ),
            ("Följa upp", "Socialsekreterare", "", [("RUT-BOU-09", "Rutin för uppföljning av placering")]),
            ("Avsluta", "Socialsekreterare", "", [("RUT-BOU-10", "Rutin för avslut och arkivering")]),
        ],
    ),
    (
        "P-VUXNA",
        "Socialtjänstprocessen Vuxna",
        "VUX",
        [
            ("Aktualisera", "Mottagning vuxna", "", [("RUT-VUX-01", "Rutin för ansökan och anmälan vuxna")]),
            (
                "Utreda och bedöma",
                "Socialsekreterare",
                "",
                [
                    ("RUT-VUX-02", "Rutin för utredning enligt ASI"),
                    ("RUT-VUX-03", "Rutin för utredning av ekonomiskt bistånd"),
                ],
            ),
            ("Besluta", "Enhetschef", "", [("RUT-VUX-04", "Rutin för beslut och överklagande")]),
            (
                "Genomföra insats",
                "Behandlare",
                "Region (beroendevård)",
                [("RUT-VUX-05", "Rutin för samverkan med beroendevården"), ("RUT-VUX-06", "Rutin för boendestöd")],
            ),
            ("Följa upp", "Socialsekreterare", "", [("RUT-VUX-07", "Rutin för uppföljning av insats")]),
            ("Avsluta", "Socialsekreterare", "", []),
        ],
    ),
    (
        "P-FAMR",
        "Familjerättsprocessen",
        "BOU",
        [
            (
                "Ta emot ärende",
                "Familjerättssekreterare",
                "Tingsrätt",
                [("RUT-FAM-01", "Rutin för upplysningar till tingsrätt")],
            ),
            ("Samarbetssamtal", "Familjerättssekreterare", "", [("RUT-FAM-02", "Rutin för samarbetssamtal")]),
            (
                "Utreda vårdnad, boende och umgänge",
                "Familjerättssekreterare",
                "Tingsrätt",
                [("RUT-FAM-03", "Rutin för vårdnads-, boende- och umgängesutredning")],
            ),
            (
                "Fastställa faderskap och föräldraskap",
                "Familjerättssekreterare",
                "",
                [("RUT-FAM-04", "Rutin för fastställande av faderskap")],
            ),
            ("Avsluta", "Familjerättssekreterare", "", [("RUT-FAM-05", "Rutin för avslut familjerätt")]),
        ],
    ),
]
# Documents of the whole förvaltning: code, title, type, legal reference
GENERAL = [
    ("POL-01", "Kvalitetspolicy för socialnämnden", "policy", "SOSFS 2011:9 3 kap."),
    ("RIK-01", "Riktlinje för ledningssystemet", "riktlinje", "SOSFS 2011:9"),
    ("RIK-02", "Riktlinje för avvikelsehantering", "riktlinje", "SOSFS 2011:9 5 kap. 4–6 §§"),
    ("RUT-GEM-01", "Rutin för lex Sarah", "rutin", "SoL 2001:453 14 kap.; SOSFS 2011:5"),
    ("RUT-GEM-02", "Rutin för klagomål och synpunkter", "rutin", "SOSFS 2011:9 5 kap. 3 §"),
    ("RIK-03", "Riktlinje för dokumentation", "riktlinje", "SoL 2025:400; SOSFS 2014:5"),
    ("RUT-GEM-03", "Rutin vid hot och våld", "rutin", "AFS 2023:2"),
    ("RUT-GEM-04", "Rutin för riskanalys inför förändringar", "rutin", "SOSFS 2011:9 5 kap. 1 §"),
    ("RUT-GEM-05", "Rutin för egenkontroll", "rutin", "SOSFS 2011:9 5 kap. 2 §"),
    ("RUT-GEM-06", "Rutin för loggkontroll", "rutin", "SoLPuL 2001:454"),
    ("INS-01", "Instruktion för journalgranskning", "instruktion", "SOSFS 2011:9 5 kap. 2 §"),
    ("BLA-01", "Blankett: rapport enligt lex Sarah", "blankett", "SOSFS 2011:5"),
    ("RUT-GEM-07", "Rutin för sekretess och utlämnande av uppgifter", "rutin", "OSL 2009:400 26 kap."),
    ("RUT-GEM-08", "Rutin för introduktion av nyanställda", "rutin", ""),
    ("PRO-01", "Processbeskrivning: socialtjänstprocessen unga", "processbeskrivning", "SOSFS 2011:9 4 kap. 3 §"),
]
DECIDERS = ["SN § 88", "SN § 42", "Socialchef", "Avdelningschef", "Enhetschef"]


def _faststall(actor, document: Document, rng: random.Random, today: date, *, approved_on: date | None = None):
    version = document.versions.order_by("-number").first()
    approved_on = approved_on or today - timedelta(days=rng.randint(30, 800))
    version_transition(actor=actor, version=version, code="skicka_pa_remiss")
    version_transition(
        actor=actor,
        version=version,
        code="faststall",
        approved_by=rng.choice(DECIDERS),
        approved_on=approved_on,
        valid_from=approved_on,
        next_review_on=approved_on + timedelta(days=rng.choice([365, 730])),
    )


@transaction.atomic
def demo_step(*, rng: random.Random, today: date) -> str | None:
    staff = (
        RoleAssignment.objects.filter(role=Role.KVALITETSUTVECKLARE, user__is_active=True)
        .select_related("user", "unit")
        .order_by("user__username")
        .first()
    )
    if staff is None or Process.objects.filter(code="P-UNGA").exists():
        return None
    actor, root = staff.user, staff.unit
    units = {u.code: u for u in Unit.objects.filter(code__in=["BOU", "VUX"])}
    made = 0
    for code, title, doc_type, legal in GENERAL:
        document = document_create(
            actor=actor, code=code, title=title, doc_type=doc_type, unit=root, owner=actor,
            legal_references=legal, text=f"{title}.\n\nSyfte, ansvar och arbetssätt beskrivs här.",
        )  # fmt: skip
        _faststall(actor, document, rng, today)
        made += 1
    for pcode, pname, unit_code, activities in PROCESSES:
        unit = units.get(unit_code, root)
        process = process_create(actor=actor, code=pcode, name=pname, unit=unit)
        for name, responsible, samverkan, routines in activities:
            documents = []
            for rcode, rtitle in routines:
                document = document_create(
                    actor=actor, code=rcode, title=rtitle, doc_type="rutin", unit=unit, owner=actor,
                    process=process, text=f"{rtitle}.\n\nHur: steg för steg.\nVem: {responsible}.",
                )  # fmt: skip
                if rng.random() < 0.9:
                    _faststall(actor, document, rng, today)
                documents.append(document)
                made += 1
            activity_add(
                actor=actor, process=process, name=name, responsible=responsible, samverkan_with=samverkan,
                documents=documents,
            )  # fmt: skip
    # The lex Sarah routine was revised this year and the staff were asked to read it.
    sarah = Document.objects.get(code="RUT-GEM-01")
    version_create(actor=actor, document=sarah, change_summary="Nya kontaktvägar till IVO")
    _faststall(actor, sarah, rng, today, approved_on=today - timedelta(days=20))
    sarah.refresh_from_db()
    read_receipts_request(actor=actor, version=sarah.current_version)
    for receipt in sarah.current_version.read_receipts.all():
        if rng.random() < 0.6:
            read_receipt_confirm(actor=receipt.user, receipt=receipt)
    # A revision of the dokumentation riktlinje is on remiss while the current version applies.
    riktlinje = Document.objects.get(code="RIK-03")
    draft = version_create(actor=actor, document=riktlinje, change_summary="Anpassad till SoL 2025:400")
    version_transition(actor=actor, version=draft, code="skicka_pa_remiss")
    # An åtgärd "reviderad rutin" on it, completed when the new version is fastställd.
    action_create(
        actor=actor, source=riktlinje, action_type=REVISION_ACTION_TYPE, owner=actor,
        description="Revidera riktlinjen efter den nya socialtjänstlagen.",
        due_on=max(today, timezone.localdate()) + timedelta(days=45),
    )  # fmt: skip
    return f"Styrande dokument: {made} dokument, {len(PROCESSES)} kärnprocesser, en läskvittensrunda"
