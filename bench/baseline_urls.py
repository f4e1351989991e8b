"""One view: a template the size of a portal page, rendered per request, no database."""

from django.shortcuts import render
from django.urls import path

ROWS = [
    {
        "code": f"S{n % 9 + 1}",
        "title": f"Welcome workshops for new arrivals, neighbourhood {n}",
        "lead": f"Partner organization number {n}",
        "status": ["On track", "At risk", "Delayed", "Completed"][n % 4],
        "percent": (n * 7) % 101,
    }
    for n in range(120)
]


def baseline(request):
    return render(request, "bench/baseline.html", {"rows": ROWS})


urlpatterns = [path("", baseline), path("<path:anything>", baseline)]
