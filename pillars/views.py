from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from core.typing import signed_in_user

from . import selectors, services
from .calendar import meetings_calendar
from .forms import AttendanceForm, GroupPageForm, MeetingForm
from .models import Meeting

CALENDAR_CONTENT_TYPE = "text/calendar; charset=utf-8"


def _meeting_url(request: HttpRequest, meeting: Meeting) -> str:
    path = reverse("pillars:group_detail", args=[meeting.group.slug])
    return request.build_absolute_uri(f"{path}#meeting-{meeting.pk}")


@require_safe
def calendar_ics(request: HttpRequest) -> HttpResponse:
    """Every group's published meetings, as an iCalendar file to subscribe to."""
    content = meetings_calendar(
        key="partnership",
        meetings=selectors.meetings_for_calendar(),
        name=_("Meetings of the partnership"),
        url_of=lambda meeting: _meeting_url(request, meeting),
    )
    return HttpResponse(content, content_type=CALENDAR_CONTENT_TYPE)


@require_safe
def group_calendar_ics(request: HttpRequest, slug: str) -> HttpResponse:
    """One group's published meetings, as an iCalendar file to subscribe to."""
    group = selectors.group_get_for_calendar(slug=slug)
    content = meetings_calendar(
        key=f"group-{group.pk}",
        meetings=selectors.meetings_for_calendar(group=group),
        name=_("Meetings of %(group)s") % {"group": group.name},
        url_of=lambda meeting: _meeting_url(request, meeting),
    )
    return HttpResponse(content, content_type=CALENDAR_CONTENT_TYPE)


@require_safe
def about(request: HttpRequest) -> HttpResponse:
    return render(request, "pillars/about.html", selectors.governance_structure())


@require_safe
def pillar_detail(request: HttpRequest, slug: str) -> HttpResponse:
    pillar, steering_groups = selectors.pillar_get_public(slug=slug)
    return render(
        request,
        "pillars/pillar_detail.html",
        {"pillar": pillar, "steering_groups": steering_groups},
    )


@require_safe
def group_detail(request: HttpRequest, slug: str) -> HttpResponse:
    group = selectors.group_get_public(slug=slug)
    user = request.user
    return render(
        request,
        "pillars/group_detail.html",
        {
            "group": group,
            "can_edit_page": user.is_authenticated
            and user.has_perm("pillars.edit_group_page", group),
            "can_manage_meetings": user.is_authenticated
            and user.has_perm("pillars.manage_group_meetings", group),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def group_edit(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in_user(request)
    group = selectors.group_get_for_edit(user=user, slug=slug)
    if request.method == "POST":
        form = GroupPageForm(request.POST)
        if form.is_valid():
            try:
                services.group_page_update(by=user, group=group, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The group's page is updated."))
                return redirect(group)
    else:
        form = GroupPageForm(
            initial={"mandate_en": group.mandate_en, "mandate_fr": group.mandate_fr}
        )
    return render(request, "pillars/group_form.html", {"group": group, "form": form})


@login_required
@require_safe
def meeting_list(request: HttpRequest, slug: str) -> HttpResponse:
    group = selectors.group_get_for_meetings(user=signed_in_user(request), slug=slug)
    return render(request, "pillars/meeting_list.html", {"group": group})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def meeting_create(request: HttpRequest, slug: str) -> HttpResponse:
    user = signed_in_user(request)
    group = selectors.group_get_for_meetings(user=user, slug=slug)
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_create(by=user, group=group, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The meeting is saved."))
            return redirect("pillars:meeting_list", slug=group.slug)
    return render(request, "pillars/meeting_form.html", {"group": group, "form": form})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def meeting_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    meeting = selectors.meeting_get_for_edit(user=user, slug=slug, pk=pk)
    if request.method == "POST":
        form = MeetingForm(request.POST)
        if form.is_valid():
            try:
                services.meeting_update(by=user, meeting=meeting, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The meeting is saved."))
                return redirect("pillars:meeting_list", slug=meeting.group.slug)
    else:
        form = MeetingForm(initial=MeetingForm.initial_from(meeting))
    return render(
        request,
        "pillars/meeting_form.html",
        {"group": meeting.group, "meeting": meeting, "form": form},
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def meeting_attendance(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Record who attended a meeting: the group's chair or backbone staff."""
    user = signed_in_user(request)
    meeting = selectors.meeting_get_for_attendance(user=user, slug=slug, pk=pk)
    people = services.meeting_expected_people(meeting)
    if request.method == "POST":
        form = AttendanceForm(request.POST, people=people)
        if form.is_valid():
            try:
                services.meeting_attendance_record(
                    by=user, meeting=meeting, attended=form.cleaned_data["attended"]
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The attendance is saved."))
                return redirect("pillars:meeting_list", slug=meeting.group.slug)
    else:
        form = AttendanceForm(
            initial={"attended": sorted(selectors.meeting_attended_ids(meeting))}, people=people
        )
    return render(
        request,
        "pillars/meeting_attendance.html",
        {"group": meeting.group, "meeting": meeting, "form": form, "people": people},
    )
