from django.urls import path

from . import views

app_name = "practices"

urlpatterns = [
    path("practices/", views.practice_list, name="list"),
    path("practices/<int:pk>/", views.practice_detail, name="detail"),
    path("practices/new/<int:item_pk>/", views.practice_create, name="create"),
    path("practices/<int:pk>/edit/", views.practice_edit, name="edit"),
    path("practices/<int:pk>/review/", views.practice_review, name="review"),
]
