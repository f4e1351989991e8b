from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path, register_converter
from django.utils.translation import gettext_lazy as _

from core.fiscal import FiscalYearConverter

from . import views

# /plan/2025-26/, /reports/2025-26/, /about/equity-review/2025-26/ all give views a FiscalYear.
register_converter(FiscalYearConverter, "fiscal_year")

# The admin's own sign-in would sidestep allauth's rate limits (and later MFA): send it there.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]  # wrapped on purpose
admin.site.site_header = _("LIP Portal back office")
admin.site.site_title = _("LIP Portal back office")
admin.site.index_title = _("Run the partnership")

# A database outage met outside a view answers the 503 page too (see the module).
handler500 = "lip_portal.database_unavailable.server_error"
# A request over a size limit (settings DATA_UPLOAD_*) says which one, with status 413.
handler400 = "lip_portal.request_limits.bad_request"

urlpatterns: list[URLPattern | URLResolver] = [
    path("healthz", views.healthz, name="healthz"),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    # Before any other "about/" route, so this more specific prefix wins.
    path("about/equity-review/", include("equity.urls")),
    path("", include("evaluation.urls")),
    path("", include("actionplans.urls")),
    path("consultations/", include("consultations.urls")),
    path("", include("pillars.urls")),
    path("", include("partners.urls")),
    path("", include("approvals.urls")),
    path("", include("practices.urls")),
    path("", include("reports.urls")),
    path("", include("search.urls")),
    path("", include("network.urls")),
    path("follow/", include("following.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=False,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
