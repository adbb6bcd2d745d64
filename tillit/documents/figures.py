"""The `documents` figures of the yearly report (JSON contract, docs/figures.md): counts only —
codes, names and numbers, never text or persons."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from tillit.documents.models import Document, DocumentStatus, DocumentType, DocumentVersion, Process, ReadReceipt

APPROVED_STATES = ("faststalld", "ersatt", "upphavd")


def document_figures(*, scope, year: int, today: date | None = None) -> dict[str, Any]:
    today = today or timezone.localdate()
    documents = Document.objects.filter(unit__path__startswith=scope.path)
    by_type: dict[str, dict[str, int]] = {t: {s: 0 for s in DocumentStatus.values} for t in DocumentType.values}
    for doc_type, status, n in documents.values_list("doc_type", "status").annotate(n=Count("id")):
        by_type[doc_type][status] = n
    approved = DocumentVersion.objects.filter(
        document__unit__path__startswith=scope.path, approved_on__year=year, state__in=APPROVED_STATES
    ).aggregate(new=Count("id", filter=Q(is_revision=False)), revised=Count("id", filter=Q(is_revision=True)))
    review_cutoff = min(today, date(year, 12, 31))
    overdue = documents.filter(status=DocumentStatus.FASTSTALLD, next_review_on__lt=review_cutoff).count()
    processes = [
        {
            "code": p.code,
            "name": p.name,
            "core": p.is_core,
            "activities": p.n_activities,
            "samverkan": p.n_samverkan,
            "without_routine": p.n_without,
        }
        for p in Process.objects.filter(unit__path__startswith=scope.path)
        .annotate(
            n_activities=Count("activities", distinct=True),
            n_samverkan=Count("activities", filter=~Q(activities__samverkan_with=""), distinct=True),
            n_without=Count("activities", filter=Q(activities__documents__isnull=True), distinct=True),
        )
        .order_by("-is_core", "code")
    ]
    receipts = ReadReceipt.objects.filter(
        version__document__unit__path__startswith=scope.path, requested_at__year=year
    ).aggregate(asked=Count("id"), confirmed=Count("id", filter=Q(confirmed_at__isnull=False)))
    share = round(receipts["confirmed"] / receipts["asked"], 4) if receipts["asked"] else None
    return {
        "documents": {
            "by_type": by_type,
            "new": approved["new"],
            "revised": approved["revised"],
            "overdue_for_review": overdue,
            "processes": processes,
            "read_receipts": {**receipts, "share": share},
        }
    }
