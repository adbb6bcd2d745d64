"""The answer pages. No login for an open link or a code; a staff survey (identified) needs the
invitee's login. Mobile-first, one section per page, each page saved as it is left, progress shown.

Privacy as on the public form (tillit.events.views.public): nothing about the visitor is stored or
logged. The starts (a code typed, an open link begun) carry the public form's signed timing token
and count against its global rate limit in the shared database cache; free text goes through the
personnummer guard and is replaced (no one can be asked). An open link keeps its answer in progress
in the browser session, which also allows one answer per session; a code keeps it in the code's
draft, so it can be continued later, from any device, until the survey closes."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from tillit.core.privacy import REDACTED_NOTICE
from tillit.events.services.public import check_form_token, form_token, within_rate_limit
from tillit.org.models import Unit
from tillit.surveys.answering import (
    declined,
    draft_load,
    draft_save,
    is_open,
    page_questions,
    pages,
    response_submit,
    token_for_code,
)
from tillit.surveys.forms import AnswerPageForm, CodeForm
from tillit.surveys.models import Survey, SurveyMode, SurveyToken

TOO_MANY = "Just nu kommer det in väldigt många svar. Försök igen om en stund."


def _unit_options(survey: Survey) -> list[tuple[str, str]]:
    return [(str(u.pk), u.name) for u in Unit.objects.filter(pk__in=survey.invitations.values("unit_id"))]


def page_form(survey: Survey, questions, data=None, initial=None) -> AnswerPageForm:
    return AnswerPageForm(data, questions=questions, unit_options=_unit_options(survey), initial=initial)


@dataclass
class Progress:
    answers: dict
    page: int
    token: SurveyToken | None = None


def _open_key(survey: Survey) -> str:
    return f"survey-open:{survey.pk}"


def _token_key(survey: Survey) -> str:
    return f"survey-token:{survey.pk}"


def _save(request, survey: Survey, progress: Progress, today) -> None:
    if progress.token is not None:
        draft_save(token=progress.token, answers=progress.answers, page=progress.page, today=today)
    else:
        request.session[_open_key(survey)] = {"answers": progress.answers, "page": progress.page}


def _finish(request, survey: Survey, progress: Progress, today) -> HttpResponse:
    _, removed = response_submit(survey=survey, answers=progress.answers, today=today, token=progress.token)
    if survey.mode == SurveyMode.OPEN_LINK:
        request.session[_open_key(survey)] = {"done": True}
    request.session.pop(_token_key(survey), None)
    context = {
        "survey": survey,
        "declined": declined(list(survey.questions.all()), progress.answers),
        "personnummer_removed": bool(removed),
        "redacted_notice": REDACTED_NOTICE,
    }
    return render(request, "surveys/public/thanks.html", context)


def _start(request, survey: Survey) -> HttpResponse | Progress:
    """Who is answering: the progress of the code in the session, the invitee's, or the open link's;
    or the page that asks for the code (or the open link's start)."""
    if survey.mode == SurveyMode.IDENTIFIED:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        token = survey.tokens.filter(invitee=request.user).first()
        if token is None or token.answered:
            return render(request, "surveys/public/message.html", {"survey": survey, "invited": token is not None})
        answers, page = draft_load(token)
        return Progress(answers, page, token)
    if survey.mode == SurveyMode.OPEN_LINK:
        state = request.session.get(_open_key(survey))
        if state and state.get("done"):
            return render(request, "surveys/public/message.html", {"survey": survey, "invited": True})
        if state is None:
            return _open_start(request, survey)
        return Progress(state.get("answers", {}), state.get("page", 0))
    token = SurveyToken.objects.filter(
        pk=request.session.get(_token_key(survey)), survey=survey, answered=False
    ).first()
    if token is None or "kod" in request.GET:
        return _code_page(request, survey)
    answers, page = draft_load(token)
    return Progress(answers, page, token)


def _open_start(request, survey: Survey) -> HttpResponse:
    error = ""
    if request.method == "POST" and "start" in request.POST:
        try:
            check_form_token(request.POST.get("token", ""))
            if not within_rate_limit("survey-start"):
                raise ValidationError(TOO_MANY)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            request.session[_open_key(survey)] = {"answers": {}, "page": 0}
            return redirect("surveys_public:answer", key=survey.public_key)
    context = {"survey": survey, "token": form_token(), "error": error, "total": len(pages(survey))}
    return render(request, "surveys/public/start.html", context)


def _code_page(request, survey: Survey) -> HttpResponse:
    """The code from the letter: typed (POST) or in the letter's link (?kod=…, which is moved into
    the session and dropped from the address at once)."""
    if "kod" in request.GET:
        form = CodeForm({"code": request.GET["kod"], "token": "link"})
    else:
        form = CodeForm(request.POST if request.method == "POST" and "code" in request.POST else None)
    if form.is_bound and form.is_valid():
        try:
            if "kod" not in request.GET:
                check_form_token(form.cleaned_data["token"])
            if not within_rate_limit("survey-start"):
                raise ValidationError(TOO_MANY)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            token = token_for_code(survey, form.cleaned_data["code"])
            if token is not None:
                request.session[_token_key(survey)] = token.pk
                return redirect("surveys_public:answer", key=survey.public_key)
            form.add_error("code", "Koden finns inte eller har redan använts. Kontrollera koden i brevet.")
    if not form.is_bound or "kod" in request.GET:
        form.initial["token"] = form_token()
    data = form.data.copy() if form.is_bound else None
    if data is not None:
        data["token"] = form_token()
        form.data = data
    return render(
        request, "surveys/public/code.html", {"survey": survey, "form": form}, status=422 if form.errors else 200
    )


def _first_shown(found, answers: dict, start: int, step: int) -> int | None:
    index = start
    while 0 <= index < len(found):
        if page_questions(found[index], answers):
            return index
        index += step
    return None


@never_cache
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, key: str) -> HttpResponse:
    survey = get_object_or_404(Survey.objects.exclude(mode=SurveyMode.IMPORTED), public_key=key)
    today = timezone.localdate()
    if not is_open(survey, today):
        return render(request, "surveys/public/closed.html", {"survey": survey})
    progress = _start(request, survey)
    if isinstance(progress, HttpResponse):
        return progress
    found = pages(survey)
    index = _first_shown(found, progress.answers, min(progress.page, len(found) - 1), 1)
    if index is None:
        return _finish(request, survey, progress, today)
    page = found[index]
    questions = page_questions(page, progress.answers)
    if request.method == "POST" and "direction" in request.POST:
        form = page_form(survey, questions, request.POST)
        valid = form.is_valid()
        going_back = request.POST["direction"] == "tillbaka"
        if valid or going_back:
            for question in questions:  # what was cleared is cleared, what was typed is kept
                progress.answers.pop(question.code, None)
            progress.answers.update(form.answers() if valid else _valid_part(form))
            if valid and declined(questions, progress.answers):
                return _finish(request, survey, progress, today)
            step = -1 if going_back else 1
            following = _first_shown(found, progress.answers, index + step, step)
            if following is None and not going_back:
                return _finish(request, survey, progress, today)
            progress.page = following if following is not None else index
            try:
                _save(request, survey, progress, today)
            except ValidationError as exc:
                return render(request, "surveys/public/closed.html", {"survey": survey, "reason": exc.messages})
            return redirect("surveys_public:answer", key=survey.public_key)
    else:
        form = page_form(survey, questions, initial=progress.answers)
    shown = [i for i in range(len(found)) if page_questions(found[i], progress.answers)]
    context = {
        "survey": survey,
        "page": page,
        "form": form,
        "number": shown.index(index) + 1 if index in shown else index + 1,
        "total": max(len(shown), 1),
        "first": index == (shown[0] if shown else 0),
        "last": index == (shown[-1] if shown else 0),
        "same_page_conditions": {
            q.code for q in questions if q.condition_question_id and q.condition_question in questions
        },
    }
    return render(request, "surveys/public/page.html", context, status=422 if form.errors else 200)


def _valid_part(form: AnswerPageForm) -> dict:
    cleaned = getattr(form, "cleaned_data", {})
    found = {}
    for question in form.questions:
        value = cleaned.get(question.code)
        if value not in (None, "", []):
            found[question.code] = [str(v) for v in value] if isinstance(value, list) else str(value)
    return found
