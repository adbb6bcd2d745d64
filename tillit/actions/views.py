"""Åtgärder on a case: add, change status, follow up the effect."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from tillit.actions.forms import ActionFollowUpForm, ActionForm, ActionStatusForm
from tillit.actions.models import Action
from tillit.actions.services import action_create, action_follow_up, action_set_status
from tillit.core.http import run_service
from tillit.events.selectors import event_for_user_or_404, events_visible


def _action_or_404(user, pk: int) -> Action:
    action = Action.objects.select_related("event").filter(pk=pk).first()
    if action is None or (action.owner_id != user.pk and not events_visible(user).filter(pk=action.event_id).exists()):
        raise Http404
    return action


@login_required
@require_POST
def action_add(request: HttpRequest, event_pk: int) -> HttpResponse:
    event = event_for_user_or_404(request.user, event_pk)
    form = ActionForm(request.POST, event=event)
    if form.is_valid():
        try:
            action_create(actor=request.user, event=event, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, getattr(exc, "messages", [str(exc)]))
        else:
            messages.success(request, "Åtgärden har lagts till.")
            return redirect("events:event_detail", pk=event.pk)
    return render(request, "actions/action_form.html", {"event": event, "form": form}, status=422)


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
    return redirect("events:event_detail", pk=action.event_id) if action.event_id else redirect("events:my_tasks")


@login_required
@require_POST
def action_followup(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action_or_404(request.user, pk)
    form = ActionFollowUpForm(request.POST)
    if form.is_valid():
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
    return redirect("events:event_detail", pk=action.event_id) if action.event_id else redirect("events:my_tasks")
