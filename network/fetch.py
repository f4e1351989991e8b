"""A guarded HTTP GET for peers' data packages: the only way the portal reads another server.

An address a staff member typed, or one a peer redirects to, must not turn the portal into a
way to reach what only it can reach (server-side request forgery). So:

- only http and https; the host is resolved and every address it resolves to is checked:
  private, loopback, link-local, multicast, reserved, unspecified and other non-global
  addresses (IPv4 and IPv6, IPv4-mapped included) are refused, unless
  settings.NETWORK_ALLOW_PRIVATE_ADDRESSES, or the address is in
  settings.NETWORK_ALLOWED_ADDRESSES (tests allow 127.0.0.1 only, to serve a peer on loopback);
- the connection goes to the address that was checked (no second lookup an attacker's DNS
  could answer differently), while TLS still verifies the certificate for the host name;
- one deadline for the whole fetch, redirects included (settings.NETWORK_FETCH_TIMEOUT_SECONDS);
- at most settings.NETWORK_MAX_RESPONSE_BYTES read: a larger Content-Length is refused before
  reading, and the body is counted while it streams, so a large answer is never held;
- at most settings.NETWORK_MAX_REDIRECTS redirects, each target checked again;
- no cookies, no credentials (user:password@ in an address is never sent), no proxy from the
  environment, no compression (a small answer cannot unpack into a huge one); a User-Agent
  that names the portal.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import urllib3
from django.conf import settings

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
CHUNK_BYTES = 64 * 1024

# The kinds of failure (Peer.ErrorKind has the same values and says them in plain words).
UNREACHABLE = "unreachable"
TIMEOUT = "timeout"
TOO_LARGE = "too_large"
REFUSED_ADDRESS = "refused_address"
BAD_SCHEME = "bad_scheme"
TOO_MANY_REDIRECTS = "too_many_redirects"


class FetchError(Exception):
    """A fetch that gave nothing usable: `kind` (one of the constants above) and a message."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


@dataclass(frozen=True)
class Fetched:
    url: str  # where the body came from, after any redirects
    content_type: str
    body: bytes


def user_agent() -> str:
    return f"LIP-Portal-network/1.0 (+{settings.PORTAL_BASE_URL}; {settings.PORTAL_NAME['en']})"


def address_allowed(address: str) -> bool:
    """May the portal connect to this IP address?"""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if address in set(getattr(settings, "NETWORK_ALLOWED_ADDRESSES", ())):
        return True
    if settings.NETWORK_ALLOW_PRIVATE_ADDRESSES:
        return True
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or (isinstance(ip, ipaddress.IPv6Address) and ip.is_site_local)
        or not ip.is_global
    )


def _checked_address(host: str, port: int, deadline: float) -> str:
    """Resolve `host` and return the address to connect to; raise FetchError when any of the
    addresses it resolves to is refused (a name that points anywhere private is refused)."""
    if time.monotonic() >= deadline:
        raise FetchError(TIMEOUT, "The deadline passed before the host was resolved.")
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as error:
        raise FetchError(UNREACHABLE, f"The host name {host} could not be resolved.") from error
    addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not addresses:
        raise FetchError(UNREACHABLE, f"The host name {host} has no address.")
    for address in addresses:
        if not address_allowed(address):
            raise FetchError(
                REFUSED_ADDRESS, f"{host} resolves to {address}, a private or local address."
            )
    return addresses[0]


