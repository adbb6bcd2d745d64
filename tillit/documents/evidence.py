"""Styrande dokument and processes as evidence of a GAP (or any assessment) answer, registered in
the assessment core's evidence registry (`tillit.assessments.evidence`) from plugin.py."""

from __future__ import annotations

from django.urls import reverse

from tillit.assessments.evidence import EvidenceSource
from tillit.documents.models import Document, DocumentStatus, Process
from tillit.documents.selectors import documents_visible, processes_visible


def _document_choices(user, unit):
    documents = documents_visible(user).exclude(status=DocumentStatus.UPPHAVD).order_by("code")
    return [(pk, f"{code} {title}") for pk, code, title in documents.values_list("pk", "code", "title")]


def _process_choices(user, unit):
    processes = processes_visible(user).order_by("code")
    return [(pk, f"{code} {name}") for pk, code, name in processes.values_list("pk", "code", "name")]


def evidence_sources() -> list[EvidenceSource]:
    return [
        EvidenceSource(
            model=Document,
            label="Styrande dokument",
            choices=_document_choices,
            get=lambda user, pk: documents_visible(user).filter(pk=pk).first(),
            url=lambda pk: reverse("documents:document_detail", args=[pk]),
        ),
        EvidenceSource(
            model=Process,
            label="Processer",
            choices=_process_choices,
            get=lambda user, pk: processes_visible(user).filter(pk=pk).first(),
            url=lambda pk: reverse("documents:process_detail", args=[pk]),
        ),
    ]
