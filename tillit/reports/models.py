"""The kvalitetsberättelse: a report per year and scope unit, its editable sections with their
versions, and — once adopted by the nämnd — a frozen snapshot and the exact documents."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from tillit.core.reporting import KVALITETSBERATTELSE


class ReportState(models.TextChoices):
    DRAFT = "utkast", "Utkast"
    ADOPTED = "faststalld", "Fastställd"


class ReportKind(models.TextChoices):
    """The yearly reports the engine produces (a patientsäkerhetsberättelse will follow)."""

    KVALITETSBERATTELSE = KVALITETSBERATTELSE, "Kvalitetsberättelse"


class QualityReport(models.Model):
    """One yearly report (a kvalitetsberättelse). While a draft it reads live figures;
    `report_adopt` freezes figures, section figures, texts and the PDF/DOCX so that later data
    changes never alter an adopted report."""

    kind = models.CharField("typ", max_length=40, choices=ReportKind.choices, default=ReportKind.KVALITETSBERATTELSE)
    year = models.PositiveSmallIntegerField("år")
    scope = models.ForeignKey("org.Unit", verbose_name="omfattning", on_delete=models.PROTECT, related_name="+")
    state = models.CharField(max_length=16, choices=ReportState.choices, default=ReportState.DRAFT)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    decision_date = models.DateField("beslutsdatum", null=True, blank=True)
    decision_reference = models.CharField("paragraf", max_length=40, blank=True, help_text="Till exempel SN § 88")
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    adopted_at = models.DateTimeField(null=True, blank=True)
    snapshot = models.JSONField(default=dict, blank=True)  # figures, section texts/figures/tables as adopted
    pdf = models.BinaryField(null=True, blank=True, editable=False)
    docx = models.BinaryField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-year", "scope__path"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "year", "scope"], name="one_report_per_kind_year_and_scope")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year} – {self.scope}"

    @property
    def adopted(self) -> bool:
        return self.state == ReportState.ADOPTED


class ReportSection(models.Model):
    """One section: the automatic draft and the (possibly edited) current text."""

    report = models.ForeignKey(QualityReport, on_delete=models.CASCADE, related_name="sections")
    key = models.CharField(max_length=60)
    title = models.CharField(max_length=200)
    position = models.PositiveSmallIntegerField()
    chart = models.CharField(max_length=30, blank=True)
    auto_text = models.TextField(blank=True)
    text = models.TextField(blank=True)
    edited = models.BooleanField(default=False)

    class Meta:
        ordering = ["position"]
        constraints = [models.UniqueConstraint(fields=["report", "key"], name="section_unique_key")]


class SectionVersion(models.Model):
    """Every saved text of a section, so earlier wording can be read and restored."""

    section = models.ForeignKey(ReportSection, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    text = models.TextField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["section", "number"], name="version_unique_number")]
