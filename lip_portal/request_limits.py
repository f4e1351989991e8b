"""Requests the portal refuses with a page that says why, never a 500.

A request larger than the settings allow (DATA_UPLOAD_MAX_MEMORY_SIZE,
DATA_UPLOAD_MAX_NUMBER_FIELDS, DATA_UPLOAD_MAX_NUMBER_FILES) answers 413 with the limit it met. An
address (or a cookie: the session key) holding a NUL character answers 400 before any view,
filter or admin list uses it:
PostgreSQL refuses NUL in any text, so such a value would otherwise end in a database error.
(Form fields refuse NUL themselves, each with its own message.)"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.views import defaults


def _limit_message(exception):
    if isinstance(exception, RequestDataTooBig):
        return _(
            "The form sent more text than the portal accepts (%(size)s). Shorten what you "
            "typed and send it again."
        ) % {"size": filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)}
    if isinstance(exception, TooManyFieldsSent):
        return _("The form sent more than %(count)s fields, more than the portal accepts.") % {
            "count": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
        }
    if isinstance(exception, TooManyFilesSent):
        return _("The form sent more than %(count)s files, more than the portal accepts.") % {
            "count": settings.DATA_UPLOAD_MAX_NUMBER_FILES
        }
    return None


class RefuseNulInAddressMiddleware:
    """gunicorn already refuses a NUL in a header; this covers the address, and any server."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        cookies = request.META.get("HTTP_COOKIE", "")
        if "\x00" in request.path_info + query + cookies or "%00" in query:
            message = _(
                "The address or a cookie of this request holds a NUL character (%00), which "
                "the portal cannot read. Check the link and try again."
            )
            return render(request, "400.html", {"message": message}, status=400)
        return self.get_response(request)


def bad_request(request, exception):
    """handler400: the 413 page for a request over a size limit, else the 400 page."""
    message = _limit_message(exception)
    if message is None:
        return defaults.bad_request(request, exception)
    return render(request, "413.html", {"message": message}, status=413)
