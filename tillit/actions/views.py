"""Åtgärder on any registered source: add, change status, plan and record the effect follow-up.
Each redirects back to the source's page."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from tillit.actions.forms import ActionFollowUpForm, ActionForm, ActionStatusForm, EffectFollowUpPlanForm
from tillit.actions.models import Action
from tillit.actions.services import (
    action_create,
    action_follow_up,
    action_plan_effect_followup,
    action_set_status,
)
from tillit.actions.sources import source_for_key
from tillit.core.http import run_service


def _source_or_404(user, key: str, pk: int):
    registered = source_for_key(key)
    source = registered.visible(user).filter(pk=pk).first() if registered else None
    if source is None:
        raise Http404
    return registered, source


def _action_or_404(user, pk: int) -> Action:
    """The action, if the user owns it or may read its source (changing it is the service's check)."""
    action = Action.objects.select_related("source_type").filter(pk=pk).first()
    if action is None:
        raise Http404
    if action.owner_id == user.pk:
        return action
    registered = source_for_key(action.source_key)
    if registered is None or not registered.visible(user).filter(pk=action.source_id).exists():
        raise Http404
    return action


def _back(action: Action) -> HttpResponse:
    return redirect(action.source_url or "home")


@login_required
@require_POST
def action_add(request: HttpRequest, source: str, source_id: int) -> HttpResponse:
    registered, obj = _source_or_404(request.user, source, source_id)
    form = ActionForm(request.POST, source=obj)
    if form.is_valid() and run_service(
        request,
        lambda: action_create(actor=request.user, source=obj, **form.cleaned_data),
        success="Åtgärden har lagts till.",
    ):
        return redirect(registered.url(obj.pk))
    context = {"form": form, "source": obj, "source_key": registered.key, "source_url": registered.url(obj.pk)}
    return render(request, "actions/action_form.html", context, status=422)


@login_required
@require_POST
def action_status(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action_or_404(request.user, pk)
    form = ActionStatusForm(request.POST)
    if form.is_valid():
        run_service(
            request,
            lambda: action_set_status(actor=request.user, action=action, status=form.cleaned_data["status"]),
            success="Åtgärdens status har ändrats.",
        )
    return _back(action)


@login_required
@require_POST
def action_plan(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action_or_404(request.user, pk)
    form = EffectFollowUpPlanForm(request.POST)
    if form.is_valid():
        run_service(
            request,
            lambda: action_plan_effect_followup(actor=request.user, action=action, due=form.cleaned_data["due"]),
            success="Uppföljningen av effekten är planerad.",
        )
    else:
        messages.error(request, "Ange ett datum för uppföljningen.")
    return _back(action)


@login_required
@require_POST
def action_followup(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action_or_404(request.user, pk)
    form = ActionFollowUpForm(request.POST)
    if not form.is_valid():  # e.g. the personnummer guard asks: shown again with what was typed
        context = {
            "form": form,
            "title": f"Följ upp effekten – {action.description[:60]}",
            "action": reverse("actions:action_followup", args=[action.pk]),
            "back_url": action.source_url,
            "submit_label": "Spara uppföljningen",
        }
        return render(request, "core/form_page.html", context, status=422)
    run_service(
        request,
        lambda: action_follow_up(
            actor=request.user,
            action=action,
            effect=form.cleaned_data["effect"],
            comment=form.cleaned_data["comment"],
        ),
        success="Uppföljningen har sparats.",
    )
    return _back(action)
