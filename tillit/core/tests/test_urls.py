"""Every URL pattern: anonymous users are sent to the login page (or get the public page), nothing
changes, and every pattern name is used by at least one feature test.

The patterns are read from the resolver, so a new URL is covered (and must get a test) at once.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tillit.audit.models import AuditEvent

# Pages that answer without login.
PUBLIC = {
    "home:home",
    "accounts:login",
    "public:report",
    "public:follow_up",
    "surveys_public:answer",
    "oidc_authentication_callback",
    "oidc_authentication_init",
    "oidc_logout",
    "api:openapi-json",
    "api:openapi-view",
    "api:api-root",
}
# The API answers 401 without a token instead of redirecting to a login page.
API_PREFIX = "api:"
# Example arguments for regex patterns and converters.
EXAMPLE_KWARGS = {"fmt": "csv", "kind": "avvikelse", "code": "x"}
REGEX_EXAMPLES = {"reports:download": {"pk": 1, "fmt": "pdf"}, "events:export": {"fmt": "csv"}}


def all_patterns(patterns=None, namespace: str = "") -> list[tuple[str, URLPattern]]:
    found = []
    for p in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(p, URLResolver):
            ns = ":".join(filter(None, [namespace, p.namespace]))
            found += all_patterns(p.url_patterns, ns)
        elif p.name:
            found.append((":".join(filter(None, [namespace, p.name])), p))
    return found


def example_url(name: str, pattern: URLPattern) -> str:
    if name in REGEX_EXAMPLES:
        return reverse(name, kwargs=REGEX_EXAMPLES[name])
    kwargs = {key: EXAMPLE_KWARGS.get(key, 1) for key in pattern.pattern.regex.groupindex}
    kwargs = {k: v for k, v in kwargs.items() if k not in (pattern.default_args or {})}
    return reverse(name, kwargs=kwargs)


NAMES = [name for name, _ in all_patterns()]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "pattern"), all_patterns(), ids=NAMES)
def test_anonymous_users_are_sent_to_login_and_change_nothing(client, org, name, pattern):
    url = example_url(name, pattern)
    login_url = reverse(settings.LOGIN_URL)
    audit_before = AuditEvent.objects.exclude(action="permission_denied").count()
    for method in ("get", "post"):
        response = getattr(client, method)(url)
        assert response.status_code < 500, (name, method)
        if name.startswith(API_PREFIX) and name not in PUBLIC:
            assert response.status_code in (401, 405), (name, method, response.status_code)
        elif name not in PUBLIC:
            assert response.status_code in (302, 405), (name, method, response.status_code)
            if response.status_code == 302:
                assert response["Location"].startswith(login_url), (name, method, response["Location"])
    if name not in PUBLIC:
        assert AuditEvent.objects.exclude(action="permission_denied").count() == audit_before


def test_every_url_name_is_used_by_a_feature_test():
    sources = "\n".join(
        path.read_text(encoding="utf-8")
        for path in Path(settings.BASE_DIR, "tillit").rglob("tests/test_*.py")
        if path.name != "test_urls.py"
    )
    used = set(re.findall(r"""["']([a-z_]+:[a-z_-]+|oidc_[a-z_]+)["']""", sources))
    # API operations are tested by their paths (/api/events …): map the paths to the names.
    used |= {
        name for name, pattern in all_patterns() if name.startswith(API_PREFIX) and _api_path_used(pattern, sources)
    }
    missing = sorted(set(NAMES) - used)
    assert not missing, f"URL patterns without a test: {missing}"


def _api_path_used(pattern: URLPattern, sources: str) -> bool:
    route = "/api/" + str(pattern.pattern).split("<")[0]
    return route.rstrip("/") in sources
