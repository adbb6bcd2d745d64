"""Åtgärder: measures with an owner, a due date and a follow-up of their effect, belonging to any
registered source (see `tillit.actions.sources`)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from tillit.actions.sources import source_for_key
from tillit.classification.schemes import ACTION_TYPE
from tillit.classification.selectors import label


class ActionType(models.TextChoices):
    """The default action types, as seeded into `tillit.classification` (scheme "action_type").

    The values in use are data an administrator edits; this enum only names the seeded codes for
    code that needs one (demo data, tests)."""

    NY_RUTIN = "ny_rutin", "Ny rutin"
    REVIDERAD_RUTIN = "reviderad_rutin", "Reviderad rutin"
    UTBILDNING = "utbildning", "Utbildning"
    SAMTAL = "samtal_med_personal", "Samtal med personal"
    INFORMATION = "information", "Information/kommunikation"
    TEKNIK = "teknik", "Teknik/utrustning"
    PROCESS = "andrad_process", "Ändrad process"
    ANNAN = "annan", "Annan"


class ActionStatus(models.TextChoices):
    PLANERAD = "planerad", "Planerad"
    PAGAENDE = "pagaende", "Pågående"
    GENOMFORD = "genomford", "Genomförd"
    STRUKEN = "struken", "Struken"


OPEN_STATUSES = (ActionStatus.PLANERAD, ActionStatus.PAGAENDE)


class ActionEffect(models.TextChoices):
    GOD = "god", "Avsedd effekt"
    DELVIS = "delvis", "Delvis effekt"
    INGEN = "ingen", "Ingen effekt"


class Action(models.Model):
    """An åtgärd with an owner and a due date, and a later, planned follow-up of its effect."""

    source_type = models.ForeignKey(
        "contenttypes.ContentType", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    # The source's reference when the action was made (e.g. the case number), so lists and
    # reminders need no query per source. Never case content.
    source_reference = models.CharField("hör till", max_length=64, blank=True)
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="actions")
    action_type = models.CharField("typ av åtgärd", max_length=24)  # a code of classification "action_type"
    description = models.TextField("beskrivning")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="ansvarig", on_delete=models.PROTECT, related_name="owned_actions"
    )
    due_on = models.DateField("klart senast")
    status = models.CharField("status", max_length=16, choices=ActionStatus.choices, default=ActionStatus.PLANERAD)
    completed_on = models.DateField("genomförd", null=True, blank=True)
    effect_followup_due = models.DateField("effekten följs upp senast", null=True, blank=True)
    effect_followup_on = models.DateField("effekt följs upp", null=True, blank=True)
    effect = models.CharField("effekt", max_length=8, choices=ActionEffect.choices, blank=True)
    effect_comment = models.TextField("kommentar om effekt", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = "åtgärd"
        verbose_name_plural = "åtgärder"
        indexes = [
            models.Index(fields=["owner", "status", "due_on"], name="action_owner_open"),
            models.Index(fields=["source_type", "source_id"], name="action_source"),
            models.Index(fields=["status", "effect_followup_due"], name="action_effect_due"),
        ]

    status_choices = ActionStatus.choices
    effect_choices = ActionEffect.choices

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_on < timezone.localdate()

    @property
    def effect_followup_pending(self) -> bool:
        return self.status == ActionStatus.GENOMFORD and not self.effect

    @property
    def effect_followup_overdue(self) -> bool:
        due = self.effect_followup_due
        return self.effect_followup_pending and due is not None and due < timezone.localdate()

    def get_action_type_display(self) -> str:
        """The type's label: annotated by the list selectors, else looked up (one query)."""
        if "type_label" in self.__dict__:
            return self.__dict__["type_label"] or self.action_type
        return label(ACTION_TYPE, self.action_type)

    @property
    def source_key(self) -> str:
        """The source's registration key, e.g. "events.event" (no query when `source_type` is loaded)."""
        if self.source_type_id is None:
            return ""
        loaded = Action.source_type.is_cached(self)
        ct = self.source_type if loaded else ContentType.objects.get_for_id(self.source_type_id)
        return f"{ct.app_label}.{ct.model}"

    @property
    def source_url(self) -> str:
        """The source's page, from the source's registration."""
        registered = source_for_key(self.source_key)
        return registered.url(self.source_id) if registered else ""
