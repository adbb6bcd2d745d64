"""Pages of styrande dokument and processes: fetch in scope, form, one service call, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from tillit.actions.panel import action_panel
from tillit.audit.services import audit_permission_denied
from tillit.core.http import run_service
from tillit.documents import selectors
from tillit.documents.citations import citation_counts
from tillit.documents.forms import (
    ActivityForm,
    ActivityMoveForm,
    DocumentFilterForm,
    DocumentForm,
    DocumentMetaForm,
    DraftForm,
    FaststallForm,
    ProcessForm,
    TransitionForm,
)
from tillit.documents.gap_actions import gap_answers_visible
from tillit.documents.models import Document, DocumentVersion, Process, ProcessActivity, ReadReceipt
from tillit.documents.processmap import process_svg
from tillit.documents.revisions import REVISION_ACTION_TYPE
from tillit.documents.services import (
    activity_add,
    activity_move,
    activity_remove,
    activity_update,
    document_create,
    document_update,
    process_create,
    process_update,
    read_receipt_confirm,
    read_receipts_request,
    version_create,
    version_transition,
)
from tillit.documents.services.receipts import may_manage
from tillit.documents.services.versions import OPEN_STATES, version_text_update
from tillit.org.access import has_permission, scope_unit_ids
from tillit.org.models import Unit
from tillit.workflow.services import allowed_transitions


def _document_or_404(user, pk: int) -> Document:
    document = selectors.documents_visible(user).filter(pk=pk).select_related("unit", "owner").first()
    if document is None:
        audit_permission_denied(actor=user, permission="document.view", object_type="documents.document")
        raise Http404
    return document


def _version_or_404(user, pk: int) -> DocumentVersion:
    version = get_object_or_404(DocumentVersion.objects.select_related("document"), pk=pk)
    _document_or_404(user, version.document_id)
    return version


@login_required
def document_list(request: HttpRequest) -> HttpResponse:
    if not has_permission(request.user, "document.view"):
        raise Http404
    form = DocumentFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    documents = selectors.documents_list(request.user, **{k: v for k, v in filters.items() if v})
    page = Paginator(documents, 50).get_page(request.GET.get("page"))
    template = "documents/partials/document_table.html" if request.htmx else "documents/document_list.html"
    return render(
        request,
        template,
        {"form": form, "page": page, "may_create": has_permission(request.user, "document.manage")},
    )


@login_required
def document_create_view(request: HttpRequest) -> HttpResponse:
    if not has_permission(request.user, "document.manage"):
        raise Http404
    form = DocumentForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        document = run_service(
            request,
            lambda: document_create(actor=request.user, **form.cleaned_data),
            success="Dokumentet är skapat som utkast.",
        )
        if document is not None:
            return redirect("documents:document_detail", document.pk)
    return render(request, "documents/document_form.html", {"form": form})


@login_required
def document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document_or_404(request.user, pk)
    if not has_permission(request.user, "document.manage", document.unit_id):
        raise Http404
    form = DocumentMetaForm(request.POST or None, user=request.user, document=document)
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            request,
            lambda: document_update(actor=request.user, document=document, **form.cleaned_data),
            success="Uppgifterna om dokumentet är sparade.",
        )
        if saved is not None:
            return redirect("documents:document_detail", document.pk)
    return render(request, "documents/document_edit.html", {"document": document, "form": form})


@login_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document_or_404(request.user, pk)
    versions = list(document.versions.order_by("-number"))
    current = next((v for v in versions if v.pk == document.current_version_id), None)
    draft = next((v for v in versions if v.state in OPEN_STATES), None)
    manager = may_manage(request.user, document)
    panel = action_panel(request.user, document, may_manage=manager)
    if panel["form"] is not None:
        panel["form"].initial.setdefault("action_type", REVISION_ACTION_TYPE)
    context = {
        "actions_panel": panel,
        # Only how many investigations cite the routine as not followed (never which), for its managers.
        "citations": citation_counts(document.pk) if manager else [],
        "document": document,
        "may_edit": has_permission(request.user, "document.manage", document.unit_id),
        "current": current,
        "draft": draft,
        "versions": versions,
        "manager": manager,
        "applies_to": document.applies_to.all(),
        "related": document.related.all(),
        "transitions": allowed_transitions(request.user, draft) if draft else [],
        "faststall_form": FaststallForm(),
        "draft_form": DraftForm(initial={"text": draft.text, "change_summary": draft.change_summary})
        if draft
        else None,
        "receipts": selectors.receipt_overview(current) if current and manager else None,
        "my_receipt": ReadReceipt.objects.filter(version=current, user=request.user).first() if current else None,
    }
    return render(request, "documents/document_detail.html", context)


@login_required
def version_file(request: HttpRequest, pk: int) -> HttpResponse:
    version = _version_or_404(request.user, pk)
    if not version.has_file:
        raise Http404
    response = HttpResponse(bytes(version.data), content_type=version.content_type)
    response["Content-Disposition"] = f'attachment; filename="{version.filename}"'
    return response


@login_required
@require_POST
def version_new(request: HttpRequest, pk: int) -> HttpResponse:
    document = _document_or_404(request.user, pk)
    run_service(
        request,
        lambda: version_create(actor=request.user, document=document),
        success="En ny version är skapad som utkast. Den gällande versionen gäller tills den nya fastställs.",
    )
    return redirect("documents:document_detail", document.pk)


@login_required
@require_POST
def version_edit(request: HttpRequest, pk: int) -> HttpResponse:
    version = _version_or_404(request.user, pk)
    form = DraftForm(request.POST)
    if form.is_valid():
        run_service(
            request,
            lambda: version_text_update(actor=request.user, version=version, **form.cleaned_data),
            success="Utkastet är sparat.",
        )
    return redirect("documents:document_detail", version.document_id)


@login_required
@require_POST
def version_step(request: HttpRequest, pk: int) -> HttpResponse:
    version = _version_or_404(request.user, pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        raise Http404
    code, fields = form.cleaned_data["code"], {}
    if code == "faststall":
        faststall = FaststallForm(request.POST)
        if not faststall.is_valid():
            messages.error(request, "Ange vem som fastställer, från vilket datum och nästa revidering.")
            return redirect("documents:document_detail", version.document_id)
        fields = faststall.cleaned_data
    result = run_service(
        request,
        lambda: version_transition(
            actor=request.user, version=version, code=code, comment=form.cleaned_data["comment"], **fields
        ),
    )
    if result is not None:
        messages.success(request, "Statusen är ändrad.")
    return redirect("documents:document_detail", version.document_id)


@login_required
@require_POST
def receipts_request(request: HttpRequest, pk: int) -> HttpResponse:
    version = _version_or_404(request.user, pk)
    run_service(
        request,
        lambda: read_receipts_request(actor=request.user, version=version),
        success=lambda n: f"Läskvittens begärd av {n} medarbetare." if n else "Alla är redan tillfrågade.",
    )
    return redirect("documents:document_detail", version.document_id)


@login_required
@require_POST
def receipt_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    receipt = ReadReceipt.objects.filter(pk=pk, user=request.user).select_related("version").first()
    if receipt is None:
        raise Http404
    run_service(
        request,
        lambda: read_receipt_confirm(actor=request.user, receipt=receipt),
        success="Tack! Du har kvitterat att du har läst dokumentet.",
    )
    return redirect("documents:document_detail", receipt.version.document_id)


@login_required
def unit_documents(request: HttpRequest, pk: int) -> HttpResponse:
    """What applies in a unit: the fastställda documents given for it or a unit above it."""
    unit = get_object_or_404(Unit, pk=pk)
    if unit.pk not in scope_unit_ids(request.user, "document.view"):
        audit_permission_denied(actor=request.user, permission="document.view", object_type="org.unit")
        raise Http404
    documents = selectors.documents_applying_to(unit)
    return render(request, "documents/unit_documents.html", {"unit": unit, "documents": documents})


@login_required
def process_map(request: HttpRequest) -> HttpResponse:
    if not has_permission(request.user, "document.view"):
        raise Http404
    processes = selectors.processes_with_activities(request.user)
    maps = [(p, process_svg(p, list(p.activities.all()))) for p in processes]
    return render(
        request,
        "documents/process_map.html",
        {"maps": maps, "may_create": has_permission(request.user, "document.manage")},
    )


def _process_or_404(user, pk: int, *, manage: bool = False) -> Process:
    process = selectors.processes_visible(user).filter(pk=pk).select_related("document").first()
    if process is None or (manage and not has_permission(user, "document.manage", process.unit_id)):
        audit_permission_denied(actor=user, permission="document.view", object_type="documents.process")
        raise Http404
    return process


@login_required
def process_detail(request: HttpRequest, pk: int) -> HttpResponse:
    process = _process_or_404(request.user, pk)
    activities = list(process.activities.prefetch_related("documents"))
    may_edit = has_permission(request.user, "document.manage", process.unit_id)
    context = {
        "process": process,
        "activities": activities,
        "svg": process_svg(process, activities),
        "routines": process.routines.order_by("code"),
        "may_edit": may_edit,
        "activity_form": ActivityForm(user=request.user) if may_edit else None,
    }
    return render(request, "documents/process_detail.html", context)


@login_required
def process_create_view(request: HttpRequest) -> HttpResponse:
    if not has_permission(request.user, "document.manage"):
        raise Http404
    form = ProcessForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        process = run_service(
            request,
            lambda: process_create(actor=request.user, **form.cleaned_data),
            success="Processen är skapad. Lägg till dess aktiviteter i ordning.",
        )
        if process is not None:
            return redirect("documents:process_detail", process.pk)
    return render(request, "documents/process_form.html", {"form": form, "process": None})


@login_required
def process_edit(request: HttpRequest, pk: int) -> HttpResponse:
    process = _process_or_404(request.user, pk, manage=True)
    form = ProcessForm(request.POST or None, user=request.user, process=process)
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            request,
            lambda: process_update(actor=request.user, process=process, **form.cleaned_data),
            success="Processen är sparad.",
        )
        if saved is not None:
            return redirect("documents:process_detail", process.pk)
    return render(request, "documents/process_form.html", {"form": form, "process": process})


@login_required
@require_POST
def activity_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    process = _process_or_404(request.user, pk, manage=True)
    form = ActivityForm(request.POST, user=request.user)
    if form.is_valid():
        run_service(
            request,
            lambda: activity_add(actor=request.user, process=process, **form.cleaned_data),
            success="Aktiviteten är tillagd.",
        )
        return redirect("documents:process_detail", process.pk)
    activities = list(process.activities.prefetch_related("documents"))
    context = {
        "process": process,
        "activities": activities,
        "svg": process_svg(process, activities),
        "routines": process.routines.order_by("code"),
        "may_edit": True,
        "activity_form": form,
    }
    return render(request, "documents/process_detail.html", context, status=422)


def _activity_or_404(user, pk: int, activity_pk: int) -> ProcessActivity:
    process = _process_or_404(user, pk, manage=True)
    return get_object_or_404(ProcessActivity.objects.select_related("process"), pk=activity_pk, process=process)


@login_required
def activity_edit(request: HttpRequest, pk: int, activity_pk: int) -> HttpResponse:
    activity = _activity_or_404(request.user, pk, activity_pk)
    form = ActivityForm(request.POST or None, user=request.user, activity=activity)
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            request,
            lambda: activity_update(actor=request.user, activity=activity, **form.cleaned_data),
            success="Aktiviteten är sparad.",
        )
        if saved is not None:
            return redirect("documents:process_detail", pk)
    return render(request, "documents/activity_form.html", {"form": form, "activity": activity})


@login_required
@require_POST
def activity_move_view(request: HttpRequest, pk: int, activity_pk: int) -> HttpResponse:
    activity = _activity_or_404(request.user, pk, activity_pk)
    form = ActivityMoveForm(request.POST)
    if form.is_valid():
        run_service(
            request,
            lambda: activity_move(actor=request.user, activity=activity, position=form.cleaned_data["position"]),
            success="Aktiviteten är flyttad.",
        )
    else:
        messages.error(request, "Ange en giltig plats.")
    return redirect("documents:process_detail", pk)


@login_required
@require_POST
def activity_remove_view(request: HttpRequest, pk: int, activity_pk: int) -> HttpResponse:
    process = _process_or_404(request.user, pk, manage=True)
    run_service(
        request,
        lambda: activity_remove(actor=request.user, activity_id=activity_pk, process=process),
        success=lambda removed: "Aktiviteten är borttagen." if removed else "Aktiviteten var redan borttagen.",
    )
    return redirect("documents:process_detail", process.pk)


@login_required
def gap_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """A GAP answer with its evidence and the åtgärder for what is missing."""
    answer = gap_answers_visible(request.user).filter(pk=pk).select_related("assessment__unit").first()
    if answer is None:
        audit_permission_denied(actor=request.user, permission="assessment.view", object_type="assessments.answer")
        raise Http404
    labels = dict(answer.assessment.template.scale.values.values_list("code", "label"))
    context = {
        "answer": answer,
        "value_label": labels.get(answer.value, answer.value),
        "evidence": answer.evidence.all(),
        "actions_panel": action_panel(request.user, answer),
    }
    return render(request, "documents/gap_answer.html", context)
