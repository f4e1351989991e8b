from django.urls import path

from . import views
from .feeds import DecisionFeed

app_name = "approvals"

urlpatterns = [
    path("approvals/<int:pk>/", views.request_detail, name="request_detail"),
    path("approvals/<int:pk>/vote/", views.request_vote, name="request_vote"),
    path("approvals/<int:pk>/conflict/", views.request_declare_conflict, name="request_conflict"),
    path("approvals/<int:pk>/meeting/", views.request_meeting_vote, name="request_meeting_vote"),
    path("decisions/", views.decision_list, name="decision_list"),
    path("decisions/feed.atom", DecisionFeed(), name="decision_feed"),
    path("decisions/<int:pk>/", views.decision_detail, name="decision_detail"),
]
