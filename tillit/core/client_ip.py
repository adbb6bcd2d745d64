"""The client's address behind a load balancer, for login throttling (django-axes).

With `TRUSTED_PROXY_COUNT = N`, N proxies in front of the app servers each append the address they
received the request from to `X-Forwarded-For`; the client is then the N-th address from the right.
Addresses further left were sent by the client itself and may be forged, so they are never used.
Without proxies (N = 0), or for a request that did not pass them, it is the connection's address.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    remote = request.META.get("REMOTE_ADDR") or None
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < count:
        return remote
    candidate = forwarded[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
