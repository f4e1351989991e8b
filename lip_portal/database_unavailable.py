"""The portal's own 503 page for the moments the database does not answer (a restart, an
upgrade, a lost connection).

The page is rendered from a bare template with no request context, so no context processor,
session or signed-in user touches the database while it is down. Nothing needs resetting
afterwards: the next request opens a fresh connection (CONN_HEALTH_CHECKS without the pool; the
psycopg pool checks each connection it hands out and replaces broken ones).
"""

import logging
import sys

from django.core.exceptions import PermissionDenied
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse
from django.template import loader
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.views import defaults

RETRY_AFTER_SECONDS = 30

logger = logging.getLogger(__name__)


def is_database_unavailable(error):
    """OperationalError: the server refused or dropped the connection, or the pool found none
    in time; InterfaceError: the connection was already closed. The driver's own classes count
    too: closing a server-side cursor (QuerySet.iterator()) raises them unwrapped."""
    driver = connection.Database
    return isinstance(
        error, (OperationalError, InterfaceError, driver.OperationalError, driver.InterfaceError)
    )


def database_unavailable(request, error):
    """The 503 page, in the visitor's language first and the other official language next."""
    logger.warning("Database unavailable (%s %s): %s", request.method, request.path, error)
    first = "fr" if (translation.get_language() or "").startswith("fr") else "en"
    languages = [first, "en" if first == "fr" else "fr"]
    response = HttpResponse(
        loader.render_to_string("503.html", {"languages": languages, "language": first}),
        status=503,
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


class DatabaseUnavailableMiddleware:
    """A database error raised by a view answers the 503 page instead of the 500 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_database_unavailable(exception):
            return database_unavailable(request, exception)
        return None


def server_error(request):
    """handler500. A database error raised outside a view (loading the session or the signed-in
    person in a middleware) gets the same 503 page; any other error the plain 500 page."""
    error = sys.exc_info()[1]
    if is_database_unavailable(error):
        return database_unavailable(request, error)
    return defaults.server_error(request)


class QuietDatabaseOutage(logging.Filter):
    """Log a request that met a database outage in one line, not a traceback per request."""

    def filter(self, record):
        if record.exc_info and is_database_unavailable(record.exc_info[1]):
            record.exc_info = None
            record.exc_text = None
        return True


class QuietRefusal(logging.Filter):
    """Log a refused request (PermissionDenied, answered 403) in one line: the refusal is the
    portal working as meant, and its traceback says nothing an operator needs."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], PermissionDenied):
            record.exc_info = None
            record.exc_text = None
        return True
