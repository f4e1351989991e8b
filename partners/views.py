from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe
from django_filters.views import FilterView

from . import selectors
from .filters import OrganizationFilter
from .models import Organization


class OrganizationListView(FilterView):
    """The public directory of partner organizations: by sector, by group, by name."""

    filterset_class = OrganizationFilter
    template_name = "partners/organization_list.html"
    context_object_name = "organizations"
    paginate_by = 24
    http_method_names = ["get", "head"]

    def get_queryset(self) -> QuerySet[Organization]:
        return selectors.organization_directory()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        # Pagination links keep the filters the visitor chose.
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query_without_page"] = query.urlencode()
        return context


@require_safe
def organization_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organization = selectors.organization_get_public(slug=slug)
    return render(
        request,
        "partners/organization_detail.html",
        # What it leads and supports comes from the action plans, through their template tag.
        {"organization": organization},
    )
