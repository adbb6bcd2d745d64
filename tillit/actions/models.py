"""Åtgärder: measures with an owner, a due date and a follow-up of their effect."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ActionType(models.TextChoices):
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


class ActionEffect(models.TextChoices):
    GOD = "god", "Avsedd effekt"
    DELVIS = "delvis", "Delvis effekt"
    INGEN = "ingen", "Ingen effekt"


class Action(models.Model):
    """An åtgärd with an owner and a due date, and a later follow-up of its effect.

    Linked to an event now; risks and egenkontroll will link the same way.
    """

    event = models.ForeignKey("events.Event", null=True, blank=True, on_delete=models.PROTECT, related_name="actions")
    unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="actions")
    action_type = models.CharField("typ av åtgärd", max_length=24, choices=ActionType.choices)
    description = models.TextField("beskrivning")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="ansvarig", on_delete=models.PROTECT, related_name="owned_actions"
    )
    due_on = models.DateField("klart senast")
    status = models.CharField("status", max_length=16, choices=ActionStatus.choices, default=ActionStatus.PLANERAD)
    completed_on = models.DateField("genomförd", null=True, blank=True)
    effect_followup_on = models.DateField("effekt följs upp", null=True, blank=True)
    effect = models.CharField("effekt", max_length=8, choices=ActionEffect.choices, blank=True)
    effect_comment = models.TextField("kommentar om effekt", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = "åtgärd"
        verbose_name_plural = "åtgärder"
        indexes = [models.Index(fields=["owner", "status", "due_on"], name="action_owner_open")]

    status_choices = ActionStatus.choices
    effect_choices = ActionEffect.choices

    @property
    def is_overdue(self) -> bool:
        from django.utils import timezone

        return self.status in (ActionStatus.PLANERAD, ActionStatus.PAGAENDE) and self.due_on < timezone.localdate()
