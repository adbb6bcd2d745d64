"""The Kolada client against recorded responses served from a local HTTP server (no internet): the
real httpx code runs, follows `next_url` and `next_page`, and a failure changes nothing."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tillit.kpis.kolada import MAX_YEARS_PER_REQUEST, KoladaClient, KoladaError, parse, parse_file
from tillit.kpis.models import ComparisonMunicipality, Kpi, KpiSource, KpiValue

DATA = Path(__file__).parent / "data"
FIRST = "/v3/data/kpi/U33401,U21468/municipality/1489,0000,1480/year/2017,2018"


class FakeKolada:
    """A local server: `routes` maps a path to (status, body); "{base}" in a body is the server's URL."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, str]] = {}
        self.requested: list[str] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                owner.requested.append(self.path)
                status, body = owner.routes.get(self.path, (404, "{}"))
                payload = body.replace("{base}", owner.base).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_port}/v3"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def page(self, path: str, name: str, status: int = 200) -> None:
        self.routes[path] = (status, (DATA / name).read_text(encoding="utf-8"))


@pytest.fixture
def kolada(settings):
    fake = FakeKolada()
    fake.thread.start()
    settings.KOLADA_BASE_URL = fake.base
    settings.KOLADA_MUNICIPALITY = "1489"
    yield fake
    fake.server.shutdown()
    fake.server.server_close()


def _serve_three_pages(kolada: FakeKolada) -> None:
    kolada.page(FIRST, "kolada_page1.json")
    kolada.page("/v3/page2", "kolada_page2.json")
    kolada.page("/v3/page3", "kolada_page3.json")


def test_parser_reads_the_documented_shape_with_null_values():
    values, next_link = parse(json.loads((DATA / "kolada_page1.json").read_text()))
    assert next_link == "{base}/page2"
    assert len(values) == 7
    riket_women = next(v for v in values if v.municipality == "0000" and v.gender == "K")
    assert riket_women.value is None and riket_women.status == "Uppgift saknas"
    assert values[0].kpi == "U33401" and values[0].period == 2018 and values[0].value == 103.0


@pytest.mark.parametrize(
    "payload",
    [
        [],
        {"count": 1},
        {"values": [{"kpi": "U1"}]},
        {"values": [{"kpi": "U1", "municipality": "1", "period": 2020, "values": [{"gender": "X", "value": 1}]}]},
    ],
)
def test_parser_refuses_other_shapes_in_swedish(payload):
    with pytest.raises(KoladaError, match="väntade formatet"):
        parse(payload)


def test_client_follows_next_url_and_next_page(kolada):
    _serve_three_pages(kolada)
    values = KoladaClient().data(kpis=["U33401", "U21468"], municipalities=["1489", "0000", "1480"], years=[2018, 2017])
    assert kolada.requested == [FIRST, "/v3/page2", "/v3/page3"]
    assert len(values) == 10


def test_client_sends_at_most_25_years_per_request(kolada):
    years = list(range(1990, 2031))  # 41 years → two requests
    for chunk in (years[:MAX_YEARS_PER_REQUEST], years[MAX_YEARS_PER_REQUEST:]):
        path = f"/v3/data/kpi/U33401/municipality/1489/year/{','.join(map(str, chunk))}"
        kolada.routes[path] = (200, '{"count": 0, "values": []}')
    assert KoladaClient().data(kpis=["U33401"], municipalities=["1489"], years=years) == []
    assert len(kolada.requested) == 2


@pytest.mark.django_db
def test_import_kolada_stores_kommun_on_the_top_unit_riket_and_the_group_and_is_idempotent(kolada, org, capsys):
    _serve_three_pages(kolada)
    args = ["import_kolada", "--kpi", "U33401,U21468", "--years", "2017-2018", "--compare", "1480"]
    call_command(*args)
    assert "nya 10" in capsys.readouterr().out
    kpi = Kpi.objects.get(code="U33401")
    assert kpi.source == KpiSource.KOLADA and "Utredningstid" in kpi.title
    own = KpiValue.objects.get(kpi=kpi, unit=org.soc, year=2018, gender="T")
    assert own.value == 103.0 and own.municipality_code == ""
    assert KpiValue.objects.get(kpi=kpi, municipality_code="0000", gender="K").value is None
    assert KpiValue.objects.filter(municipality_code="1480").count() == 2
    assert ComparisonMunicipality.objects.filter(code="1480").exists()
    before = list(KpiValue.objects.order_by("pk").values_list("pk", "value", "updated_at"))
    call_command(*args)
    assert "nya 0, ändrade 0, oförändrade 10" in capsys.readouterr().out
    assert list(KpiValue.objects.order_by("pk").values_list("pk", "value", "updated_at")) == before


@pytest.mark.django_db
def test_a_failed_fetch_gives_a_swedish_message_and_changes_nothing(kolada, org):
    kolada.page(FIRST, "kolada_page1.json")
    kolada.routes["/v3/page2"] = (500, "{}")  # the second page fails after the first was read
    with pytest.raises(CommandError, match=r"Kolada svarade med felkod 500.*Ingenting ändrades"):
        call_command("import_kolada", "--kpi", "U33401,U21468", "--years", "2017-2018", "--compare", "1480")
    assert not Kpi.objects.exists() and not KpiValue.objects.exists()


@pytest.mark.django_db
def test_an_unreachable_server_gives_a_swedish_message(settings, org):
    settings.KOLADA_BASE_URL = "http://127.0.0.1:9/v3"  # the discard port: nothing listens
    with pytest.raises(CommandError, match="Det gick inte att nå Kolada"):
        call_command("import_kolada", "--kpi", "U33401", "--years", "2018", "--municipality", "1489")
    assert not KpiValue.objects.exists()


@pytest.mark.django_db
def test_import_kolada_from_a_saved_file(tmp_path, settings, org):
    pages = [json.loads((DATA / name).read_text()) for name in ("kolada_page1.json", "kolada_page2.json")]
    saved = tmp_path / "kolada.json"
    saved.write_text(json.dumps(pages), encoding="utf-8")
    call_command("import_kolada", "--file", str(saved), "--municipality", "1489")
    assert KpiValue.objects.filter(unit=org.soc).count() == 4
    assert parse_file(saved)[0].kpi == "U33401"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--kpi", "U33401", "--years", "2018"], "Kommunkoden saknas"),
        (["--kpi", "U33401", "--years", "18", "--municipality", "1489"], "Ogiltigt år"),
        (["--years", "2018", "--municipality", "1489"], "Ange nyckeltal"),
        (["--file", "/nonexistent.json", "--municipality", "1489"], "Filen kan inte läsas"),
    ],
)
def test_bad_arguments_are_explained(settings, args, message):
    settings.KOLADA_MUNICIPALITY = ""
    with pytest.raises(CommandError, match=message):
        call_command("import_kolada", *args)
