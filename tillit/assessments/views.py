"""Granskningar: templates, starting an assessment (with a sample), answering item by item, results."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tillit.accounts.models import User
from tillit.assessments.charts import results_svg
from tillit.assessments.evidence import answer_links, evidence_choices, evidence_target
from tillit.assessments.forms import AnswerForm, AssessmentForm, EvidenceForm
from tillit.assessments.models import Answer, Assessment, AssessmentTemplate, SampledCase, TemplateItem
from tillit.assessments.selectors import (
    MANAGE_TEMPLATES,
    PERFORM,
    RESULTS,
    VIEW,
    answer_rows,
    assessment_for_user_or_404,
    assessment_results,
    assessments_for,
    can_see_templates,
    missing_answers,
    my_open_assessments,
    templates_for,
    templates_for_rounds,
)
from tillit.assessments.services import (
    answer_save,
    assessment_complete,
    assessment_create,
    evidence_add,
    template_establish,
    template_new_version,
)
from tillit.audit.models import AuditAction
from tillit.audit.services import audit_object
from tillit.core.http import run_service
from tillit.core.registry import roles_with
from tillit.org.access import has_permission, scope_unit_ids
from tillit.org.models import Unit

# --- Lists and templates -----------------------------------------------------------------------


@require_GET
@login_required
def assessment_list(request: HttpRequest) -> HttpResponse:
    if not has_permission(request.user, RESULTS):
        raise Http404
    context = {
        "assessments": assessments_for(request.user)[:200],
        "mine": my_open_assessments(request.user),
        "can_perform": has_permission(request.user, PERFORM),
        "can_read": has_permission(request.user, VIEW),
        "readable_units": scope_unit_ids(request.user, VIEW),
        "can_see_templates": can_see_templates(request.user),
    }
    return render(request, "assessments/assessment_list.html", context)


@require_GET
@login_required
def template_list(request: HttpRequest) -> HttpResponse:
    if not can_see_templates(request.user):
        raise Http404
    context = {"templates": templates_for(request.user), "can_manage": has_permission(request.user, MANAGE_TEMPLATES)}
    return render(request, "assessments/template_list.html", context)


def _template_or_404(user, pk: int) -> AssessmentTemplate:
    if not can_see_templates(user):
        raise Http404
    return get_object_or_404(templates_for(user), pk=pk)


@require_GET
@login_required
def template_detail(request: HttpRequest, pk: int) -> HttpResponse:
    template = _template_or_404(request.user, pk)
    items = template.items.select_related("condition_item").order_by("position", "id")
    context = {
        "template": template,
        "items": items,
        "values": template.scale.values.all(),
        "versions": AssessmentTemplate.objects.filter(code=template.code).order_by("-version"),
        "can_manage": has_permission(request.user, MANAGE_TEMPLATES),
        "can_perform": has_permission(request.user, PERFORM),
    }
    return render(request, "assessments/template_detail.html", context)


@require_POST
@login_required
def template_establish_view(request: HttpRequest, pk: int) -> HttpResponse:
    template = _template_or_404(request.user, pk)
    run_service(
        request,
        lambda: template_establish(actor=request.user, template=template),
        success="Mallen är fastställd. Den kan inte längre ändras; ändringar görs i en ny version.",
    )
    return redirect(template)


@require_POST
@login_required
def template_new_version_view(request: HttpRequest, pk: int) -> HttpResponse:
    template = _template_or_404(request.user, pk)
    copy = run_service(
        request,
        lambda: template_new_version(actor=request.user, template=template),
        success=lambda t: f"Version {t.version} är skapad som utkast.",
    )
    return redirect(copy or template)


# --- Starting an assessment --------------------------------------------------------------------


def _performers(user):
    users = User.objects.filter(is_active=True, assignments__role__in=roles_with(PERFORM)).distinct()
    if user.provider_id is not None:
        users = users.filter(provider_id=user.provider_id)
    return users.order_by("first_name", "last_name", "username")


@require_http_methods(["GET", "POST"])
@login_required
def assessment_new(request: HttpRequest) -> HttpResponse:
    if not has_permission(request.user, PERFORM):
        raise Http404
    templates = templates_for_rounds(request.user)
    template_pk = request.POST.get("mall") or request.GET.get("mall")
    if not template_pk or not str(template_pk).isdigit():
        return render(request, "assessments/assessment_choose.html", {"templates": templates})
    template = get_object_or_404(templates, pk=template_pk)
    units = Unit.objects.filter(pk__in=scope_unit_ids(request.user, PERFORM), closed_on__isnull=True).order_by("path")
    form = AssessmentForm(
        request.POST if request.method == "POST" else None,
        template=template,
        units=units,
        performers=_performers(request.user),
        initial={"performer": request.user.pk},
    )
    if form.is_valid():
        data = form.cleaned_data
        assessment = run_service(
            request,
            lambda: assessment_create(
                actor=request.user,
                template=template,
                unit=data["unit"],
                title=data["title"],
                performed_on=data["performed_on"],
                performer=data["performer"],
                population=data.get("population", ""),
                sample_size=data.get("sample_size"),
                sample_share=data.get("sample_share"),
                seed=data.get("seed"),
            ),
            success="Granskningen är skapad.",
        )
        if assessment is not None:
            return redirect(assessment)
    status = 422 if request.method == "POST" else 200
    return render(request, "assessments/assessment_form.html", {"form": form, "template": template}, status=status)


# --- The answer page ---------------------------------------------------------------------------


def _case(assessment: Assessment, number: str | None) -> SampledCase | None:
    if not assessment.template.samples_cases:
        return None
    cases = assessment.cases.all()
    if number and number.isdigit():
        return get_object_or_404(cases, position=int(number))
    return cases.first()


def _choices(assessment: Assessment) -> list[tuple[str, str]]:
    return [(v.code, v.label) for v in assessment.template.scale.values.all()]


def _with_forms(assessment: Assessment, rows, choices, bound: dict[int, AnswerForm] | None = None, targets=()):
    links = answer_links(assessment.template.kind)
    for row in rows:
        if row.is_heading:
            continue
        initial = {"value": row.answer.value, "comment": row.answer.comment} if row.answer else None
        row.form = (bound or {}).get(row.item.pk) or AnswerForm(
            initial=initial, choices=choices, prefix=f"p{row.item.pk}"
        )
        row.evidence_form = EvidenceForm(prefix=f"e{row.item.pk}", targets=targets)
        row.links = [(link.label, link.url(row.answer.pk)) for link in links] if row.answer else []
    return rows


def _page_context(request: HttpRequest, assessment: Assessment, case: SampledCase | None, bound=None) -> dict:
    choices = _choices(assessment)
    can_perform = assessment.is_open and has_permission(request.user, PERFORM, assessment.unit_id)
    targets = evidence_choices(request.user, assessment.unit) if can_perform else ()
    rows = _with_forms(assessment, answer_rows(assessment, case), choices, bound, targets)
    cases = []
    if assessment.template.samples_cases:
        cases = list(assessment.cases.annotate(answered=Count("answers")).order_by("position"))
    return {
        "assessment": assessment,
        "case": case,
        "cases": cases,
        "next_case": next((c for c in cases if case and c.position == case.position + 1), None),
        "rows": rows,
        "labels": dict(choices),
        "can_perform": can_perform,
        "missing": missing_answers(assessment),
    }


@require_GET
@login_required
def assessment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = assessment_for_user_or_404(request.user, pk)
    case = _case(assessment, request.GET.get("fall"))
    audit_object(
        actor=request.user, action=AuditAction.READ, obj=assessment, detail={"case": getattr(case, "pk", None)}
    )
    return render(request, "assessments/assessment_detail.html", _page_context(request, assessment, case))


def _row_response(request: HttpRequest, assessment: Assessment, case, item: TemplateItem, form=None) -> HttpResponse:
    """htmx: the saved item again, and the items whose condition depends on it (swapped out of band)."""
    context = _page_context(request, assessment, case, {item.pk: form} if form is not None else None)
    dependents = set(item.dependents.values_list("pk", flat=True))
    context["row"] = next(r for r in context["rows"] if r.item.pk == item.pk)
    context["oob_rows"] = [r for r in context["rows"] if r.item.pk in dependents]
    return render(request, "assessments/partials/item_response.html", context)


def _posted_item_and_case(request: HttpRequest, assessment: Assessment) -> tuple[TemplateItem, SampledCase | None]:
    item = get_object_or_404(assessment.template.items, pk=request.POST.get("item") or 0)
    case = None
    if assessment.template.samples_cases:
        case = get_object_or_404(assessment.cases, pk=request.POST.get("case") or 0)
    return item, case


def _back(assessment: Assessment, case, item: TemplateItem) -> HttpResponse:
    query = f"?fall={case.position}" if case else ""
    return redirect(f"{reverse('assessments:assessment_detail', args=[assessment.pk])}{query}#punkt-{item.pk}")


@require_POST
@login_required
def answer_save_view(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = assessment_for_user_or_404(request.user, pk, PERFORM)
    item, case = _posted_item_and_case(request, assessment)
    form = AnswerForm(request.POST, choices=_choices(assessment), prefix=f"p{item.pk}")
    if form.is_valid():
        saved = run_service(
            request,
            lambda: answer_save(
                actor=request.user,
                assessment=assessment,
                item=item,
                case=case,
                value=form.cleaned_data["value"],
                comment=form.cleaned_data["comment"],
            ),
            success=f"Svaret på {item.ref} är sparat.",
        )
        if saved is not None:
            if request.htmx:
                return _row_response(request, assessment, case, item)
            return _back(assessment, case, item)
    if request.htmx:
        return _row_response(request, assessment, case, item, form)
    context = _page_context(request, assessment, case, {item.pk: form})
    return render(request, "assessments/assessment_detail.html", context, status=422)


@require_POST
@login_required
def evidence_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = assessment_for_user_or_404(request.user, pk, PERFORM)
    item, case = _posted_item_and_case(request, assessment)
    answer = get_object_or_404(Answer, assessment=assessment, item=item, case=case)
    form = EvidenceForm(request.POST, prefix=f"e{item.pk}", targets=evidence_choices(request.user, assessment.unit))
    if form.is_valid():
        data = form.cleaned_data
        target = evidence_target(request.user, data["target"]) if data.get("target") else None
        run_service(
            request,
            lambda: evidence_add(
                actor=request.user, answer=answer, label=data["label"], url=data["url"], target=target
            ),
            success="Underlaget är länkat till svaret.",
        )
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    if request.htmx:
        return _row_response(request, assessment, case, item)
    return _back(assessment, case, item)


@require_POST
@login_required
def assessment_complete_view(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = assessment_for_user_or_404(request.user, pk, PERFORM)
    done = run_service(
        request,
        lambda: assessment_complete(actor=request.user, assessment=assessment),
        success="Granskningen är klar.",
    )
    return redirect("assessments:assessment_results", pk=pk) if done else redirect(assessment)


# --- Results -----------------------------------------------------------------------------------


@require_GET
@login_required
def assessment_results_view(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = assessment_for_user_or_404(request.user, pk, RESULTS)
    results = assessment_results(assessment)
    context = {
        "assessment": assessment,
        "results": results,
        "chart": results_svg(results),
        "can_read": has_permission(request.user, VIEW, assessment.unit_id),
    }
    return render(request, "assessments/assessment_results.html", context)
