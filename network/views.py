from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from . import selectors


@require_safe
def network_index(request: HttpRequest) -> HttpResponse:
    """Peer portals side by side with this one, from their stored copies (public, cached per
    language; never fetches)."""
    return render(request, "network/index.html", {"page": selectors.network_page()})
