from django.urls import path

from . import views

app_name = "evaluation"

urlpatterns = [
    # --- The partnership health check ---
    path(
        "about/how-we-work/<fiscal_year:fiscal_year>/health-check/",
        views.health_check_results_page,
        name="health_check_results",
    ),
    path("dashboard/health-check/", views.health_check_answer, name="health_check_answer"),
]
