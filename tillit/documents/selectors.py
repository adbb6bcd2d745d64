"""Reads of styrande dokument, processes and läskvittenser, narrowed to what a user may see.

A document is visible to a user who holds `document.view` in its owning unit or in a unit it
applies to, or below one of them (a routine of the förvaltning applies in every enhet under it).
"""

from __future__ import annotations

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from tillit.documents.models import Document, DocumentVersion, Process, ReadReceipt
from tillit.org.access import scope_unit_ids
from tillit.org.models import Unit


def _with_ancestors(unit_ids) -> set[int]:
    """The units and every unit above them (whose documents apply in them)."""
    ids: set[int] = set()
    for path in Unit.objects.filter(id__in=unit_ids).values_list("path", flat=True):
        ids |= {int(part) for part in path.strip("/").split("/") if part}
    return ids


def documents_visible(user, permission: str = "document.view") -> QuerySet[Document]:
    ids = _with_ancestors(scope_unit_ids(user, permission))
    applies = Document.applies_to.through.objects.filter(document_id=OuterRef("pk"), unit_id__in=ids)
    return Document.objects.filter(Q(unit_id__in=ids) | Exists(applies))


def documents_list(user, *, q: str = "", doc_type: str = "", status: str = "") -> QuerySet[Document]:
    """The visible documents for the list page, searched in code, title and current text
    (`search_documents`)."""
    documents = documents_visible(user).select_related("unit", "owner", "current_version")
    if q := q.strip():
        documents = search_documents(documents, q)
    if doc_type:
        documents = documents.filter(doc_type=doc_type)
    if status:
        documents = documents.filter(status=status)
    return documents.order_by("code")


def search_documents(documents: QuerySet[Document], q: str) -> QuerySet[Document]:
    """On PostgreSQL full-text search with the Swedish configuration (stemming: "rutiner" finds
    "rutin") over title and current text, plus the code as typed; elsewhere (SQLite) `icontains`."""
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchVector

        vector = SearchVector("title", weight="A", config="swedish") + SearchVector(
            "current_version__text", weight="B", config="swedish"
        )
        query = SearchQuery(q, config="swedish", search_type="websearch")
        return documents.annotate(search=vector).filter(Q(search=query) | Q(code__icontains=q))
    return documents.filter(Q(title__icontains=q) | Q(code__icontains=q) | Q(current_version__text__icontains=q))


def documents_applying_to(unit: Unit) -> QuerySet[Document]:
    """The fastställda documents that apply in `unit` (given for it or for a unit above it)."""
    return (
        Document.objects.filter(status="faststalld", applies_to__in=unit.ancestor_ids())
        .distinct()
        .select_related("current_version", "owner")
        .order_by("doc_type", "code")
    )


def my_open_receipts(user) -> QuerySet[ReadReceipt]:
    """The read confirmations the user has been asked for and not given, for current versions."""
    return (
        ReadReceipt.objects.filter(user=user, confirmed_at__isnull=True, version__state="faststalld")
        .select_related("version__document")
        .order_by("requested_at")
    )


def receipt_overview(version: DocumentVersion) -> dict:
    receipts = list(version.read_receipts.select_related("user").order_by("user__last_name", "user__username"))
    confirmed = [r for r in receipts if r.confirmed_at]
    return {
        "confirmed": confirmed,
        "waiting": [r for r in receipts if not r.confirmed_at],
        "total": len(receipts),
        "share": round(100 * len(confirmed) / len(receipts)) if receipts else None,
    }


def processes_visible(user) -> QuerySet[Process]:
    ids = _with_ancestors(scope_unit_ids(user, "document.view"))
    return Process.objects.filter(unit_id__in=ids)


def processes_with_activities(user) -> list[Process]:
    return list(
        processes_visible(user)
        .annotate(activity_count=Count("activities"))
        .prefetch_related("activities__documents")
        .order_by("-is_core", "code")
    )
