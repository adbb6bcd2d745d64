"""Åtgärder for what a GAP analysis found missing: a GAP answer is a source of åtgärder (registered
from plugin.py; the assessment core knows nothing of åtgärder), shown on a page of its own that
the answer links to."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.urls import reverse

from tillit.actions.sources import ActionSource
from tillit.assessments.evidence import AnswerLink
from tillit.assessments.models import Answer, TemplateKind
from tillit.assessments.selectors import PERFORM, assessments_for
from tillit.core.registry import roles_with
from tillit.org.access import has_permission


def gap_answers_visible(user) -> QuerySet[Answer]:
    return Answer.objects.filter(
        assessment__in=assessments_for(user).filter(template__kind=TemplateKind.GAP).values("pk")
    ).select_related("assessment", "item")


def _may_manage(actor, answer: Answer) -> bool:
    return has_permission(actor, PERFORM, answer.assessment.unit_id)


def _owners(answer: Answer) -> QuerySet:
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            assignments__unit_id__in=answer.assessment.unit.ancestor_ids(),
            assignments__role__in=[str(r) for r in roles_with(PERFORM)],
        )
        .distinct()
        .order_by("first_name", "last_name")
    )


def action_source() -> ActionSource:
    return ActionSource(
        model=Answer,
        reference=lambda answer: f"GAP {answer.assessment.performed_on:%Y-%m-%d} {answer.item.ref}",
        url=lambda pk: reverse("documents:gap_answer", args=[pk]),
        may_manage=_may_manage,
        visible=gap_answers_visible,
        owners=_owners,
        default_owner_id=lambda answer: answer.assessment.performer_id,
        unit_id=lambda answer: answer.assessment.unit_id,
    )


def answer_link() -> AnswerLink:
    return AnswerLink(
        key="documents.gap_actions",
        label="Åtgärder",
        kinds=frozenset({TemplateKind.GAP}),
        url=lambda pk: reverse("documents:gap_answer", args=[pk]),
    )
