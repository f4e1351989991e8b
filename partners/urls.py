from django.urls import path

from . import views

app_name = "partners"

urlpatterns = [
    path("partners/", views.OrganizationListView.as_view(), name="organization_list"),
    path("partners/<slug:slug>/", views.organization_detail, name="organization_detail"),
]
