"""Riskanalys (SOSFS 2011:9 5 kap. 1 §): risk matrices as data, analyses that move through the
declared workflow `riskanalys` (workflows.toml), and their risks, scored before and after measures.
The measures are åtgärder (tillit.actions) whose source is a risk."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models

from tillit.risks.scoring import Level, MatrixData
from tillit.workflow.declaration import workflow
from tillit.workflow.models import DeadlineBase, TransitionLogBase, WorkflowSubject

WORKFLOW_KEY = "riskanalys"


class RiskMatrix(models.Model):
    """Probability and consequence scales, the level of each cell and the follow-up threshold.

    A matrix that an analysis uses is never changed: a change makes a new version (same code)."""

    code = models.SlugField("kod", max_length=40)
    version = models.PositiveSmallIntegerField("version", default=1)
    name = models.CharField("namn", max_length=200)
    description = models.TextField("beskrivning", blank=True)
    confirmed = models.BooleanField("bekräftad av kommunen", default=False)
    is_default = models.BooleanField("förval för nya analyser", default=False)
    # A new version being prepared on the matrix screen: editable, not offered to analyses until
    # it is activated.
    draft = models.BooleanField("utkast", default=False)
    probabilities = models.JSONField("sannolikhetsskala")  # [{"value", "label", "description"}]
    consequences = models.JSONField("konsekvensskala")  # [{"value", "label", "description"}]
    levels = models.JSONField("risknivåer")  # [{"code", "label", "colour"}], lowest first
    cells = models.JSONField("nivå per ruta")  # {"p,c": level code}
    follow_up_score = models.PositiveSmallIntegerField("följ upp från poäng", null=True, blank=True)
    follow_up_consequence = models.PositiveSmallIntegerField("följ upp från konsekvens", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["code", "-version"]
        verbose_name = "riskmatris"
        verbose_name_plural = "riskmatriser"
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="risk_matrix_version_unique")]

    def __str__(self) -> str:
        return f"{self.name} (version {self.version})"

    @property
    def data(self) -> MatrixData:
        if "_data" not in self.__dict__:
            self.__dict__["_data"] = MatrixData(
                probabilities=self.probabilities,
                consequences=self.consequences,
                levels=self.levels,
                cells=self.cells,
                follow_up_score=self.follow_up_score,
                follow_up_consequence=self.follow_up_consequence,
            )
        return self.__dict__["_data"]

    @property
    def size(self) -> str:
        return f"{len(self.consequences)} × {len(self.probabilities)}"


class Reason(models.TextChoices):
    FORANDRING = "forandring", "Inför en förändring"
    PROCESS = "process", "Genomgång av en process"
    HANDELSE = "handelse", "Efter en händelse"
    ARLIG = "arlig", "Årlig genomgång"


class RiskAnalysis(WorkflowSubject, models.Model):
    """One riskanalys in one unit: why, who took part, when, and its risks."""

    workflow_fields = ()
    workflow_requirements = "tillit.risks.requirements.unmet"

    code = models.CharField("beteckning", max_length=40, unique=True)
    title = models.CharField("rubrik", max_length=200)
    unit = models.ForeignKey("org.Unit", verbose_name="enhet", on_delete=models.PROTECT, related_name="risk_analyses")
    matrix = models.ForeignKey(RiskMatrix, verbose_name="riskmatris", on_delete=models.PROTECT, related_name="analyses")
    reason = models.CharField("anledning", max_length=16, choices=Reason.choices)
    planned_change = models.TextField("planerad förändring", blank=True)
    participants = models.TextField("deltagare", blank=True, help_text="Roller eller namn, en per rad.")
    analysed_on = models.DateField("datum", db_index=True)
    state = models.CharField("status", max_length=40, default="planerad")
    closed_on = models.DateField("uppföljd", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    workflow_closed_field = "closed_on"

    class Meta:
        ordering = ["-analysed_on", "-id"]
        verbose_name = "riskanalys"
        verbose_name_plural = "riskanalyser"
        indexes = [models.Index(fields=["unit", "analysed_on"], name="risk_analysis_unit_date")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def workflow_key(self) -> str:
        return WORKFLOW_KEY

    @property
    def state_label(self) -> str:
        return workflow(WORKFLOW_KEY).states[self.state].label

    @property
    def is_final(self) -> bool:
        return workflow(WORKFLOW_KEY).is_final(self.state)

    @property
    def participant_list(self) -> list[str]:
        return [line.strip() for line in self.participants.splitlines() if line.strip()]


class RiskAnalysisDeadline(DeadlineBase):
    analysis = models.ForeignKey(RiskAnalysis, on_delete=models.CASCADE, related_name="deadlines")


class RiskAnalysisTransition(TransitionLogBase):
    analysis = models.ForeignKey(RiskAnalysis, on_delete=models.CASCADE, related_name="transitions")


class Risk(models.Model):
    """What could go wrong, why, how likely and how bad — before and after the measures."""

    analysis = models.ForeignKey(RiskAnalysis, on_delete=models.CASCADE, related_name="risks")
    number = models.PositiveSmallIntegerField("nummer")
    description = models.TextField("risk")
    cause = models.TextField("orsak", blank=True)
    probability = models.PositiveSmallIntegerField("sannolikhet")
    consequence = models.PositiveSmallIntegerField("konsekvens")
    residual_probability = models.PositiveSmallIntegerField("sannolikhet efter åtgärder", null=True, blank=True)
    residual_consequence = models.PositiveSmallIntegerField("konsekvens efter åtgärder", null=True, blank=True)
    follow_up_on = models.DateField("följs upp", null=True, blank=True)
    # The process step (aktivitet) the risk concerns, when the unit's processes are described.
    process_step = models.ForeignKey(
        "documents.ProcessActivity",
        verbose_name="processteg",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # "Risk för upprepning": the case (avvikelse, lex Sarah) the risk was opened from. The case page
    # lists its risks through tillit.events.links (events never imports this app).
    event = models.ForeignKey(
        "events.Event",
        verbose_name="händelse",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # One risk per submitted form, however often it is sent (double click, reload).
    idempotency_key = models.CharField(max_length=80, null=True, blank=True, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # Åtgärder belong to a risk through their generic source; `Action.objects.filter(risk=…)` works.
    actions = GenericRelation(
        "actions.Action", content_type_field="source_type", object_id_field="source_id", related_query_name="risk"
    )

    class Meta:
        ordering = ["analysis_id", "number"]
        verbose_name = "risk"
        verbose_name_plural = "risker"
        constraints = [models.UniqueConstraint(fields=["analysis", "number"], name="risk_number_unique")]

    def __str__(self) -> str:
        return f"{self.analysis.code} risk {self.number}"

    @property
    def reference(self) -> str:
        return f"{self.analysis.code} risk {self.number}"

    @property
    def score(self) -> int:
        return self.probability * self.consequence

    @property
    def has_residual(self) -> bool:
        return self.residual_probability is not None and self.residual_consequence is not None

    @property
    def residual_score(self) -> int | None:
        return self.residual_probability * self.residual_consequence if self.has_residual else None

    @property
    def level(self) -> Level:
        return self.analysis.matrix.data.level(self.probability, self.consequence)

    @property
    def residual_level(self) -> Level | None:
        if not self.has_residual:
            return None
        return self.analysis.matrix.data.level(self.residual_probability, self.residual_consequence)

    @property
    def follow_up_needed(self) -> bool:
        data = self.analysis.matrix.data
        if self.has_residual:
            return data.follow_up(self.residual_probability, self.residual_consequence)
        return data.follow_up(self.probability, self.consequence)
