"""Egenkontroll pages: the programmes and the calendar, a programme with its controls and adoption,
a round with its sample, results over rounds and åtgärder. Reviewing the sampled case files happens
on the assessment core's answer page (one case at a time, phone-friendly)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tillit.actions.panel import action_panel
from tillit.assessments.selectors import PERFORM, templates_for_rounds
from tillit.assessments.selectors import VIEW as ASSESSMENT_VIEW
from tillit.core.http import run_service
from tillit.core.registry import roles_with
from tillit.org.access import has_permission, scope_unit_ids
from tillit.org.models import Unit
from tillit.self_inspection.charts import rounds_svg
from tillit.self_inspection.forms import AdoptForm, ItemForm, ProgrammeForm, RoundDoneForm, RoundStartForm
from tillit.self_inspection.models import WORKFLOW_KEY
from tillit.self_inspection.selectors import (
    KINDS,
    MANAGE,
    calendar_rounds,
    can_manage,
    can_view,
    criterion_rows,
    criterion_trends,
    programme_for_user_or_404,
    programmes_visible,
    round_for_user_or_404,
    round_results,
    series,
)
from tillit.self_inspection.services import (
    item_add,
    programme_adopt,
    programme_create,
    round_record_done,
    round_start,
)
from tillit.workflow.declaration import workflow
from tillit.workflow.services import allowed_transitions


@require_GET
@login_required
def programme_list(request: HttpRequest) -> HttpResponse:
    if not can_view(request.user):
        raise Http404
    today = timezone.localdate()
    context = {
        "programmes": programmes_visible(request.user),
        "calendar": calendar_rounds(request.user, today),
        "today": today,
        "can_manage": can_manage(request.user),
    }
    return render(request, "self_inspection/programme_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def programme_new(request: HttpRequest) -> HttpResponse:
    if not can_manage(request.user):
        raise Http404
    units = Unit.objects.filter(pk__in=scope_unit_ids(request.user, MANAGE), closed_on__isnull=True).order_by("path")
    form = ProgrammeForm(request.POST or None, units=units, initial={"year": timezone.localdate().year})
    if form.is_valid():
        programme = run_service(
            request,
            lambda: programme_create(actor=request.user, **form.cleaned_data),
            success="Programmet är skapat som utkast.",
        )
        if programme is not None:
            return redirect(programme)
    return render(request, "self_inspection/programme_form.html", {"form": form}, status=422 if form.is_bound else 200)


def _templates(user):
    return templates_for_rounds(user).filter(kind__in=KINDS)


def _programme_page(request, programme, *, item_form=None, adopt_form=None, status=200) -> HttpResponse:
    may_manage = can_manage(request.user, programme.unit_id) and not programme.is_adopted
    transitions = allowed_transitions(request.user, programme)
    items = list(programme.items.select_related("template").prefetch_related("rounds__assessment"))
    context = {
        "programme": programme,
        "items": items,
        "rounds": sorted((r for i in items for r in i.rounds.all()), key=lambda r: (r.due_on, r.code)),
        "may_manage": may_manage,
        "item_form": item_form or (ItemForm(templates=_templates(request.user)) if may_manage else None),
        "adopt_form": adopt_form or (AdoptForm() if transitions else None),
        "history": programme.transitions.select_related("actor"),
        "state_labels": {code: state.label for code, state in workflow(WORKFLOW_KEY).states.items()},
    }
    return render(request, "self_inspection/programme_detail.html", context, status=status)


@require_GET
@login_required
def programme_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _programme_page(request, programme_for_user_or_404(request.user, pk))


@login_required
@require_POST
def item_new(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_for_user_or_404(request.user, pk)
    if not can_manage(request.user, programme.unit_id):
        raise Http404
    form = ItemForm(request.POST, templates=_templates(request.user))
    if form.is_valid() and run_service(
        request,
        lambda: item_add(actor=request.user, programme=programme, **form.cleaned_data),
        success="Kontrollen är tillagd, med sina omgångar i kalendern.",
    ):
        return redirect(programme)
    return _programme_page(request, programme, item_form=form, status=422)


@login_required
@require_POST
def programme_adopt_view(request: HttpRequest, pk: int) -> HttpResponse:
    programme = programme_for_user_or_404(request.user, pk)
    if not allowed_transitions(request.user, programme):
        raise Http404
    form = AdoptForm(request.POST)
    if form.is_valid() and run_service(
        request,
        lambda: programme_adopt(actor=request.user, programme=programme, **form.cleaned_data),
        success=lambda p: f"Programmet är antaget ({p.decision_reference}).",
    ):
        return redirect(programme)
    return _programme_page(request, programme, adopt_form=form, status=422)


def _performers(unit_id: int):
    unit = Unit.objects.get(pk=unit_id)
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            assignments__unit_id__in=unit.ancestor_ids(),
            assignments__role__in=[str(r) for r in roles_with(PERFORM)],
        )
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def _round_page(request, round_, *, form=None, done_form=None, status=200) -> HttpResponse:
    may_manage = can_manage(request.user, round_.unit_id)
    template = round_.assessment.template if round_.assessment else (round_.item.template if round_.item else None)
    results = round_results(round_)
    if form is None and may_manage and round_.assessment is None and template is not None:
        form = RoundStartForm(
            performers=_performers(round_.unit_id),
            samples_cases=template.samples_cases,
            initial={"performer": request.user.pk},
        )
    if done_form is None and may_manage and template is None and not round_.is_done:
        done_form = RoundDoneForm(initial={"done_on": timezone.localdate()})
    over_rounds = series(template.code, round_.unit_id) if results is not None else []
    context = {
        "round": round_,
        "template": template,
        "results": results,
        "rows": criterion_rows(results) if results is not None else [],
        "over_rounds": over_rounds,
        "chart": rounds_svg(over_rounds),
        "trends": criterion_trends(over_rounds),
        "form": form,
        "done_form": done_form,
        "can_read_cases": has_permission(request.user, ASSESSMENT_VIEW, round_.unit_id),
        "panel": action_panel(request.user, round_, may_manage=may_manage),
    }
    return render(request, "self_inspection/round_detail.html", context, status=status)


@require_GET
@login_required
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _round_page(request, round_for_user_or_404(request.user, pk))


@login_required
@require_POST
def round_start_view(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = round_for_user_or_404(request.user, pk)
    if not can_manage(request.user, round_.unit_id) or round_.item is None or round_.item.template is None:
        raise Http404
    form = RoundStartForm(
        request.POST, performers=_performers(round_.unit_id), samples_cases=round_.item.template.samples_cases
    )
    if form.is_valid():
        data = form.cleaned_data
        started = run_service(
            request,
            lambda: round_start(actor=request.user, round_=round_, **data),
            success="Omgången är startad och urvalet är draget.",
        )
        if started is not None:
            return redirect(started)
    return _round_page(request, round_, form=form, status=422)


@login_required
@require_POST
def round_done_view(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = round_for_user_or_404(request.user, pk)
    if not can_manage(request.user, round_.unit_id):
        raise Http404
    form = RoundDoneForm(request.POST)
    if form.is_valid() and run_service(
        request,
        lambda: round_record_done(actor=request.user, round_=round_, **form.cleaned_data),
        success="Omgången är registrerad som genomförd.",
    ):
        return redirect(round_)
    return _round_page(request, round_, done_form=form, status=422)
