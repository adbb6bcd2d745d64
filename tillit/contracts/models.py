"""Avtalsuppföljning: the municipality's contracts with private providers (utförare), their
requirements as a checklist on the assessment core, follow-ups with findings per requirement, and
the measures the provider answers in Tillit and the municipality judges.

Follow-ups and measures move through the workflows declared in `workflows.toml` (the shared engine
`tillit.workflow`). Who may act is decided in `tillit.contracts.access`: the municipality's side
(contract.manage) and the provider's own side (contract.answer, only for the contract's provider).
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q

from tillit.workflow.declaration import workflow
from tillit.workflow.models import DeadlineBase, TransitionLogBase, WorkflowSubject

FOLLOW_UP_WORKFLOW = "avtalsuppfoljning"
MEASURE_WORKFLOW = "avtalsatgard"


class Contract(models.Model):
    """A contract (avtal) with a provider for some of its units (verksamheter) over a period."""

    provider = models.ForeignKey(
        "org.Provider", verbose_name="utförare", on_delete=models.PROTECT, related_name="contracts"
    )
    code = models.CharField("avtalsnummer", max_length=64, unique=True)
    title = models.CharField("benämning", max_length=200, blank=True)
    units = models.ManyToManyField("org.Unit", verbose_name="verksamheter", related_name="contracts")
    valid_from = models.DateField("gäller från")
    valid_to = models.DateField("gäller till", null=True, blank=True)
    # The requirements: a checklist template on the assessment core (kind "avtal"); the codes of the
    # items the contract demands (empty: every item of the template).
    template = models.ForeignKey(
        "assessments.AssessmentTemplate", verbose_name="krav (mall)", on_delete=models.PROTECT, related_name="+"
    )
    requirement_codes = models.JSONField("kravens koder", default=list, blank=True)
    # What the provider shares of its own quality work, as results only (the contract's terms; the
    # defaults follow common contract terms: both shared).
    share_self_inspection = models.BooleanField(
        "dela egenkontrollens resultat",
        default=True,
        help_text="Utförarens avslutade egenkontroller i avtalets verksamheter, som andel uppfyllt per kriterium.",
    )
    share_risk = models.BooleanField(
        "dela riskanalysernas resultat",
        default=True,
        help_text="Antal riskanalyser, risker över uppföljningsgränsen och öppna åtgärder – ingen fritext.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["provider__name", "code"]
        verbose_name = "avtal"
        verbose_name_plural = "avtal"
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="contract_period_valid",
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}".strip()

    def is_valid_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class Method(models.TextChoices):
    BESOK = "besok", "Verksamhetsbesök"
    INTERVJU = "intervju", "Intervju"
    DOKUMENTGRANSKNING = "dokumentgranskning", "Dokumentgranskning"
    AVVIKELSEHANTERING = "avvikelsehantering", "Granskning av utförarens avvikelsehantering i Tillit"


class Reason(models.TextChoices):
    PLANERAD = "planerad", "Planerad uppföljning"
    FOREKOMMEN_ANLEDNING = "forekommen_anledning", "På förekommen anledning"


class FollowUp(WorkflowSubject, models.Model):
    """One follow-up of a contract: planned, carried out (findings per requirement), closed when
    every required measure is approved."""

    workflow_fields = ("performed_on", "summary")
    workflow_requirements = "tillit.contracts.requirements.follow_up_unmet"
    workflow_closed_field = "closed_on"

    contract = models.ForeignKey(Contract, verbose_name="avtal", on_delete=models.PROTECT, related_name="follow_ups")
    planned_on = models.DateField("planerad", db_index=True)
    performed_on = models.DateField("genomförd", null=True, blank=True)
    methods = models.JSONField("metoder", default=list)
    reason = models.CharField("anledning", max_length=24, choices=Reason.choices, default=Reason.PLANERAD)
    # What a follow-up på förekommen anledning started from (a klagomål, a lex Sarah case): a generic
    # reference, so that the contracts app names no other app's model.
    source_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    source_label = models.CharField("anledning (ärende)", max_length=60, blank=True)
    summary = models.TextField("sammanfattning", blank=True)
    state = models.CharField("status", max_length=40, default="planerad")
    closed_on = models.DateField("avslutad", null=True, blank=True)
    idempotency_key = models.CharField(max_length=80, null=True, blank=True, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-planned_on", "-id"]
        verbose_name = "avtalsuppföljning"
        verbose_name_plural = "avtalsuppföljningar"
        constraints = [
            models.CheckConstraint(
                condition=Q(source_type__isnull=True, source_id__isnull=True)
                | Q(source_type__isnull=False, source_id__isnull=False),
                name="follow_up_source_complete",
            )
        ]

    def __str__(self) -> str:
        return f"Uppföljning av {self.contract.code} {self.planned_on:%Y-%m-%d}"

    @property
    def workflow_key(self) -> str:
        return FOLLOW_UP_WORKFLOW

    def workflow_may(self, actor, roles) -> bool:
        from tillit.contracts.access import may_act

        return may_act(actor, self.contract, roles)

    @property
    def state_label(self) -> str:
        return workflow(FOLLOW_UP_WORKFLOW).states[self.state].label

    @property
    def is_final(self) -> bool:
        return workflow(FOLLOW_UP_WORKFLOW).is_final(self.state)

    @property
    def method_labels(self) -> list[str]:
        labels = dict(Method.choices)
        return [labels.get(m, m) for m in self.methods]


class FollowUpDeadline(DeadlineBase):
    follow_up = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="deadlines")


class FollowUpTransition(TransitionLogBase):
    follow_up = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="transitions")


class FindingResult(models.TextChoices):
    UPPFYLLT = "uppfyllt", "Uppfyllt"
    BRIST = "brist", "Brist"
    EJ_GRANSKAT = "ej_granskat", "Ej granskat"


class Finding(models.Model):
    """The result of a follow-up for one requirement (an item of the contract's template)."""

    follow_up = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="findings")
    item = models.ForeignKey(
        "assessments.TemplateItem", verbose_name="krav", on_delete=models.PROTECT, related_name="+"
    )
    result = models.CharField("resultat", max_length=16, choices=FindingResult.choices)
    comment = models.TextField("kommentar", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["follow_up_id", "item__position"]
        verbose_name = "iakttagelse"
        verbose_name_plural = "iakttagelser"
        constraints = [models.UniqueConstraint(fields=["follow_up", "item"], name="finding_one_per_requirement")]

    def __str__(self) -> str:
        return f"{self.item.ref}: {self.get_result_display()}"


class MeasureJudgement(models.TextChoices):
    GODKAND = "godkand", "Godkänd"
    EJ_GODKAND = "ej_godkand", "Ej godkänd"


class RequiredMeasure(WorkflowSubject, models.Model):
    """A measure the municipality requires after a deficiency: the provider answers what it has done
    by the deadline, the municipality approves the answer or not (then with a new deadline)."""

    workflow_fields = (
        "answer",
        "answered_on",
        "answered_by",
        "judgement",
        "judgement_comment",
        "judged_on",
        "judged_by",
        "deadline",
    )
    workflow_requirements = "tillit.contracts.requirements.measure_unmet"
    workflow_closed_field = "closed_on"

    follow_up = models.ForeignKey(FollowUp, on_delete=models.PROTECT, related_name="measures")
    finding = models.ForeignKey(
        Finding, verbose_name="brist", null=True, blank=True, on_delete=models.PROTECT, related_name="measures"
    )
    number = models.PositiveSmallIntegerField("nummer")
    description = models.TextField("åtgärd som krävs")
    deadline = models.DateField("svara senast")
    state = models.CharField("status", max_length=40, default="begard")
    answer = models.TextField("utförarens svar", blank=True)
    answered_on = models.DateField("besvarad", null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    judgement = models.CharField("bedömning", max_length=12, choices=MeasureJudgement.choices, blank=True)
    judgement_comment = models.TextField("kommunens kommentar", blank=True)
    judged_on = models.DateField("bedömd", null=True, blank=True)
    judged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_on = models.DateField("avslutad", null=True, blank=True)
    idempotency_key = models.CharField(max_length=80, null=True, blank=True, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["follow_up_id", "number"]
        verbose_name = "krävd åtgärd"
        verbose_name_plural = "krävda åtgärder"
        constraints = [models.UniqueConstraint(fields=["follow_up", "number"], name="measure_number_unique")]

    def __str__(self) -> str:
        return f"Åtgärd {self.number} ({self.follow_up.contract.code})"

    @property
    def workflow_key(self) -> str:
        return MEASURE_WORKFLOW

    def workflow_may(self, actor, roles) -> bool:
        from tillit.contracts.access import may_act

        return may_act(actor, self.follow_up.contract, roles)

    def workflow_deadline_start(self, *, code: str, label: str, legal_reference: str, due_on: date) -> None:
        # The answer is due on the date the municipality set (not the declared default number of
        # days); a measure sent back gets a new deadline row, the met one stays in its history.
        if not self.deadlines.filter(code=code, met_on__isnull=True).exists():
            self.deadlines.create(code=code, label=label, legal_reference=legal_reference, due_on=self.deadline)

    @property
    def state_label(self) -> str:
        return workflow(MEASURE_WORKFLOW).states[self.state].label

    @property
    def is_final(self) -> bool:
        return workflow(MEASURE_WORKFLOW).is_final(self.state)


class MeasureDeadline(DeadlineBase):
    measure = models.ForeignKey(RequiredMeasure, on_delete=models.CASCADE, related_name="deadlines")


class MeasureTransition(TransitionLogBase):
    measure = models.ForeignKey(RequiredMeasure, on_delete=models.CASCADE, related_name="transitions")
