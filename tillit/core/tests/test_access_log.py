"""The access log never names the sender of an anonymous report (gunicorn logger class)."""

from __future__ import annotations

import datetime
import logging
from types import SimpleNamespace

import pytest
from django.urls import reverse
from gunicorn.config import Config

from tillit.core.access_log import PUBLIC_PREFIX, PrivateAccessLogger

IP, FORWARDED, AGENT = "203.0.113.7", "198.51.100.23", "UniqueAgent/1.0"
FORMAT = '%(h)s %({x-forwarded-for}i)s %(t)s "%(m)s %(U)s" %(s)s %(b)s %(L)s %(a)s'


def log_line(path: str, referer: str = "") -> str:
    cfg = Config()
    cfg.set("accesslog", "-")
    cfg.set("access_log_format", FORMAT)
    logger = PrivateAccessLogger(cfg)
    records: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: records.append(record.getMessage())
    logger.access_log.addHandler(handler)
    environ = {
        "REQUEST_METHOD": "POST",
        "RAW_URI": path,
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": IP,
        "HTTP_USER_AGENT": AGENT,
        "HTTP_REFERER": referer,
    }
    request = SimpleNamespace(headers=[("X-FORWARDED-FOR", FORWARDED), ("USER-AGENT", AGENT)])
    response = SimpleNamespace(status="200 OK", sent=512, headers=[])
    logger.access(response, request, environ, datetime.timedelta(milliseconds=12))
    return records[-1]


@pytest.mark.parametrize(
    ("path", "referer"),
    [
        ("/lamna-synpunkt/", ""),
        ("/lamna-synpunkt/folj-ditt-arende/", ""),
        ("/static/css/tillit.css", "https://tillit.example.se/lamna-synpunkt/"),
    ],
)
def test_public_form_requests_are_logged_without_address_or_agent(path, referer):
    line = log_line(path, referer)
    assert IP not in line and FORWARDED not in line and AGENT not in line
    assert f'"POST {path}" 200 512' in line


def test_other_requests_keep_the_address():
    line = log_line("/handelser/", "https://tillit.example.se/inkorg/")
    assert line.startswith(f"{IP} {FORWARDED} ") and AGENT in line


def test_the_prefix_is_the_public_forms():
    assert reverse("public:report") == PUBLIC_PREFIX


def test_run_script_uses_the_logger_and_logs_no_query_strings():
    from django.conf import settings

    script = (settings.BASE_DIR / "scripts" / "run.sh").read_text()
    assert "--logger-class tillit.core.access_log.PrivateAccessLogger" in script
    assert "%(U)s" in script and "%(r)s" not in script and "%(q)s" not in script
