from django.urls import path

from . import views

app_name = "evaluation"

urlpatterns = [
    path("", views.how_we_work, name="how_we_work"),
    path("<fiscal_year:fiscal_year>/", views.how_we_work, name="how_we_work_year"),
]
