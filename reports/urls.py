from django.urls import path

from . import views
from .feeds import ReportFeed

app_name = "reports"

urlpatterns = [
    path("reports/", views.report_list, name="report_list"),
    path("reports/feed.atom", ReportFeed(), name="feed"),
    path("reports/funder/", views.funder_report_list, name="funder_list"),
    path("reports/funder/<int:pk>.csv", views.funder_report_csv, name="funder_csv"),
    path("reports/funder/<int:pk>.pdf", views.funder_report_pdf, name="funder_pdf"),
    path("reports/<fiscal_year:fiscal_year>/", views.report_detail, name="detail"),
    path("reports/<fiscal_year:fiscal_year>.pdf", views.report_pdf, name="pdf"),
    path("reports/<fiscal_year:fiscal_year>/items/", views.report_items, name="items"),
    path(
        "reports/<fiscal_year:fiscal_year>/v<int:number>/items/",
        views.report_items,
        name="version_items",
    ),
    path(
        "reports/<fiscal_year:fiscal_year>/v<int:number>/",
        views.report_detail,
        name="version_detail",
    ),
    path(
        "reports/<fiscal_year:fiscal_year>/v<int:number>.pdf",
        views.report_pdf,
        name="version_pdf",
    ),
    path("reports/<fiscal_year:fiscal_year>/preview/", views.report_preview, name="preview"),
    path("reports/<fiscal_year:fiscal_year>/publish/", views.report_publish, name="publish"),
    path("data/", views.data_index, name="open_data"),
    path("data/popolo.json", views.popolo_data, name="popolo"),
    # The package first: "datapackage.json" would otherwise read as a current dataset's file.
    path("data/datapackage.json", views.data_package, name="data_package"),
    path("data/v<int:major>/datapackage.json", views.data_package, name="versioned_package"),
    path("data/<slug:dataset>.<str:file_format>", views.data_current, name="data_current"),
    path(
        "data/v<int:major>/<slug:dataset>.<str:file_format>",
        views.data_current,
        name="versioned_current",
    ),
    path(
        "data/v<int:major>/<fiscal_year:fiscal_year>/<slug:dataset>.<str:file_format>",
        views.data_download,
        name="versioned_download",
    ),
    path(
        "data/<fiscal_year:fiscal_year>/<slug:dataset>.<str:file_format>",
        views.data_download,
        name="data_download",
    ),
]
