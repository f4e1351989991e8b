import rules
from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth import backends, get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from pillars import models as pillars

from .selectors import person_signs_in_with


class PortalUserMixin:
    """What every request of a signed-in person reads, in as few queries as it can: the person
    with their organization and whether they hold a Council seat today (one query, which the
    second-factor check then reads: pillars.rules.is_council_member); their permissions, their
    own and their roles' together, and only for staff, the only people permissions empower
    (core.rules.staff_granted)."""

    def get_user(self, user_id):
        user_model = get_user_model()
        council_seat = pillars.Membership.objects.active_on(timezone.localdate()).filter(
            person=OuterRef("pk"), group__kind=pillars.Group.Kind.COUNCIL
        )
        try:
            user = (
                user_model._default_manager.select_related("organization")
                .annotate(holds_council_seat=Exists(council_seat))
                .get(pk=user_id)
            )
        except user_model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    def has_perm(self, user_obj, perm, obj=None):
        # A rule's name (each app's rules.py) is answered by the rules backend alone: it is
        # never a Django permission, so reading the person's permissions for it would cost a
        # query for nothing (the header asks partners.open_back_office on every page).
        if rules.perm_exists(perm):
            return False
        return super().has_perm(user_obj, perm, obj)

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not (user_obj.is_staff or user_obj.is_superuser):
            # Staff powers are for staff alone: a permission left on someone who is no longer
            # staff grants nothing, and asking costs no query.
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            if user_obj.is_superuser:
                permissions = Permission.objects.all()
            else:
                own = user_obj.user_permissions.through.objects.filter(user=user_obj)
                roles = Group.permissions.through.objects.filter(group__user=user_obj)
                permissions = Permission.objects.filter(
                    Q(pk__in=own.values("permission_id")) | Q(pk__in=roles.values("permission_id"))
                )
            user_obj._perm_cache = {
                f"{app_label}.{codename}"
                for app_label, codename in permissions.values_list(
                    "content_type__app_label", "codename"
                ).order_by()
            }
        return user_obj._perm_cache


class ModelBackend(PortalUserMixin, backends.ModelBackend):
    """Django's sign-in by password, reading the person as PortalUserMixin does."""


class EmailAuthenticationBackend(PortalUserMixin, AuthenticationBackend):
    """allauth's sign-in by email, refusing an address the person has not confirmed (one they
    asked to change to): it is not yet theirs."""

    def authenticate(self, request, **credentials):
        user = super().authenticate(request, **credentials)
        login = credentials.get("email") or credentials.get("username")
        if user is not None and login and not person_signs_in_with(person=user, email=login):
            return None
        return user
