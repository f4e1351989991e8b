from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from . import selectors
from .forms import SearchForm


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    """The site search: results of the visitor's language, filtered by kind and pillar."""
    form = SearchForm(request.GET or None)
    context: dict[str, object] = {"form": form, "query": ""}
    if form.is_bound and form.is_valid() and form.cleaned_data["q"]:
        data = form.cleaned_data
        page, hits = selectors.search_page(
            query=data["q"],
            language=get_language() or "en",
            kind=data["kind"],
            pillar=data["pillar"],
            page=request.GET.get("page") or 1,
        )
        context.update(searched=True, query=data["q"], search_query=data["q"], page=page, hits=hits)
    return render(request, "search/search.html", context)
