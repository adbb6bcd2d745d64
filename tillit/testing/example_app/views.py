from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse

from tillit.org.access import has_permission


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    if not has_permission(request.user, "exempel.view"):
        raise Http404
    return HttpResponse("Exempelgranskningar")
