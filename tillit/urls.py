"""URL root: each domain app mounts its own urls.py."""

from django.urls import include, path

from tillit.integrations.api import api

urlpatterns = [
    path("", include("tillit.core.urls")),
    path("konto/", include("tillit.accounts.urls")),
    path("organisation/", include("tillit.org.urls")),
    path("logg/", include("tillit.audit.urls")),
    path("handelser/", include("tillit.events.urls")),
    path("lamna-synpunkt/", include("tillit.events.public_urls")),
    path("atgarder/", include("tillit.actions.urls")),
    path("inkorg/", include("tillit.inbox.urls")),
    path("kvalitetsberattelse/", include("tillit.reports.urls")),
    path("integrationer/", include("tillit.integrations.urls")),
    path("api/", api.urls),
    path("oidc/", include("mozilla_django_oidc.urls")),
]

handler400 = "tillit.core.views.bad_request"
handler403 = "tillit.core.views.permission_denied"
handler404 = "tillit.core.views.page_not_found"
handler500 = "tillit.core.views.server_error"
