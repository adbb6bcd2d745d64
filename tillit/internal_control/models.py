"""Internkontroll (kommunallagen 6 kap. 6 § — paragraph unconfirmed): the nämnd's plan per year with
control points, each with the risk it addresses on a risk matrix, the control, and its result; the
points not carried out go over to next year's plan, linked to last year's."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models

from tillit.risks.scoring import Level


class ControlStatus(models.TextChoices):
    GENOMFORD = "genomford", "Genomförd"
    EJ_GENOMFORD = "ej_genomford", "Ej genomförd"
    PAGAR = "pagar", "Pågår"


class ControlOutcome(models.TextChoices):
    UTAN_ANMARKNING = "utan_anmarkning", "Utan anmärkning"
    MED_BRISTER = "med_brister", "Med brister"


class ControlPlan(models.Model):
    """The internkontrollplan of one nämnd (a top unit) for one year."""

    unit = models.ForeignKey("org.Unit", verbose_name="nämnd", on_delete=models.PROTECT, related_name="control_plans")
    year = models.PositiveSmallIntegerField("år")
    matrix = models.ForeignKey(
        "risks.RiskMatrix", verbose_name="riskmatris", on_delete=models.PROTECT, related_name="+"
    )
    previous = models.ForeignKey(
        "self", verbose_name="föregående års plan", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The nämnd's decision adopting the plan (e.g. "SN § 12" on 2025-02-14).
    adopted_on = models.DateField("antagen", null=True, blank=True)
    adoption_reference = models.CharField("beslut (paragraf)", max_length=60, blank=True)
    adopted_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "unit__name"]
        verbose_name = "internkontrollplan"
        verbose_name_plural = "internkontrollplaner"
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="control_plan_unit_year_unique")]

    def __str__(self) -> str:
        return f"Internkontrollplan {self.year} – {self.unit.name}"

    @property
    def is_adopted(self) -> bool:
        return self.adopted_on is not None


class ControlPoint(models.Model):
    """A control point: the risk (probability × consequence on the plan's matrix), the control,
    how often, who is responsible, when it reports, and its result."""

    plan = models.ForeignKey(ControlPlan, on_delete=models.CASCADE, related_name="points")
    code = models.CharField("kod", max_length=40)
    title = models.CharField("kontrollområde", max_length=300)
    probability = models.PositiveSmallIntegerField("sannolikhet")
    consequence = models.PositiveSmallIntegerField("konsekvens")
    control = models.TextField("kontrollmoment (metod)", blank=True)
    frequency = models.CharField("frekvens", max_length=100, blank=True)
    responsible = models.CharField("ansvarig", max_length=200, blank=True)
    reporting = models.CharField("rapporteras", max_length=100, blank=True)
    # When the result is due (reminders to the responsible user as it comes and when it has passed).
    report_due = models.DateField("rapporteras senast", null=True, blank=True)
    responsible_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="ansvarig användare",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField("status", max_length=16, choices=ControlStatus.choices, default=ControlStatus.PAGAR)
    outcome = models.CharField("utfall", max_length=16, choices=ControlOutcome.choices, blank=True)
    comment = models.TextField("kommentar", blank=True)
    carried_from = models.OneToOneField(
        "self", verbose_name="överförd från", null=True, blank=True, on_delete=models.PROTECT, related_name="carried_to"
    )
    actions = GenericRelation(
        "actions.Action",
        content_type_field="source_type",
        object_id_field="source_id",
        related_query_name="control_point",
    )

    class Meta:
        ordering = ["plan_id", "code"]
        verbose_name = "kontrollpunkt"
        verbose_name_plural = "kontrollpunkter"
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="control_point_code_unique")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def reference(self) -> str:
        return f"IK {self.plan.year} {self.code}"

    @property
    def unit_id(self) -> int:
        return self.plan.unit_id

    @property
    def score(self) -> int:
        return self.probability * self.consequence

    @property
    def level(self) -> Level:
        return self.plan.matrix.data.level(self.probability, self.consequence)

    @property
    def light(self) -> str:
        """The traffic light of the follow-up report (always shown with its text): green = carried out
        without remarks, yellow = carried out with deficiencies, red = not carried out, grey = ongoing."""
        if self.status == ControlStatus.GENOMFORD:
            return "gul" if self.outcome == ControlOutcome.MED_BRISTER else "gron"
        return "rod" if self.status == ControlStatus.EJ_GENOMFORD else "gra"
