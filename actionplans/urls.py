from django.urls import path

from . import views
from .feeds import PillarProgressFeed

app_name = "actionplans"

urlpatterns = [
    path("plan/", views.PlanView.as_view(), name="plan"),
    path("pillars/<slug:slug>/progress.atom", PillarProgressFeed(), name="pillar_progress_feed"),
    path("plan/<fiscal_year:fiscal_year>/", views.PlanView.as_view(), name="plan_year"),
    path("actions/<int:pk>/", views.ActionItemDetailView.as_view(), name="item_detail"),
    path("actions/<int:pk>/update/", views.action_item_update, name="item_update"),
    path("reporting/", views.reporting_period_list, name="period_list"),
    path("reporting/<int:pk>/", views.reporting_period_detail, name="period_detail"),
    path("reporting/<int:pk>/export.csv", views.reporting_period_export, name="period_export"),
    path("reporting/<int:pk>/import/", views.reporting_period_import, name="period_import"),
    path("reporting/<int:pk>/open/", views.reporting_period_open, name="period_open"),
    path("reporting/<int:pk>/lock/", views.reporting_period_lock, name="period_lock"),
    path("reporting/<int:pk>/remind/", views.reporting_period_remind, name="period_remind"),
]
