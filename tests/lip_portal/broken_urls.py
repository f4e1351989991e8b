"""A URLconf with a view that fails, to see what a visitor gets from an unexpected error."""

from django.urls import path

from lip_portal.urls import urlpatterns as portal_urlpatterns


def failing_view(request):
    raise RuntimeError("secret internal detail: password=hunter2")


urlpatterns = [path("boom/", failing_view), *portal_urlpatterns]
