"""The purchaser (beställaren): the municipality's page of its providers' notices, submitted
investigations and aggregates, and the provider's page to submit a finished investigation."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from tillit.audit.models import AuditAction
from tillit.audit.services import audit_object
from tillit.core.http import run_service
from tillit.events.forms import PurchaserSubmissionForm
from tillit.events.models import PurchaserSubmission
from tillit.events.selectors import event_for_user_or_404, purchaser_overview
from tillit.events.services import may_work_on
from tillit.events.services.purchaser import (
    provider_of,
    purchaser_submit,
    submission_due_on,
    submission_expected,
    submission_initial,
)
from tillit.org.access import get_scoped_or_404, has_permission


@login_required
@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    if not has_permission(request.user, "provider.follow_up"):
        raise Http404
    try:
        year = int(request.GET.get("ar", ""))
    except ValueError:
        year = timezone.localdate().year
    context = {"year": year, **purchaser_overview(request.user, year)}
    return render(request, "events/purchaser/overview.html", context)


@login_required
@require_GET
def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    submission = get_scoped_or_404(
        request.user,
        "provider.follow_up",
        PurchaserSubmission.objects.select_related("unit", "provider", "submitted_by"),
        pk=pk,
    )
    audit_object(actor=request.user, action=AuditAction.READ, obj=submission, detail={"page": "purchaser"})
    return render(request, "events/purchaser/submission_detail.html", {"submission": submission})


@login_required
@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    """The provider's utredare submits the finished investigation (operator only)."""
    event = event_for_user_or_404(request.user, pk)
    provider = provider_of(event)
    if not may_work_on(request.user, event) or provider is None or not submission_expected(event, provider):
        raise Http404
    existing = getattr(event, "purchaser_submission", None)
    form = PurchaserSubmissionForm(
        request.POST if request.method == "POST" and existing is None else None, initial=submission_initial(event)
    )
    if request.method == "POST" and existing is None and form.is_valid():
        done = run_service(
            request,
            lambda: purchaser_submit(actor=request.user, event=event, **form.cleaned_data),
            success="Utredningen har lämnats in till kommunen.",
        )
        if done is not None:
            return redirect("events:event_detail", pk=event.pk)
    context = {
        "event": event,
        "provider": provider,
        "form": form,
        "submission": existing,
        "due_on": submission_due_on(event, provider),
    }
    return render(request, "events/purchaser/submit.html", context, status=422 if form.errors else 200)
