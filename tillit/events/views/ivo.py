"""Anmälan till IVO screens: prepare, download the PDF, register as sent, komplettering."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from tillit.audit.services import audit_record
from tillit.events.forms import IvoContentForm, IvoSentForm, KompletteringForm
from tillit.events.models import Event
from tillit.events.selectors import event_for_user_or_404
from tillit.events.services import may_work_on
from tillit.events.services.ivo import (
    anmalan_for,
    initial_content,
    ivo_applies,
    ivo_draft_save,
    ivo_komplettering_create,
    ivo_mark_sent,
    render_pdf,
)


def _ivo_event_or_404(request: HttpRequest, pk: int) -> Event:
    event = event_for_user_or_404(request.user, pk)
    if not ivo_applies(event) or not may_work_on(request.user, event):
        raise Http404
    return event


@login_required
@require_http_methods(["GET", "POST"])
def ivo(request: HttpRequest, pk: int) -> HttpResponse:
    event = _ivo_event_or_404(request, pk)
    anmalan = anmalan_for(event)
    locked = anmalan is not None and anmalan.locked
    initial = anmalan.content if anmalan else initial_content(event, request.user)
    form = IvoContentForm(request.POST if request.method == "POST" and not locked else None, initial=initial)
    if request.method == "POST" and not locked and form.is_valid():
        try:
            ivo_draft_save(actor=request.user, event=event, content=form.content())
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, getattr(exc, "messages", [str(exc)]))
        else:
            messages.success(request, "Anmälan har sparats som utkast. Ladda ner PDF:en och skicka den till IVO.")
            return redirect("events:ivo", pk=event.pk)
    if request.method == "GET":
        audit_record(
            actor=request.user,
            action="read",
            object_type="events.event",
            object_id=event.pk,
            unit_id=event.unit_id,
            detail={"page": "ivo"},
        )
    context = {
        "event": event,
        "anmalan": anmalan,
        "locked": locked,
        "form": form,
        "sent_form": IvoSentForm(),
        "komplettering_form": KompletteringForm(),
        "submissions": event.ivo_submissions.all(),
    }
    return render(request, "events/ivo/ivo.html", context)


@login_required
def ivo_pdf(request: HttpRequest, pk: int, submission_pk: int) -> HttpResponse:
    event = _ivo_event_or_404(request, pk)
    submission = event.ivo_submissions.filter(pk=submission_pk).first()
    if submission is None:
        raise Http404
    audit_record(
        actor=request.user,
        action="export",
        object_type="events.ivosubmission",
        object_id=submission.pk,
        unit_id=event.unit_id,
        detail={"format": "pdf"},
    )
    response = HttpResponse(render_pdf(submission), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{event.reference}-{submission.kind}.pdf"'
    return response


@login_required
@require_POST
def ivo_sent(request: HttpRequest, pk: int, submission_pk: int) -> HttpResponse:
    event = _ivo_event_or_404(request, pk)
    submission = event.ivo_submissions.filter(pk=submission_pk).first()
    if submission is None:
        raise Http404
    form = IvoSentForm(request.POST)
    if form.is_valid():
        try:
            ivo_mark_sent(actor=request.user, submission=submission, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Registrerad som skickad. Anmälan är nu låst.")
    else:
        messages.error(request, "Ange datum och hur anmälan skickades (e-tjänst eller post).")
    return redirect("events:ivo", pk=event.pk)


@login_required
@require_POST
def ivo_komplettering(request: HttpRequest, pk: int) -> HttpResponse:
    event = _ivo_event_or_404(request, pk)
    form = KompletteringForm(request.POST)
    if not form.is_valid():  # e.g. the personnummer guard asks: shown again with what was typed
        context = {
            "form": form,
            "title": f"Ny komplettering – {event.reference}",
            "action": reverse("events:ivo_komplettering", args=[event.pk]),
            "back_url": reverse("events:ivo", args=[event.pk]),
            "submit_label": "Spara komplettering",
        }
        return render(request, "core/form_page.html", context, status=422)
    try:
        ivo_komplettering_create(actor=request.user, event=event, text=form.cleaned_data["text"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Kompletteringen har sparats. Ladda ner den och skicka den till IVO.")
    return redirect("events:ivo", pk=event.pk)
