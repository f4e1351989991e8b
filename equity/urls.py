from django.urls import path

from . import views

app_name = "equity"

urlpatterns = [
    path("", views.ReviewListView.as_view(), name="review_list"),
    path("<fiscal_year:fiscal_year>/", views.review_detail, name="review_detail"),
    path("questionnaire/<str:token>/", views.questionnaire, name="questionnaire"),
    path("questionnaire/<str:token>/decline/", views.decline, name="decline"),
    path("questionnaire/<str:token>/withdraw/", views.withdraw, name="withdraw"),
    path("manage/", views.manage_list, name="manage_list"),
    path("manage/<fiscal_year:fiscal_year>/", views.manage_detail, name="manage_detail"),
    path(
        "manage/<fiscal_year:fiscal_year>/<str:transition>/",
        views.manage_transition,
        name="manage_transition",
    ),
]
