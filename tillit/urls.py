"""URL root: the start page, then every app's URLs as the app registered them in its plugin.py."""

from django.urls import include, path

from tillit.core.registry import registry


def build_urlpatterns() -> list:
    """The site's URLs from the registry (a test that registers an app builds them again)."""
    return [
        path("", include("tillit.home.urls")),
        *(path(m.prefix, m.target if isinstance(m.target, tuple) else include(m.target)) for m in registry.urls),
        path("oidc/", include("mozilla_django_oidc.urls")),
    ]


urlpatterns = build_urlpatterns()

handler400 = "tillit.core.views.bad_request"
handler403 = "tillit.core.views.permission_denied"
handler404 = "tillit.core.views.page_not_found"
handler500 = "tillit.core.views.server_error"
