"""Shared helpers for the documents tests."""

from __future__ import annotations

from datetime import date

from tillit.documents.services import document_create, version_transition


def make_document(org, *, code="RUT-1", unit=None, applies_to=(), text="Så här gör vi.", actor=None, **kwargs):
    actor = actor or org.user("enhetschef")
    return document_create(
        actor=actor,
        code=code,
        title=kwargs.pop("title", f"Rutin {code}"),
        doc_type=kwargs.pop("doc_type", "rutin"),
        unit=unit or org.vux1,
        owner=kwargs.pop("owner", actor),
        applies_to=applies_to,
        text=text,
        **kwargs,
    )


def faststall(version, actor, *, valid_from=date(2026, 1, 1), next_review_on=date(2027, 1, 1), approved_by="SN § 88"):
    version_transition(actor=actor, version=version, code="skicka_pa_remiss")
    version.refresh_from_db()
    version_transition(
        actor=actor,
        version=version,
        code="faststall",
        approved_by=approved_by,
        valid_from=valid_from,
        next_review_on=next_review_on,
    )
    version.refresh_from_db()
    return version
