"""Egenkontroll (SOSFS 2011:9 5 kap. 2 §): a programme per year and unit that says what is checked,
by which method, how often, by whom and in which months (adopted by the nämnd on the declared
workflow `egenkontrollprogram`), and its calendar of rounds. A round is carried out as an assessment
of the assessment core (template of criteria, sampled cases, answers Ja / Nej / Ej aktuellt); this
app links the round to it and reads its results."""

from __future__ import annotations

import calendar
from datetime import date

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.urls import reverse

from tillit.workflow.deadlines import is_overdue
from tillit.workflow.declaration import workflow
from tillit.workflow.models import TransitionLogBase, WorkflowSubject

WORKFLOW_KEY = "egenkontrollprogram"


class Method(models.TextChoices):
    """The methods the allmänna råd to SOSFS 2011:9 5 kap. 2 § name (quality-work brief)."""

    JOURNALGRANSKNING = "journalgranskning", "Journal-/aktgranskning"
    OBSERVATION = "observation", "Observation"
    JAMFORELSE = "jamforelse", "Jämförelse med Öppna jämförelser eller egna resultat"
    MALGRUPPSUNDERSOKNING = "malgruppsundersokning", "Målgruppsundersökning"
    CHECKLISTA = "checklista", "Checklista"


MONTHS = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]


class Programme(WorkflowSubject, models.Model):
    """The egenkontrollprogram of one unit for one year."""

    workflow_fields = ("decision_reference",)
    workflow_requirements = "tillit.self_inspection.requirements.unmet"
    workflow_closed_field = "adopted_on"

    unit = models.ForeignKey(
        "org.Unit", verbose_name="enhet", on_delete=models.PROTECT, related_name="self_inspection_programmes"
    )
    year = models.PositiveSmallIntegerField("år")
    title = models.CharField("rubrik", max_length=200)
    state = models.CharField("status", max_length=40, default="utkast")
    decision_reference = models.CharField(
        "beslut", max_length=100, blank=True, help_text="Nämndens beslut, t.ex. ”SN § 88”."
    )
    adopted_on = models.DateField("antaget", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-year", "unit__path"]
        verbose_name = "egenkontrollprogram"
        verbose_name_plural = "egenkontrollprogram"
        constraints = [models.UniqueConstraint(fields=["unit", "year"], name="self_inspection_programme_unit_year")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("self_inspection:programme_detail", args=[self.pk])

    @property
    def workflow_key(self) -> str:
        return WORKFLOW_KEY

    @property
    def state_label(self) -> str:
        return workflow(WORKFLOW_KEY).states[self.state].label

    @property
    def is_adopted(self) -> bool:
        return workflow(WORKFLOW_KEY).is_final(self.state)


class ProgrammeTransition(TransitionLogBase):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="transitions")


class ProgrammeItem(models.Model):
    """What is checked, by which method and template of criteria, how often, who is responsible,
    and in which months (each month gets a round in the calendar)."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="items")
    code = models.CharField("kod", max_length=40)
    title = models.CharField("vad kontrolleras", max_length=300)
    method = models.CharField("metod", max_length=24, choices=Method.choices)
    template = models.ForeignKey(
        "assessments.AssessmentTemplate",
        verbose_name="mall (kriterier)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    frequency = models.CharField("hur ofta", max_length=100, blank=True)
    responsible = models.CharField("ansvarig", max_length=200, blank=True, help_text="En roll eller funktion.")
    months = models.JSONField("månader", default=list, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["programme", "position", "id"]
        verbose_name = "kontroll i programmet"
        verbose_name_plural = "kontroller i programmet"
        constraints = [models.UniqueConstraint(fields=["programme", "code"], name="self_inspection_item_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def month_names(self) -> str:
        return ", ".join(MONTHS[m - 1] for m in sorted(self.months))


class Round(models.Model):
    """One round in the calendar: a programme item in a month with a deadline, carried out as an
    assessment (linked when it starts). An imported round may have no programme item."""

    code = models.CharField("beteckning", max_length=60, unique=True)
    item = models.ForeignKey(
        ProgrammeItem, verbose_name="kontroll", null=True, blank=True, on_delete=models.PROTECT, related_name="rounds"
    )
    unit = models.ForeignKey(
        "org.Unit", verbose_name="enhet", on_delete=models.PROTECT, related_name="self_inspection_rounds"
    )
    title = models.CharField("rubrik", max_length=200)
    due_on = models.DateField("ska vara klar", db_index=True)
    assessment = models.OneToOneField(
        "assessments.Assessment",
        verbose_name="granskning",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="self_inspection_round",
    )
    # A round whose control has no template of criteria (observation, comparison with Öppna
    # jämförelser …) is recorded as done with a short summary instead of an assessment.
    done_on = models.DateField("genomförd", null=True, blank=True)
    summary = models.TextField("sammanfattning", blank=True)
    actions = GenericRelation(
        "actions.Action",
        content_type_field="source_type",
        object_id_field="source_id",
        related_query_name="self_inspection_round",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "code"]
        verbose_name = "egenkontrollomgång"
        verbose_name_plural = "egenkontrollomgångar"

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("self_inspection:round_detail", args=[self.pk])

    @property
    def completed_on(self) -> date | None:
        if self.assessment is not None:
            return self.assessment.completed_on
        return self.done_on

    @property
    def is_done(self) -> bool:
        return self.completed_on is not None

    @property
    def is_overdue(self) -> bool:
        return is_overdue(self.due_on, self.completed_on)


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])
