"""import_org and the personnummer guard (a unit named after a person's number is refused)."""

import pytest
from django.core.management import CommandError, call_command

from tillit.core.privacy import PLACEHOLDER
from tillit.org.models import Unit

pytestmark = pytest.mark.django_db

FILE = """code,name,parent_code,level,provider
F1,Socialförvaltningen,,forvaltning,
E1,Boende för 121212-1212,F1,enhet,
"""


def test_personnummer_in_the_org_file_is_refused_or_redacted(tmp_path, capsys):
    path = tmp_path / "org.csv"
    path.write_text(FILE, encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_org", str(path))
    assert "rad 3: personnummer i kolumnen name" in capsys.readouterr().err
    assert not Unit.objects.exists()
    call_command("import_org", str(path), "--redact-personnummer")
    assert Unit.objects.get(code="E1").name == f"Boende för {PLACEHOLDER}"
