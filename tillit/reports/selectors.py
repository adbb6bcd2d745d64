from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from tillit.org.access import scope_unit_ids
from tillit.reports.models import QualityReport


def reports_visible(user) -> QuerySet[QualityReport]:
    return QualityReport.objects.filter(scope_id__in=scope_unit_ids(user, "report.view")).select_related("scope")


def report_or_404(user, pk: int) -> QualityReport:
    report = reports_visible(user).filter(pk=pk).first()
    if report is None:
        raise Http404
    return report
