from typing import cast

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from consultations.models import Consultation
from consultations.views import client_address
from pillars.models import Group, Pillar

from . import services, tokens
from .forms import FollowForm, FrequencyForm
from .models import Subscription


def _target(kind: str, pk: int | None) -> services.Target:
    """The public thing a follow form names, or Http404."""
    if kind == Subscription.Kind.REPORTS:
        return None
    model = {"pillar": Pillar, "group": Group, "consultation": Consultation}.get(kind)
    if model is None or pk is None:
        raise Http404
    objects = model._default_manager.all()
    if model is Consultation:
        objects = objects.exclude(status=Consultation.Status.DRAFT)
    target = objects.filter(pk=pk).first()
    if target is None:
        raise Http404
    return cast(services.Target, target)


# No CSRF token: the form sits on anonymous pages that are cached and set no cookie; a forged
# request can only send a confirmation email, as often as the rate limits allow.
@csrf_exempt
@never_cache
@require_POST
def follow(request: HttpRequest) -> HttpResponse:
    form = FollowForm(request.POST)
    if not services.signup_allowed_from(address=client_address(request)):
        return render(request, "following/follow_limited.html", status=429)
    if not form.is_valid():
        return render(request, "following/follow_form_page.html", {"form": form}, status=400)
    data = form.cleaned_data
    target = _target(data["kind"], data["target"])
    services.subscription_request(
        email=data["email"],
        kind=data["kind"],
        target=target,
        frequency=data["frequency"],
        source=data["source"] or request.path,
    )
    return redirect("following:requested")


def requested(request: HttpRequest) -> HttpResponse:
    return render(request, "following/follow_requested.html")


def _bad_link(request: HttpRequest) -> HttpResponse:
    return render(request, "following/link_invalid.html", status=400)


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks (a mail scanner that opens links confirms nothing), or says it is done; POST
    confirms."""
    try:
        if request.method == "POST":
            services.subscription_confirm(token=token)
            return redirect(request.path)
        subscription = services.subscription_from_token(token=token, action="confirm")
    except tokens.BadToken:
        return _bad_link(request)
    if subscription is None:
        return _bad_link(request)
    return render(request, "following/confirm.html", {"subscription": subscription})


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request: HttpRequest, token: str) -> HttpResponse:
    try:
        found = services.subscription_from_token(token=token, action="manage")
        if found is None:
            return render(request, "following/unsubscribed.html")
        subscription = found
        form = FrequencyForm(request.POST or None, initial={"frequency": subscription.frequency})
        status = 200
        if request.method == "POST":
            if form.is_valid():
                services.subscription_set_frequency(
                    token=token, frequency=form.cleaned_data["frequency"]
                )
                return redirect(f"{request.path}?saved=1")
            status = 400
    except tokens.BadToken:
        return _bad_link(request)
    unsubscribe_token = tokens.make(
        action="unsubscribe", subscription_id=subscription.pk, email=subscription.email
    )
    context = {
        "subscription": subscription,
        "form": form,
        "saved": status == 200 and request.GET.get("saved") == "1",
        "unsubscribe_url": reverse("following:unsubscribe", kwargs={"token": unsubscribe_token}),
    }
    return render(request, "following/manage.html", context, status=status)


# RFC 8058: the mail program POSTs "List-Unsubscribe=One-Click" to this address with no cookie
# and no CSRF token; the signed token in the address is the proof. It answers 200, not a
# redirect, which a mail program would not follow.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        if request.method == "POST":
            services.subscription_unsubscribe(token=token)
            return render(request, "following/unsubscribed.html")
        subscription = services.subscription_from_token(token=token, action="unsubscribe")
    except tokens.BadToken:
        return _bad_link(request)
    if subscription is None:
        return render(request, "following/unsubscribed.html")
    return render(
        request, "following/unsubscribe.html", {"subscription": subscription, "token": token}
    )