def _remaining(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchError(TIMEOUT, "No complete answer within the time limit.")
    return left


def _one_request(url: str, deadline: float, max_bytes: int) -> tuple[int, str, str, bytes]:
    """GET one URL (no redirect followed): (status, Location, Content-Type, body)."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in {"http", "https"}:
        raise FetchError(BAD_SCHEME, f"Only http and https addresses are read, not {scheme!r}.")
    host = parts.hostname
    if not host:
        raise FetchError(BAD_SCHEME, "The address has no host.")
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError as error:
        raise FetchError(BAD_SCHEME, "The address has an invalid port.") from error
    address = _checked_address(host, port, deadline)
    host_header = f"[{host}]" if ":" in host else host
    if parts.port:
        host_header = f"{host_header}:{parts.port}"
    headers = {
        "Host": host_header,
        "User-Agent": user_agent(),
        "Accept": "application/json, text/csv;q=0.9, */*;q=0.1",
        "Accept-Encoding": "identity",
    }
    left = _remaining(deadline)
    timeout = urllib3.Timeout(connect=left, read=left)
    pool: urllib3.HTTPConnectionPool
    if scheme == "https":
        pool = urllib3.HTTPSConnectionPool(
            address,
            port,
            timeout=timeout,
            retries=False,
            cert_reqs="CERT_REQUIRED",
            server_hostname=host,
            assert_hostname=host,
        )
    else:
        pool = urllib3.HTTPConnectionPool(address, port, timeout=timeout, retries=False)
    target = parts.path or "/"
    if parts.query:
        target = f"{target}?{parts.query}"
    try:
        with pool:
            response = pool.urlopen(
                "GET",
                target,
                headers=headers,
                redirect=False,
                retries=False,
                preload_content=False,
                decode_content=False,
                assert_same_host=False,
                timeout=timeout,
            )
            try:
                status = response.status
                location = response.headers.get("Location", "")
                content_type = response.headers.get("Content-Type", "")
                if status in REDIRECT_STATUSES:
                    return status, location, content_type, b""
                body = _read_body(response, deadline, max_bytes)
            finally:
                response.release_conn()
                response.close()
    except urllib3.exceptions.NewConnectionError as error:  # a TimeoutError in urllib3
        raise FetchError(UNREACHABLE, f"The connection failed: {error}") from error
    except urllib3.exceptions.TimeoutError as error:
        raise FetchError(TIMEOUT, "No complete answer within the time limit.") from error
    except urllib3.exceptions.SSLError as error:
        raise FetchError(UNREACHABLE, f"The secure connection failed: {error}") from error
    except (urllib3.exceptions.HTTPError, OSError) as error:
        raise FetchError(UNREACHABLE, f"The connection failed: {error}") from error
    return status, location, content_type, body


def _read_body(response: urllib3.BaseHTTPResponse, deadline: float, max_bytes: int) -> bytes:
    declared = response.headers.get("Content-Length")
    if declared is not None and declared.strip().isdigit() and int(declared) > max_bytes:
        raise FetchError(
            TOO_LARGE, f"The answer declares {declared} bytes; the limit is {max_bytes}."
        )
    chunks: list[bytes] = []
    received = 0
    while True:
        sock = getattr(getattr(response, "connection", None), "sock", None)
        if sock is not None:
            sock.settimeout(_remaining(deadline))
        chunk = response.read1(CHUNK_BYTES, decode_content=False)
        if not chunk:
            break
        received += len(chunk)
        if received > max_bytes:
            raise FetchError(
                TOO_LARGE, f"The answer is larger than the limit of {max_bytes} bytes."
            )
        chunks.append(chunk)
        _remaining(deadline)
    return b"".join(chunks)


def fetch(url: str, *, max_bytes: int | None = None) -> Fetched:
    """GET `url` under the guards above; raise FetchError. A 2xx answer is returned; any other
    status after the redirects is an error."""
    deadline = time.monotonic() + settings.NETWORK_FETCH_TIMEOUT_SECONDS
    limit = settings.NETWORK_MAX_RESPONSE_BYTES if max_bytes is None else max_bytes
    redirects = 0
    while True:
        status, location, content_type, body = _one_request(url, deadline, limit)
        if status in REDIRECT_STATUSES:
            if not location:
                raise FetchError(UNREACHABLE, f"A redirect (HTTP {status}) with no address.")
            redirects += 1
            if redirects > settings.NETWORK_MAX_REDIRECTS:
                raise FetchError(
                    TOO_MANY_REDIRECTS,
                    f"More than {settings.NETWORK_MAX_REDIRECTS} redirects.",
                )
            url = urljoin(url, location)
            continue
        if not 200 <= status < 300:
            raise FetchError(UNREACHABLE, f"The server answered HTTP {status}.")
        return Fetched(url=url, content_type=content_type, body=body)
