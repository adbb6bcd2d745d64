"""The survey builder: the list, a new survey, sections and questions, a preview at phone width,
opening and closing."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from tillit.core.http import run_service
from tillit.surveys.answering import pages
from tillit.surveys.forms import (
    QuestionEditForm,
    QuestionForm,
    SectionEditForm,
    SectionForm,
    SurveyEditForm,
    SurveyForm,
)
from tillit.surveys.models import Question, Section
from tillit.surveys.selectors import can_manage, can_view, manage_units, survey_for_user_or_404, surveys_visible
from tillit.surveys.services import (
    has_answers,
    question_add,
    question_delete,
    question_update,
    section_add,
    section_update,
    survey_close,
    survey_create,
    survey_open,
    survey_update,
)
from tillit.surveys.views.public import page_form


@login_required
def survey_list(request: HttpRequest) -> HttpResponse:
    if not can_view(request.user):
        raise Http404
    context = {"surveys": surveys_visible(request.user), "can_manage": can_manage(request.user)}
    return render(request, "surveys/survey_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def survey_new(request: HttpRequest) -> HttpResponse:
    units = manage_units(request.user)
    if not units:
        raise Http404
    initial = {"year": timezone.localdate().year, "round": 1, "mode": "koder", "unit": units.first()}
    form = SurveyForm(request.POST or None, units=units, initial=initial)
    if form.is_valid():
        survey = run_service(
            request,
            lambda: survey_create(actor=request.user, **form.cleaned_data),
            success=lambda s: f"Enkäten ”{s.title}” är skapad. Lägg till avsnitt och frågor.",
        )
        if survey is not None:
            return redirect("surveys:detail", pk=survey.pk)
    return render(request, "surveys/survey_form.html", {"form": form}, status=422 if form.is_bound else 200)


def _detail(request, survey, *, section_form=None, question_form=None, status=200) -> HttpResponse:
    may_manage = can_manage(request.user, survey.unit_id)
    locked = has_answers(survey)
    editable = may_manage and not locked
    context = {
        "survey": survey,
        "pages": pages(survey),
        "sections": survey.sections.all(),
        "may_manage": may_manage,
        "locked": locked,
        "section_form": section_form or (SectionForm() if editable else None),
        "question_form": question_form
        or (QuestionForm(survey=survey) if editable and survey.sections.exists() else None),
    }
    return render(request, "surveys/survey_detail.html", context, status=status)


@login_required
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, survey_for_user_or_404(request.user, pk))


@login_required
@require_http_methods(["GET", "POST"])
def survey_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Title, texts, legal basis, open and close dates and the reminder interval."""
    survey = survey_for_user_or_404(request.user, pk, manage=True)
    initial = {name: getattr(survey, name) for name in SurveyEditForm.base_fields}
    form = SurveyEditForm(request.POST or None, initial=initial)
    if form.is_valid() and run_service(
        request,
        lambda: survey_update(actor=request.user, survey=survey, **form.cleaned_data),
        success="Enkäten är sparad.",
    ):
        return redirect("surveys:detail", pk=survey.pk)
    context = {"form": form, "survey": survey}
    return render(request, "surveys/survey_edit.html", context, status=422 if form.is_bound else 200)


@login_required
@require_POST
def section_new(request: HttpRequest, pk: int) -> HttpResponse:
    survey = survey_for_user_or_404(request.user, pk, manage=True)
    form = SectionForm(request.POST)
    if form.is_valid() and run_service(
        request,
        lambda: section_add(actor=request.user, survey=survey, **form.cleaned_data),
        success="Avsnittet är tillagt.",
    ):
        return redirect("surveys:detail", pk=survey.pk)
    return _detail(request, survey, section_form=form, status=422)


@login_required
@require_POST
def question_new(request: HttpRequest, pk: int) -> HttpResponse:
    survey = survey_for_user_or_404(request.user, pk, manage=True)
    form = QuestionForm(request.POST, survey=survey)
    if form.is_valid() and run_service(
        request,
        lambda: question_add(actor=request.user, **form.service_fields()),
        success="Frågan är tillagd.",
    ):
        return redirect("surveys:detail", pk=survey.pk)
    return _detail(request, survey, question_form=form, status=422)


@login_required
@require_http_methods(["GET", "POST"])
def question_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Text, help text, options, required and condition of a question, while the survey has no
    answers (the service refuses otherwise; what was typed stays in the form)."""
    question = get_object_or_404(Question.objects.select_related("survey", "condition_question"), pk=pk)
    survey = survey_for_user_or_404(request.user, question.survey_id, manage=True)
    form = QuestionEditForm(request.POST or None, survey=survey, question=question)
    if form.is_valid() and run_service(
        request,
        lambda: question_update(actor=request.user, **form.service_fields()),
        success="Frågan är sparad.",
    ):
        return redirect("surveys:detail", pk=survey.pk)
    context = {"form": form, "survey": survey, "question": question, "locked": has_answers(survey)}
    return render(request, "surveys/question_edit.html", context, status=422 if form.is_bound else 200)


@login_required
@require_http_methods(["GET", "POST"])
def section_edit(request: HttpRequest, pk: int) -> HttpResponse:
    section = get_object_or_404(Section.objects.select_related("survey"), pk=pk)
    survey = survey_for_user_or_404(request.user, section.survey_id, manage=True)
    initial = {"title": section.title, "intro": section.intro}
    form = SectionEditForm(request.POST or None, initial=initial)
    if form.is_valid() and run_service(
        request,
        lambda: section_update(actor=request.user, section=section, **form.cleaned_data),
        success="Avsnittet är sparat.",
    ):
        return redirect("surveys:detail", pk=survey.pk)
    context = {"form": form, "survey": survey, "section": section, "locked": has_answers(survey)}
    return render(request, "surveys/section_edit.html", context, status=422 if form.is_bound else 200)


@login_required
@require_POST
def question_remove(request: HttpRequest, pk: int) -> HttpResponse:
    question = get_object_or_404(Question.objects.select_related("survey"), pk=pk)
    survey = survey_for_user_or_404(request.user, question.survey_id, manage=True)
    run_service(request, lambda: question_delete(actor=request.user, question=question), success="Frågan är borttagen.")
    return redirect("surveys:detail", pk=survey.pk)


@login_required
def survey_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """Every page of the survey as the respondent sees it, in a phone-wide frame (nothing is saved)."""
    survey = survey_for_user_or_404(request.user, pk)
    found = pages(survey)
    forms = [(page, page_form(survey, page.questions)) for page in found]
    return render(request, "surveys/preview.html", {"survey": survey, "forms": forms, "total": len(found)})


@login_required
@require_POST
def survey_status(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    survey = survey_for_user_or_404(request.user, pk, manage=True)
    if action == "oppna":
        run_service(
            request, lambda: survey_open(actor=request.user, survey=survey), success="Enkäten är öppen för svar."
        )
    elif action == "stang":
        run_service(request, lambda: survey_close(actor=request.user, survey=survey), success="Enkäten är stängd.")
    else:
        raise Http404
    return redirect("surveys:detail", pk=survey.pk)
