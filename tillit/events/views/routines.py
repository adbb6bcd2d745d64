"""The routines an investigation cites as not followed (see tillit.events.routines)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from tillit.core.http import run_service
from tillit.events.forms import CitedRoutinesForm
from tillit.events.routines import event_routines_set
from tillit.events.selectors import event_for_user_or_404


@login_required
@require_POST
def cited_routines(request: HttpRequest, pk: int) -> HttpResponse:
    event = event_for_user_or_404(request.user, pk)
    form = CitedRoutinesForm(request.POST, event=event)
    if form.is_valid():
        run_service(
            request,
            lambda: event_routines_set(actor=request.user, event=event, routines=form.cleaned_data["routines"]),
            success="Rutinerna är sparade.",
        )
    else:
        messages.error(request, "Välj bland de fastställda rutiner som gäller i enheten.")
    return redirect("events:event_detail", pk=event.pk)
