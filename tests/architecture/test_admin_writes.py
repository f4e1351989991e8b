"""Every write of the back office goes through a service (README, house style): each registered
ModelAdmin and inline that may add, change or delete either hands the write to a service in its
save_model / delete_model / delete_queryset (its inlines: the parent's save_formset), or is read
only. Enumerated from the admin site itself, so a new admin that writes on its own fails here."""

import inspect
import re

import pytest
from django.contrib import admin
from django.contrib.admin.options import InlineModelAdmin
from django.test import RequestFactory

from tests.partners.factories import StaffFactory

pytestmark = pytest.mark.django_db

PROJECT_APPS = (
    "actionplans",
    "approvals",
    "consultations",
    "core",
    "equity",
    "evaluation",
    "following",
    "lip_portal",
    "network",
    "outbox",
    "partners",
    "pillars",
    "practices",
    "reports",
)


def _defined_in_project(admin_class, method):
    """The class that defines `method` for `admin_class` is one of the project's own."""
    for klass in inspect.getmro(admin_class):
        if method in vars(klass):
            return klass.__module__.split(".")[0] in PROJECT_APPS
    return False


@pytest.fixture
def superuser_request(db):
    request = RequestFactory().get("/admin/")
    request.user = StaffFactory(is_superuser=True)
    return request


def _admins():
    return sorted(admin.site._registry.items(), key=lambda pair: pair[0]._meta.label)


@pytest.mark.parametrize(
    ("model", "model_admin"), _admins(), ids=[m._meta.label for m, _ in _admins()]
)
def test_a_model_admin_writes_through_services_or_is_read_only(
    model, model_admin, superuser_request
):
    request = superuser_request
    cls = type(model_admin)
    missing = []
    adds_or_changes = model_admin.has_add_permission(request) or model_admin.has_change_permission(
        request
    )
    if adds_or_changes and not _defined_in_project(cls, "save_model"):
        missing.append("save_model")
    if model_admin.has_delete_permission(request):
        if not _defined_in_project(cls, "delete_model"):
            missing.append("delete_model")
        if "delete_selected" in model_admin.get_actions(request) and not _defined_in_project(
            cls, "delete_queryset"
        ):
            missing.append("delete_queryset")
    assert not missing, f"{cls.__name__} writes without a service: override {missing}"


def _inlines():
    found = []
    for _model, model_admin in _admins():
        for inline_class in model_admin.inlines:
            found.append((model_admin, inline_class))
    return found


@pytest.mark.parametrize(
    ("model_admin", "inline_class"),
    _inlines(),
    ids=[f"{type(p).__name__}.{i.__name__}" for p, i in _inlines()],
)
def test_an_inline_writes_through_its_parents_services_or_is_read_only(
    model_admin, inline_class, superuser_request
):
    request = superuser_request
    inline: InlineModelAdmin = inline_class(model_admin.model, admin.site)
    writes = (
        inline.has_add_permission(request, None)
        or inline.has_change_permission(request, None)
        or (inline.can_delete and inline.has_delete_permission(request, None))
    )
    if not writes:
        return
    parent = type(model_admin)
    assert _defined_in_project(parent, "save_formset"), (
        f"{parent.__name__} saves {inline_class.__name__} without a service: override save_formset"
    )


# What an action must not do itself: write a record (it calls a service for that).
DIRECT_WRITES = re.compile(r"\.(save|delete|update|bulk_create|bulk_update|create)\(")


def _actions():
    found = []
    for model, model_admin in _admins():
        for action in model_admin.actions or ():
            function = getattr(type(model_admin), action) if isinstance(action, str) else action
            function = inspect.unwrap(function)
            if function.__module__.split(".")[0] in PROJECT_APPS:
                found.append((model._meta.label, function))
    return found


@pytest.mark.parametrize(
    ("label", "action"), _actions(), ids=[f"{label}.{a.__name__}" for label, a in _actions()]
)
def test_an_admin_action_writes_nothing_itself(label, action):
    source = inspect.getsource(action)

    assert not DIRECT_WRITES.search(source), f"{label}: {action.__name__} writes without a service"
