"""PDF rendering with WeasyPrint, from the print templates and the print stylesheet.

The stylesheet is read from the static folder on disk (base_url), never over HTTP, so building a
PDF needs no running web server. WeasyPrint takes the title and language from <title> and
<html lang>, and makes the outline from the h1 to h3 headings.

Every PDF is tagged for PDF/UA-1 (accessible documents): a structure tree built from the HTML
(headings, sections, paragraphs, lists, tables with their captions and header cells, figures),
the document's language (/Lang), its title in the XMP metadata (dc:title) and shown by the reader
(DisplayDocTitle). An inline SVG chart becomes a Figure whose /Alt is the text of its <title>.
WeasyPrint links each data cell to its header cells (/Headers); `_scope_header_cells` adds the
/Scope of each header cell, from its `scope` attribute, as PDF/UA asks of a TH.
"""

from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation

PDF_VARIANT = "pdf/ua-1"
SCOPES = {"row": "/Row", "col": "/Column", "rowgroup": "/Row", "colgroup": "/Column"}


def static_base_url() -> str:
    """The folder holding css/print.css, as WeasyPrint's base_url."""
    found = finders.find("css/print.css")
    if found:
        return str(found).removesuffix("css/print.css")
    return str(settings.BASE_DIR / "static") + "/"


def _boxes(box: Any) -> Iterator[Any]:
    """A laid-out box and every box inside it, without recursion (a long table is deep)."""
    stack = [box]
    while stack:
        box = stack.pop()
        yield box
        stack.extend(getattr(box, "children", ()))


def _scope_header_cells(document: Any, pdf: Any) -> None:
    """WeasyPrint's finisher: give each TH of the structure tree its /Scope (Column or Row).

    WeasyPrint keeps the structure element of each table cell on its box (`mark`)."""
    for page in document.pages:
        for box in _boxes(page._page_box):
            element = getattr(box, "mark", None)
            if element is None or box.element_tag != "th" or "A" not in element:
                continue
            scope = box.element.attrib.get("scope", "col")
            element["A"]["Scope"] = SCOPES.get(scope, "/Column")


def render_pdf(template_name: str, context: dict[str, Any], *, language: str) -> bytes:
    from weasyprint import HTML  # heavy import, kept to the places that build PDFs

    with translation.override(language):
        html = render_to_string(template_name, {**context, "LANGUAGE_CODE": language})
    document = HTML(string=html, base_url=static_base_url())
    pdf: bytes = document.write_pdf(pdf_variant=PDF_VARIANT, finisher=_scope_header_cells)
    return pdf
