from django.urls import path

from . import views
from .feeds import ConsultationFeed

app_name = "consultations"

urlpatterns = [
    path("", views.consultation_list, name="list"),
    path("feed.atom", ConsultationFeed(), name="feed"),
    path("<slug:slug>/", views.consultation_detail, name="detail"),
    path("<slug:slug>/thanks/", views.consultation_thanks, name="thanks"),
    path("<slug:slug>/results/", views.consultation_results, name="results"),
    path("<slug:slug>/preview/", views.consultation_preview, name="preview"),
    path("<slug:slug>/staff/results/", views.staff_results, name="staff_results"),
    path("<slug:slug>/staff/results.csv", views.staff_results_csv, name="staff_results_csv"),
    path("<slug:slug>/staff/answers/", views.staff_answers, name="staff_answers"),
    path(
        "<slug:slug>/staff/answers/<int:pk>/quote/",
        views.staff_answer_quote,
        name="staff_answer_quote",
    ),
    path("<slug:slug>/staff/enter/", views.staff_entry, name="staff_entry"),
]
