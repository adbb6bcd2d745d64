"""import_framework and the personnummer guard."""

import pytest
from django.core.management import CommandError, call_command

from tillit.assessments.models import TemplateItem
from tillit.assessments.tests.test_import import HEADER, write
from tillit.core.privacy import PLACEHOLDER

pytestmark = pytest.mark.django_db


def test_personnummer_in_the_framework_file_is_refused_or_redacted(tmp_path, capsys):
    path = write(tmp_path, HEADER, "EGEN,1,1,,F,Rutin för 121212-1212 finns,,nej,,")
    with pytest.raises(CommandError):
        call_command("import_framework", str(path))
    assert "rad 2: personnummer i kolumnen text" in capsys.readouterr().err
    assert not TemplateItem.objects.filter(template__code="EGEN").exists()
    call_command("import_framework", str(path), "--redact-personnummer")
    assert TemplateItem.objects.get(template__code="EGEN").text == f"Rutin för {PLACEHOLDER} finns"
