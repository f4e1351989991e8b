from django.urls import path

from . import views

app_name = "evaluation"

urlpatterns = [
    path("about/how-we-work/", views.how_we_work, name="how_we_work"),
    path(
        "about/how-we-work/<fiscal_year:fiscal_year>/", views.how_we_work, name="how_we_work_year"
    ),
    path(
        "about/how-we-work/<fiscal_year:fiscal_year>/health-check/",
        views.health_check_results_page,
        name="health_check_results",
    ),
    path("dashboard/health-check/", views.health_check_answer, name="health_check_answer"),
]
