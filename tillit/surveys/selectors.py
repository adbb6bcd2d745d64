"""Reads for surveys, scoped with tillit.org.access: a survey is seen by those who hold
`survey.view` in its responsible unit or in a unit it was sent to; it is built by those who hold
`survey.manage` in its responsible unit."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from tillit.audit.services import audit_permission_denied
from tillit.org.access import has_permission, scope_unit_ids
from tillit.org.models import Unit
from tillit.surveys.models import Survey, SurveyToken

VIEW, MANAGE = "survey.view", "survey.manage"


def can_view(user) -> bool:
    return has_permission(user, VIEW) or has_permission(user, MANAGE)


def can_manage(user, unit=None) -> bool:
    return has_permission(user, MANAGE, unit)


def surveys_visible(user) -> QuerySet[Survey]:
    ids = scope_unit_ids(user, VIEW) | scope_unit_ids(user, MANAGE)
    matching = Survey.objects.filter(
        Q(unit_id__in=ids) | Q(invitations__unit_id__in=ids) | Q(imported_invitations__unit_id__in=ids)
    ).values("id")
    return (
        Survey.objects.filter(id__in=matching)
        .select_related("unit")
        .annotate(answers=Count("responses", filter=Q(responses__declined=False)))
        .order_by("-year", "-round", "title")
    )


def survey_for_user_or_404(user, pk: int, *, manage: bool = False) -> Survey:
    survey = Survey.objects.select_related("unit").filter(pk=pk).first()
    allowed = survey is not None and (
        can_manage(user, survey.unit_id) if manage else surveys_visible(user).filter(pk=pk).exists()
    )
    if not allowed:
        audit_permission_denied(actor=user, permission=MANAGE if manage else VIEW, object_type="surveys.survey")
        raise Http404
    return survey


def manage_units(user) -> QuerySet[Unit]:
    return Unit.objects.filter(id__in=scope_unit_ids(user, MANAGE), closed_on__isnull=True).order_by("path")


def survey_units(survey: Survey) -> QuerySet[Unit]:
    """The units a survey may be sent to: its responsible unit and those below it."""
    return Unit.objects.filter(path__startswith=survey.unit.path, closed_on__isnull=True).order_by("path")


def distribution_rows(survey: Survey) -> list[dict]:
    """Per unit: invited, codes or invitations, and how many of them are used (for the keepers)."""
    tokens = {
        row["unit_id"]: row
        for row in SurveyToken.objects.filter(survey=survey)
        .values("unit_id")
        .annotate(total=Count("id"), answered=Count("id", filter=Q(answered=True)))
    }
    return [
        {
            "unit": invitation.unit,
            "invited": invitation.invited,
            "tokens": tokens.get(invitation.unit_id, {}).get("total", 0),
            "answered": tokens.get(invitation.unit_id, {}).get("answered", 0),
            "unanswered": tokens.get(invitation.unit_id, {}).get("total", 0)
            - tokens.get(invitation.unit_id, {}).get("answered", 0),
        }
        for invitation in survey.invitations.select_related("unit")
    ]
