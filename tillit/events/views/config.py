"""Settings screens for kvalitetsutvecklare: categories, service levels; lex Maria patient information."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from tillit.audit.models import AuditAction
from tillit.audit.services import audit_object
from tillit.core.http import run_service
from tillit.events import recurrence
from tillit.events.forms import CategoryForm, PatientInformationForm
from tillit.events.models import Category, EventKind
from tillit.events.selectors import event_for_user_or_404
from tillit.events.services.configuration import (
    category_create,
    category_update,
    deadline_setting_set,
    patient_information_record,
)
from tillit.org.access import has_permission
from tillit.workflow.declaration import workflow
from tillit.workflow.selectors import deadline_overrides


def _require(request: HttpRequest) -> None:
    if not has_permission(request.user, "event.configure"):
        raise Http404


@login_required
def settings_page(request: HttpRequest) -> HttpResponse:
    _require(request)
    overrides = deadline_overrides()
    deadlines = [
        {"kind": kind, "kind_label": wf.label, "rule": rule, "days": overrides.get((kind, rule.code), rule.days)}
        for kind, wf in ((kind, workflow(kind)) for kind in EventKind.values)
        for rule in wf.deadlines
    ]
    context = {
        "categories": Category.objects.all(),
        "category_form": CategoryForm(),
        "deadlines": deadlines,
        "recurrence_days": recurrence.window_days(),
        "recurrence_default": recurrence.DEFAULT_WINDOW_DAYS,
    }
    return render(request, "events/settings.html", context)


@login_required
@require_POST
def category_add(request: HttpRequest) -> HttpResponse:
    _require(request)
    form = CategoryForm(request.POST)
    if form.is_valid():
        try:
            category_create(actor=request.user, label=form.cleaned_data["label"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Kategorin har lagts till.")
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("events:settings")


@login_required
@require_POST
def category_change(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request)
    category = Category.objects.filter(pk=pk).first()
    if category is None:
        raise Http404
    form = CategoryForm(request.POST)
    if form.is_valid():
        category_update(
            actor=request.user, category=category, label=form.cleaned_data["label"], retired="retired" in request.POST
        )
        messages.success(request, "Kategorin har ändrats.")
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("events:settings")


@login_required
@require_POST
def deadline_change(request: HttpRequest, kind: str, code: str) -> HttpResponse:
    _require(request)
    try:
        deadline_setting_set(actor=request.user, kind=kind, code=code, days=int(request.POST.get("days", "0")))
    except (ValueError, ValidationError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", ["Ange ett heltal."])))
    else:
        messages.success(request, "Tidsfristen har ändrats. Den gäller för nya ärenden.")
    return redirect("events:settings")


@login_required
@require_POST
def recurrence_window_change(request: HttpRequest) -> HttpResponse:
    _require(request)
    try:
        recurrence.recurrence_window_set(actor=request.user, days=int(request.POST.get("days", "0")))
    except (ValueError, ValidationError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", ["Ange ett heltal."])))
    else:
        messages.success(request, "Fönstret för liknande händelser har ändrats.")
    return redirect("events:settings")


@login_required
@require_http_methods(["GET", "POST"])
def patient_information(request: HttpRequest, pk: int) -> HttpResponse:
    event = event_for_user_or_404(request.user, pk)
    if event.kind != "lex_maria":
        raise Http404
    existing = getattr(event, "patient_information", None)
    form = PatientInformationForm(request.POST if request.method == "POST" else None, instance=existing)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if run_service(
            request,
            lambda: patient_information_record(
                actor=request.user,
                event=event,
                informed_on=data["informed_on"],
                informed_relative=data["informed_relative"],
                **form.checklist(),
            ),
            success="Informationen till patienten har dokumenterats.",
        ):
            return redirect("events:event_detail", pk=event.pk)
    if request.method == "GET":
        audit_object(actor=request.user, action=AuditAction.READ, obj=event, detail={"page": "patientinformation"})
    return render(request, "events/patient_information.html", {"event": event, "form": form})
