from django.urls import path

from . import views

app_name = "pillars"

urlpatterns = [
    path("about/", views.about, name="about"),
    path("calendar.ics", views.calendar_ics, name="calendar"),
    path("groups/<slug:slug>/calendar.ics", views.group_calendar_ics, name="group_calendar"),
    path("pillars/<slug:slug>/", views.pillar_detail, name="pillar_detail"),
    path("groups/<slug:slug>/", views.group_detail, name="group_detail"),
    path("groups/<slug:slug>/edit/", views.group_edit, name="group_edit"),
    path("groups/<slug:slug>/meetings/", views.meeting_list, name="meeting_list"),
    path("groups/<slug:slug>/meetings/new/", views.meeting_create, name="meeting_create"),
    path("groups/<slug:slug>/meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path(
        "groups/<slug:slug>/meetings/<int:pk>/attendance/",
        views.meeting_attendance,
        name="meeting_attendance",
    ),
]
