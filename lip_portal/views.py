from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from actionplans import selectors as actionplan_selectors
from actionplans.models import ItemStatus
from approvals.selectors import open_requests_for_member
from core.typing import signed_in_user
from equity.selectors import open_equity_invitations
from pillars.selectors import groups_chaired_by, pillar_list
from practices import selectors as practice_selectors
from reports import selectors as report_selectors

from .health import portal_health
from .selectors import dashboard_panels


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "lip_portal/home.html",
        {
            "pillars": pillar_list(),
            "latest_report": report_selectors.latest_published_report(),
            # The stored roll-up of this year's plan, not a count over its items.
            "year_at_a_glance": actionplan_selectors.year_at_a_glance(),
        },
    )


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    period = actionplan_selectors.open_reporting_period()
    page, to_report = actionplan_selectors.dashboard_page(
        user=user, period=period, number=request.GET.get("page")
    )
    my_items = page.object_list
    # Labels and addresses made once for the page, not once per row.
    statuses = {value: str(label) for value, label in ItemStatus.choices}
    report_label = gettext(
        'Report progress<span class="visually-hidden"> on %(title)s</span>'
    ).replace("%(title)s", "{title}")
    item_url = reverse("actionplans:item_detail", args=[0]).removesuffix("0/")
    share_url = reverse("practices:create", args=[0]).removesuffix("0/")
    share_label = gettext("Share as a practice")
    for item in my_items:
        leads = bool(user.organization_id) and item.lead_organization_id == user.organization_id
        item.share_url = f"{share_url}{item.pk}/" if leads else ""
        item.share_label = share_label
        item.status_label = statuses[item.status]
        item.url = f"{item_url}{item.pk}/"
        item.update_url = f"{item_url}{item.pk}/update/"
        item.report_label = format_html(report_label, title=item.title)
    panels = dashboard_panels(user=user)
    return render(
        request,
        "lip_portal/dashboard.html",
        {
            "reporting_period": period,
            "my_items": my_items,
            "page_obj": page,
            "items_to_report": to_report,
            "chaired_groups": groups_chaired_by(user=user) if panels["chairs"] else [],
            "open_requests": open_requests_for_member(user=user) if panels["votes"] else [],
            "invitations": list(open_equity_invitations(user)) if panels["equity"] else [],
            "health_check_pending": panels["health_check"],
            "practice_panel": practice_selectors.dashboard_practices(user=user)
            if panels["practices"]
            else {},
        },
    )


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """Whether the portal works: 503 only when it cannot (database down); Redis down is 200,
    "degraded" (lip_portal/health.py)."""
    status, checks = portal_health()
    return JsonResponse(
        {"status": status, "checks": checks}, status=503 if status == "down" else 200
    )
