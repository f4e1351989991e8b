"""A request larger than the settings allow (DATA_UPLOAD_MAX_MEMORY_SIZE,
DATA_UPLOAD_MAX_NUMBER_FIELDS, DATA_UPLOAD_MAX_NUMBER_FILES) answers a page that says which limit
it met, with status 413, instead of the bare "bad request" page."""

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


def bad_request(request, exception):
    """handler400: the 413 page for a request over a size limit, else the 400 page."""
    message = _limit_message(exception)
    if message is None:
        return defaults.bad_request(request, exception)
    return render(request, "413.html", {"message": message}, status=413)
