"""Styrande dokument (SOSFS 2011:9 4 kap., 7 kap.) with versions that move through the declared
workflow `styrande_dokument`, läskvittenser (6 kap. 1 §), and processes with ordered activities.

A document's status and dates are those of its current (fastställd) version, copied onto the
document by the services so that lists, reminders and figures are plain indexed queries.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from tillit.audit.services import audit_object
from tillit.org.access import scope_unit_ids_for_roles
from tillit.workflow.models import DeadlineBase, TransitionLogBase, WorkflowSubject

WORKFLOW_KEY = "styrande_dokument"


class DocumentType(models.TextChoices):
    POLICY = "policy", "Policy"
    RIKTLINJE = "riktlinje", "Riktlinje"
    RUTIN = "rutin", "Rutin"
    PROCESSBESKRIVNING = "processbeskrivning", "Processbeskrivning"
    BLANKETT = "blankett", "Blankett"
    INSTRUKTION = "instruktion", "Instruktion"


class DocumentStatus(models.TextChoices):
    """The document's status: its current version's, or its draft's while it has none."""

    UTKAST = "utkast", "Utkast"
    GRANSKNING = "granskning", "På remiss/granskning"
    FASTSTALLD = "faststalld", "Fastställd"
    UPPHAVD = "upphavd", "Upphävd"


class Document(models.Model):
    code = models.CharField("dokumentkod", max_length=40, unique=True)
    title = models.CharField("titel", max_length=200)
    doc_type = models.CharField("dokumenttyp", max_length=24, choices=DocumentType.choices)
    unit = models.ForeignKey(
        "org.Unit", verbose_name="ägande enhet", on_delete=models.PROTECT, related_name="owned_documents"
    )
    applies_to = models.ManyToManyField(
        "org.Unit", verbose_name="gäller för", related_name="applicable_documents", blank=True
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="dokumentägare", on_delete=models.PROTECT, related_name="documents"
    )
    legal_references = models.TextField("lagstöd", blank=True, help_text="En hänvisning per rad, t.ex. SoL 2025:400.")
    related = models.ManyToManyField("self", verbose_name="relaterade dokument", symmetrical=True, blank=True)
    status = models.CharField(
        "status", max_length=16, choices=DocumentStatus.choices, default=DocumentStatus.UTKAST, db_index=True
    )
    current_version = models.ForeignKey(
        "DocumentVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    next_review_on = models.DateField("nästa revidering", null=True, blank=True, db_index=True)
    process = models.ForeignKey(
        "Process",
        verbose_name="process",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="routines",
        help_text="Den process en rutin hör till.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code"]
        verbose_name = "styrande dokument"
        verbose_name_plural = "styrande dokument"

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def legal_reference_list(self) -> list[str]:
        return [line.strip() for line in self.legal_references.splitlines() if line.strip()]


class DocumentVersion(WorkflowSubject, models.Model):
    """One version of a document: its text or file, and who fastställde it when."""

    workflow_fields = ("approved_by", "approved_on", "valid_from", "next_review_on")
    workflow_requirements = "tillit.documents.services.versions.unmet"
    workflow_deadlines = "deadlines"
    workflow_history = "transitions"

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField("version")
    state = models.CharField("status", max_length=16, default="utkast", db_index=True)
    text = models.TextField("text", blank=True)
    change_summary = models.CharField("ändringar i versionen", max_length=300, blank=True)
    filename = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    data = models.BinaryField(null=True, blank=True)
    approved_by = models.CharField(
        "fastställd av", max_length=120, blank=True, help_text="En roll eller ett nämndbeslut, t.ex. ”SN § 88”."
    )
    approved_on = models.DateField("fastställd den", null=True, blank=True, db_index=True)
    valid_from = models.DateField("gäller från", null=True, blank=True)
    next_review_on = models.DateField("nästa revidering", null=True, blank=True)
    is_revision = models.BooleanField(default=False)  # fastställd while an earlier version was current
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["document", "number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="document_version_unique")]

    def __str__(self) -> str:
        return f"{self.document.code} version {self.number}"

    @property
    def workflow_key(self) -> str:
        return WORKFLOW_KEY

    @property
    def has_file(self) -> bool:
        return bool(self.filename)

    @property
    def state_label(self) -> str:
        from tillit.workflow.declaration import workflow

        return workflow(WORKFLOW_KEY).states[self.state].label

    def workflow_may(self, actor, roles) -> bool:
        return self.document.unit_id in scope_unit_ids_for_roles(actor, frozenset(roles))

    def workflow_audit(self, *, actor, action: str, detail: dict[str, Any]) -> None:
        audit_object(actor=actor, action=action, obj=self, unit=self.document.unit_id, detail=detail)


class DocumentVersionTransition(TransitionLogBase):
    version = models.ForeignKey(DocumentVersion, on_delete=models.PROTECT, related_name="transitions")


class DocumentVersionDeadline(DeadlineBase):
    version = models.ForeignKey(DocumentVersion, on_delete=models.CASCADE, related_name="deadlines")


class ReadReceipt(models.Model):
    """A staff member asked to confirm having read a version (läskvittens); confirmed when read."""

    version = models.ForeignKey(DocumentVersion, on_delete=models.PROTECT, related_name="read_receipts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="read_receipts")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField()
    confirmed_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["requested_at", "id"]
        constraints = [models.UniqueConstraint(fields=["version", "user"], name="read_receipt_unique")]


class Process(models.Model):
    """A process (kärnprocess or other) with ordered activities (SOSFS 2011:9 4 kap. 2–3 §§)."""

    code = models.CharField("processkod", max_length=40, unique=True)
    name = models.CharField("namn", max_length=200)
    unit = models.ForeignKey("org.Unit", verbose_name="ägande enhet", on_delete=models.PROTECT, related_name="+")
    description = models.TextField("beskrivning", blank=True)
    is_core = models.BooleanField("kärnprocess", default=True)
    document = models.ForeignKey(
        Document,
        verbose_name="processbeskrivning",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="described_processes",
    )

    class Meta:
        ordering = ["code"]
        verbose_name = "process"
        verbose_name_plural = "processer"

    def __str__(self) -> str:
        return self.name


class ProcessActivity(models.Model):
    """A step of a process; its routines say how it is done and who is responsible (4 kap. 4 §)."""

    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="activities")
    position = models.PositiveSmallIntegerField("ordning")
    name = models.CharField("aktivitet", max_length=200)
    responsible = models.CharField("ansvarig", max_length=200, blank=True)
    samverkan_with = models.CharField(
        "samverkan med", max_length=200, blank=True, help_text="Tomt om aktiviteten inte kräver samverkan."
    )
    documents = models.ManyToManyField(Document, verbose_name="rutiner", related_name="activities", blank=True)

    class Meta:
        ordering = ["process", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["process", "position"], name="process_activity_position")]

    def __str__(self) -> str:
        return f"{self.position}. {self.name}"
