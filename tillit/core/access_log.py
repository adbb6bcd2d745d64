"""gunicorn's access log without the visitor's address where it would identify an anonymous reporter.

A line "203.0.113.7 … POST /lamna-synpunkt/" in the same second as an anonymous report names its
sender. For the public form's paths, and for what its pages load (stylesheets and scripts, known by
their Referer), the address, forwarded addresses, user agent and referer are logged as "-".
Use: `gunicorn --logger-class tillit.core.access_log.PrivateAccessLogger` (see scripts/run.sh).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from gunicorn.glogging import Logger

PUBLIC_PREFIX = "/lamna-synpunkt/"
IDENTIFYING_HEADERS = ("forwarded", "x-forwarded-for", "x-real-ip", "true-client-ip", "cf-connecting-ip")


def is_anonymous(environ: dict) -> bool:
    """A request of the public form's pages, or one made by them."""
    referer_path = urlsplit(environ.get("HTTP_REFERER", "")).path
    return environ.get("PATH_INFO", "").startswith(PUBLIC_PREFIX) or referer_path.startswith(PUBLIC_PREFIX)


def anonymised(atoms: dict) -> dict:
    atoms = dict(atoms)
    atoms.update(h="-", a="-", f="-")
    for key in list(atoms):
        name = key.lower()
        if name == "{remote_addr}e" or any(name == f"{{{header}}}i" for header in IDENTIFYING_HEADERS):
            atoms[key] = "-"
    return atoms


class PrivateAccessLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        return anonymised(atoms) if is_anonymous(environ) else atoms
