"""docs/permissions.md is the declared table, rendered; it must not drift from the code."""

from pathlib import Path

from django.conf import settings

from tillit.core.registry import registry
from tillit.home.policy_docs import render_policy_markdown


def test_docs_are_up_to_date_with_the_declarations():
    committed = Path(settings.BASE_DIR, "docs", "permissions.md").read_text(encoding="utf-8")
    assert committed == render_policy_markdown(), "run: python manage.py render_policy_docs"


def test_every_permission_and_workflow_is_in_the_docs():
    text = render_policy_markdown()
    for permission in registry.permissions.values():
        assert f"`{permission.code}`" in text
    assert "### Lex Sarah" in text and "kommunens tjänstenivå" in text
