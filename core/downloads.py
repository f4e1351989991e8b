"""Files the portal hands out for saving: CSV, JSON and PDF downloads."""

from django.http import HttpResponse
from django.utils.http import content_disposition_header


def attachment(content: bytes | str = b"", *, filename: str, content_type: str) -> HttpResponse:
    """A response that the browser saves as `filename`; a name outside ASCII is sent the way
    RFC 6266 says (filename*=utf-8''…), so it arrives whole."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=filename
    )
    return response
