"""Logguppföljning (systemadministratör): filter the log, draw a random sample, record the review."""

from __future__ import annotations

import secrets
from datetime import date
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from tillit.accounts.log_forms import LogFilterForm, LogReviewForm, SampleForm
from tillit.accounts.log_selectors import log_rows, log_sample
from tillit.audit.models import AuditAction, LogReview
from tillit.audit.services import audit_permission_denied, audit_record, log_review_record
from tillit.org.access import has_permission, scope_unit_ids
from tillit.org.models import Unit

PAGE_SIZE = 50


def _require(request: HttpRequest) -> None:
    if not has_permission(request.user, "audit.view"):
        audit_permission_denied(actor=request.user, permission="audit.view", object_type="audit.log")
        raise Http404


def _filters(request: HttpRequest) -> tuple[LogFilterForm, dict[str, Any]]:
    units = Unit.objects.filter(id__in=scope_unit_ids(request.user, "audit.view")).order_by("path")
    form = LogFilterForm(request.GET or None, units=units)
    return form, (form.cleaned_data if form.is_valid() else {})


def _serialisable(filters: dict[str, Any]) -> dict[str, Any]:
    """Filters as stored with a review: ids, codes and dates only."""
    out: dict[str, Any] = {}
    for key, value in filters.items():
        if value in (None, ""):
            continue
        out[key] = value.isoformat() if isinstance(value, date) else getattr(value, "pk", value)
    return out


def _page(
    request: HttpRequest, *, sample=None, seed: int | None = None, review_form=None, sample_form=None
) -> HttpResponse:
    form, filters = _filters(request)
    rows = log_rows(request.user, filters)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("sida"))
    audit_record(actor=request.user, action=AuditAction.READ, object_type="audit.log", detail=_serialisable(filters))
    today = date.today()
    context = {
        "form": form,
        "page": page,
        "query": request.GET.urlencode(),
        "sample": sample,
        "seed": seed,
        "sample_form": sample_form or SampleForm(),
        "review_form": review_form
        or LogReviewForm(
            initial={
                "period_start": filters.get("date_from") or today.replace(day=1),
                "period_end": filters.get("date_to") or today,
                "sample_seqs": ",".join(str(r.seq) for r in sample or []),
            }
        ),
        "reviews": LogReview.objects.select_related("reviewed_by")[:10],
    }
    return render(request, "accounts/log_list.html", context)


@login_required
def log_list(request: HttpRequest) -> HttpResponse:
    _require(request)
    return _page(request)


@login_required
@require_POST
def log_sample_view(request: HttpRequest) -> HttpResponse:
    _require(request)
    form = SampleForm(request.POST)
    if not form.is_valid():
        return _page(request, sample_form=form)
    _, filters = _filters(request)
    seed = secrets.randbelow(2**32)
    sample = log_sample(log_rows(request.user, filters), form.cleaned_data["size"], seed=seed)
    return _page(request, sample=sample, seed=seed, sample_form=form)


@login_required
@require_POST
def log_review(request: HttpRequest) -> HttpResponse:
    _require(request)
    form = LogReviewForm(request.POST)
    if not form.is_valid():
        return _page(request, review_form=form)
    _, filters = _filters(request)
    log_review_record(actor=request.user, filters=_serialisable(filters), **form.cleaned_data)
    messages.success(request, "Logguppföljningen är registrerad.")
    return redirect(f"{reverse('accounts:log_list')}?{request.GET.urlencode()}")
