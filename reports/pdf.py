"""PDF rendering with WeasyPrint, from the print templates and the print stylesheet.

The stylesheet is read from the static folder on disk (base_url), never over HTTP, so building a
PDF needs no running web server. WeasyPrint takes the title and language from <title> and
<html lang>, and makes the outline from the h1 to h3 headings.
"""

from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation


def static_base_url() -> str:
    """The folder holding css/print.css, as WeasyPrint's base_url."""
    found = finders.find("css/print.css")
    if found:
        return str(found).removesuffix("css/print.css")
    return str(settings.BASE_DIR / "static") + "/"


def render_pdf(template_name: str, context: dict[str, Any], *, language: str) -> bytes:
    from weasyprint import HTML  # heavy import, kept to the places that build PDFs

    with translation.override(language):
        html = render_to_string(template_name, {**context, "LANGUAGE_CODE": language})
    return HTML(string=html, base_url=static_base_url()).write_pdf()
