from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from actionplans import selectors as actionplan_selectors
from pillars.selectors import groups_chaired_by, pillar_list
from reports import selectors as report_selectors

from .health import redis_status


@require_GET
def home(request):
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
def dashboard(request):
    period = actionplan_selectors.open_reporting_period()
    items = actionplan_selectors.dashboard_items(user=request.user, period=period)
    return render(
        request,
        "lip_portal/dashboard.html",
        {
            "reporting_period": period,
            "my_items": items,
            "items_to_report": sum(1 for item in items if item.needs_report),
            "chaired_groups": groups_chaired_by(user=request.user),
        },
    )


@never_cache
@require_GET
def healthz(request):
    """Say whether the database and (when configured) Redis answer."""
    checks = {"database": _database_status(), "redis": redis_status()}
    healthy = all(status in ("ok", "not configured") for status in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks},
        status=200 if healthy else 503,
    )


def _database_status():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return "error"
    return "ok"
