"""Writes for the partners app: organizations (one by one or imported), people's accounts and
their staff roles, invitations, email addresses and second factors.

Each write takes the acting person, `by=`, and checks their permission through `rules`
(partners/rules.py): PermissionDenied when refused, ValidationError when a rule is broken."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.forms.models import model_to_dict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from core.mail import email_send
from core.spreadsheets import Readable, csv_upload_text

from .models import Organization, User

if TYPE_CHECKING:
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator


def _require(by: User | None, permission: str) -> None:
    if by is None or not by.has_perm(permission):
        raise PermissionDenied


def _validated(obj: Organization | User | Group | EmailAddress) -> None:
    """The model's own rules (its constraints, unique fields), as ValidationError: the back
    office's form checked them already; any other caller is held to them here."""
    obj.validate_unique()
    obj.validate_constraints()


# --- Invitations ---------------------------------------------------------------------------


def invitation_url(*, person: User, base_url: str) -> str:
    """The link that lets `person` choose a password: allauth's reset-from-key page, in the
    person's language. It stops working once used (the token covers the password hash)."""
    with translation.override(person.preferred_language or settings.LANGUAGE_CODE):
        path = reverse(
            "account_reset_password_from_key",
            kwargs={
                "uidb36": user_pk_to_url_str(person),
                "key": default_token_generator.make_token(person),
            },
        )
    return base_url.rstrip("/") + path


def person_invite(*, by: User | None, person: User, base_url: str) -> str:
    """Email `person` a link to set their password and sign in (sent once the transaction
    commits, through the task queue). Raises ValidationError for an inactive account.

    `by` is the staff member inviting, who must be allowed to invite people (PermissionDenied
    otherwise); None only for the portal's own callers acting for nobody (the demo seed,
    management commands): a view or the back office always passes the signed-in person."""
    if by is not None:
        _require(by, "partners.invite_person")
    if not person.is_active:
        raise ValidationError(
            _("%(person)s's account is switched off: switch it on before inviting them.")
            % {"person": person}
        )
    url = invitation_url(person=person, base_url=base_url)
    language = person.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "person": person,
            "url": url,
            "portal_name": settings.PORTAL_NAME.get(language, settings.PORTAL_NAME["en"]),
            "valid_days": max(1, int(timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT).days)),
        }
        subject = render_to_string("partners/email/invitation_subject.txt", context).strip()
        body = render_to_string("partners/email/invitation_body.txt", context)
    email_send(subject=subject, body=body, to=person.email, language=language)
    return url


# --- Email address ---------------------------------------------------------------------------


def person_email_verify_current(*, person: User) -> EmailAddress:
    """Record the person's address of record (User.email) as their one verified address.

    Staff open an account for an address they know, and the person chooses their password from
    the link sent there. Recording it lets a change of address wait for the new one's
    confirmation while this one keeps working (allauth would otherwise take an unconfirmed
    current address for the change in progress, and drop it)."""
    from allauth.account.models import EmailAddress

    with transaction.atomic():
        EmailAddress.objects.filter(user=person, primary=True).exclude(
            email__iexact=person.email
        ).update(primary=False)
        address, _created = EmailAddress.objects.update_or_create(
            user=person,
            email__iexact=person.email,
            defaults={"email": person.email.lower(), "verified": True, "primary": True},
        )
    return address


# --- Security changes made by staff ---------------------------------------------------------


def _security_notice_send(*, person: User, by: User, change: str) -> None:
    """Email `person` at once (on commit) that staff member `by` made `change` to their
    account, in the person's language: such a change must never go unnoticed."""
    language = person.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "person": person,
            "by": by,
            "change": change,
            "portal_name": settings.PORTAL_NAME.get(language, settings.PORTAL_NAME["en"]),
            "login_url": settings.PORTAL_BASE_URL + reverse("account_login"),
        }
        subject = render_to_string("partners/email/security_notice_subject.txt", context).strip()
        body = render_to_string("partners/email/security_notice_body.txt", context)
    email_send(subject=subject, body=body, to=person.email, language=language)


def authenticator_remove(*, authenticator: Authenticator, by: User) -> None:
    """Remove a person's second factor on their behalf (a lost phone) and email them at once.

    Removing their authenticator app also removes their recovery codes, which only stand in for
    it; a council member or staff member sets up a new app at their next sign-in (partners
    .middleware.SecondFactorRequiredMiddleware). Staff can remove a second factor, never read
    or change one."""
    from allauth.mfa.models import Authenticator

    _require(by, "partners.remove_second_factor")
    person = authenticator.user
    with transaction.atomic():
        authenticator.delete()
        app_left = Authenticator.objects.filter(user=person).exclude(
            type=Authenticator.Type.RECOVERY_CODES
        )
        if not app_left.exists():
            Authenticator.objects.filter(
                user=person, type=Authenticator.Type.RECOVERY_CODES
            ).delete()
        _security_notice_send(person=person, by=by, change="second_factor_removed")


def authenticator_secrets_rotate() -> int:
    """Re-encrypt every stored second-factor secret under MFA_SECRET_KEY (after a key
    rotation, so the old key can leave MFA_SECRET_KEY_FALLBACKS). Returns how many
    authenticators were rewritten."""
    from allauth.mfa.models import Authenticator

    from .crypto import authenticator_data_map, secret_rotate

    rewritten = 0
    with transaction.atomic():
        authenticators = Authenticator.objects.exclude(type=Authenticator.Type.WEBAUTHN)
        for authenticator in authenticators.select_for_update().iterator():
            data = authenticator_data_map(authenticator.data, authenticator.type, secret_rotate)
            authenticator.data = data
            authenticator.save(update_fields=["data"])
            rewritten += 1
    return rewritten


@transaction.atomic
def person_password_set(*, by: User, person: User, password: str | None) -> None:
    """Set `person`'s password on their behalf in the back office (None turns signing in with
    a password off), and email them at once that staff member `by` did (the person changing
    it themselves is notified by allauth). The password must meet the portal's password rules
    (ValidationError); a superuser's password is set by superusers only."""
    _require(by, "partners.edit_account")
    _superusers_only(by, person)
    if password is None:
        person.set_unusable_password()
    else:
        password_validation.validate_password(password, person)
        person.set_password(password)
    person.save(update_fields=["password"])
    _security_notice_send(person=person, by=by, change="password_set_by_staff")


# --- Importing organizations from CSV -------------------------------------------------------

IMPORT_COLUMNS = [
    "name_en",
    "name_fr",
    "slug",
    "sector",
    "description_en",
    "description_fr",
    "website",
    "city",
    "member_since",
    "member_until",
]


if TYPE_CHECKING:
    _OrganizationForm = forms.ModelForm[Organization]
else:  # ModelForm takes no type argument at run time
    _OrganizationForm = forms.ModelForm


class OrganizationImportRowForm(_OrganizationForm):
    class Meta:
        model = Organization
        fields = IMPORT_COLUMNS


@dataclass
class ImportResult:
    created: int
    updated: int


def _sector_code(value: str | None) -> str:
    """Accept a sector's code or its name in English or French."""
    value = (value or "").strip()
    if not value:
        return Organization.Sector.OTHER
    lowered = value.lower()
    for code, label in Organization.Sector.choices:
        names = {code}
        for language in ("en", "fr"):
            with translation.override(language):
                names.add(str(label).lower())
        if lowered in names:
            return code
    return value  # the form reports it as an invalid choice


def _row_errors(line: int, form: forms.BaseForm) -> list[str]:
    messages: list[str] = []
    for field, errors in form.errors.items():
        for error in errors:
            if field == "__all__":
                messages.append(_("Line %(line)s: %(error)s") % {"line": line, "error": error})
            else:
                messages.append(
                    _("Line %(line)s, column %(column)s: %(error)s")
                    % {"line": line, "column": field, "error": error}
                )
    return messages


def organization_import_csv(*, by: User | None, file: Readable) -> ImportResult:
    """Create or update organizations from a CSV file (UTF-8, a header row naming the columns
    of IMPORT_COLUMNS; name_en is required). Every row is checked first: if any row is bad,
    nothing is imported and the ValidationError lists each problem with its line number.

    `by` is the staff member importing, who must be allowed to add and change organizations
    (PermissionDenied otherwise); None only for the portal's own callers acting for nobody
    (the demo seed, management commands): a view or the back office always passes the
    signed-in person."""
    if by is not None:
        _require(by, "partners.import_organizations")
    text = csv_upload_text(file)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    try:
        header = [name.strip() for name in (reader.fieldnames or [])]
    except csv.Error as error:
        raise ValidationError(_("Line 1: %(error)s") % {"error": error}) from error
    if not header:
        raise ValidationError(_("The file is empty."))
    unknown = [name for name in header if name not in IMPORT_COLUMNS]
    if unknown or "name_en" not in header:
        raise ValidationError(
            _(
                "Line 1: the columns must be among %(allowed)s, with name_en present; "
                "found %(found)s."
            )
            % {"allowed": ", ".join(IMPORT_COLUMNS), "found": ", ".join(header)}
        )
    reader.fieldnames = header

    errors: list[str] = []
    forms_to_save: list[OrganizationImportRowForm] = []
    seen_slugs: dict[str, int] = {}
    existing = {o.slug: o for o in Organization.objects.all()}
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            errors.append(_("Line %(line)s: %(error)s") % {"line": reader.line_num, "error": error})
            break
        line = reader.line_num
        if None in row:
            errors.append(
                _("Line %(line)s: more values than the %(count)s columns of the header.")
                % {"line": line, "count": len(header)}
            )
            continue
        if any(value is None for value in row.values()):
            errors.append(
                _("Line %(line)s: fewer values than the %(count)s columns of the header.")
                % {"line": line, "count": len(header)}
            )
            continue
        data = {key: (value or "").strip() for key, value in row.items()}
        if not any(data.values()):
            continue  # a blank line
        data["slug"] = data.get("slug") or slugify(data.get("name_en", ""))[:200]
        if data["slug"] in seen_slugs:
            errors.append(
                _("Line %(line)s: the slug %(slug)s is already used on line %(other)s.")
                % {"line": line, "slug": data["slug"], "other": seen_slugs[data["slug"]]}
            )
            continue
        seen_slugs[data["slug"]] = line
        instance = existing.get(data["slug"])
        if instance is not None:
            # Columns left out of the file keep their current values.
            current = model_to_dict(instance, fields=IMPORT_COLUMNS)
            for column in IMPORT_COLUMNS:
                if column not in header and column != "slug":
                    data[column] = current[column]
        if "sector" in header or instance is None:
            data["sector"] = _sector_code(data.get("sector"))
        form = OrganizationImportRowForm(data=data, instance=instance)
        if form.is_valid():
            forms_to_save.append(form)
        else:
            errors.extend(_row_errors(line, form))
    if errors:
        raise ValidationError(errors)
    if not forms_to_save:
        raise ValidationError(_("The file has no organizations in it."))

    created = updated = 0
    with transaction.atomic():
        for form in forms_to_save:
            if form.instance.pk:
                updated += 1
            else:
                created += 1
            form.save()
    return ImportResult(created=created, updated=updated)


# --- Organizations, one by one --------------------------------------------------------------


@transaction.atomic
def organization_save(*, by: User, organization: Organization) -> Organization:
    """Add an organization, or save a change to it, as the back office's form gives it."""
    _require(
        by,
        "partners.register_organization"
        if organization.pk is None
        else "partners.edit_organization",
    )
    _validated(organization)
    organization.save()
    return organization


@transaction.atomic
def organization_delete(*, by: User, organization: Organization) -> None:
    """Remove an organization recorded in error (its people stay, without an organization)."""
    _require(by, "partners.remove_organization")
    organization.delete()


# --- People's accounts --------------------------------------------------------------------


def _superusers_only(by: User, person: User, before: User | None = None) -> None:
    """A superuser's account (its password above all) is changed by superusers only."""
    if not by.is_superuser and (
        person.is_superuser or (before is not None and before.is_superuser)
    ):
        raise PermissionDenied


@transaction.atomic
def person_save(
    *,
    by: User,
    person: User,
    roles: Iterable[Group] | None = None,
    permissions: Iterable[Permission] | None = None,
) -> User:
    """Open an account, or save a change to one, as the back office's form gives it (a new
    account's password already set by the form, or left unusable).

    Who is backbone staff and with which roles (`roles`: the person's groups, lip_portal.roles)
    is for those who may give roles; superuser status, permissions given one by one
    (`permissions`) and any change to a superuser's account are for superusers. `roles` and
    `permissions` left None stay as they are."""
    before = None if person.pk is None else User.objects.get(pk=person.pk)
    _require(by, "partners.open_account" if before is None else "partners.edit_account")
    _superusers_only(by, person, before)
    role_list = None if roles is None else list(roles)
    permission_list = None if permissions is None else list(permissions)
    if permission_list is not None and not by.is_superuser:
        held = (
            set() if before is None else set(before.user_permissions.values_list("pk", flat=True))
        )
        if {permission.pk for permission in permission_list} != held:
            raise PermissionDenied
    staff_changes = person.is_staff != (before is not None and before.is_staff)
    if role_list is not None:
        held = set() if before is None else set(before.groups.values_list("pk", flat=True))
        staff_changes = staff_changes or {role.pk for role in role_list} != held
    if staff_changes:
        _require(by, "partners.give_roles")
    _validated(person)
    person.save()
    if role_list is not None:
        person.groups.set(role_list)
    if permission_list is not None:
        person.user_permissions.set(permission_list)
    return person


@transaction.atomic
def person_delete(*, by: User, person: User) -> None:
    """Remove a person's account (a superuser's is removed by superusers only)."""
    _require(by, "partners.remove_account")
    _superusers_only(by, person)
    person.delete()


# --- Staff roles ----------------------------------------------------------------------------


@transaction.atomic
def role_save(*, by: User, role: Group, permissions: Iterable[Permission] | None = None) -> Group:
    """Make a staff role (a Django group, lip_portal.roles), or rename one, and set the
    permissions it grants (`permissions`; None leaves them as they are)."""
    _require(by, "partners.define_role" if role.pk is None else "partners.edit_role")
    permission_list = None if permissions is None else list(permissions)
    _validated(role)
    role.save()
    if permission_list is not None:
        role.permissions.set(permission_list)
    return role


@transaction.atomic
def role_delete(*, by: User, role: Group) -> None:
    """Remove a staff role: whoever held it loses what it granted."""
    _require(by, "partners.remove_role")
    role.delete()


# --- Email addresses, fixed by staff ------------------------------------------------------


@transaction.atomic
def email_address_save(*, by: User, address: EmailAddress) -> EmailAddress:
    """Record an email address of a person's, or correct one (its address, whether it is
    verified, whether it is their primary one), as the back office's form gives it. People
    change their own through allauth's pages."""
    _require(
        by,
        "partners.record_email_address" if address.pk is None else "partners.edit_email_address",
    )
    _validated(address)
    address.save()
    return address


@transaction.atomic
def email_address_delete(*, by: User, address: EmailAddress) -> None:
    """Remove an email address of a person's (the person keeps their account)."""
    _require(by, "partners.remove_email_address")
    address.delete()


@transaction.atomic
def email_address_verify(*, by: User, address: EmailAddress) -> bool:
    """Mark an address as verified on the person's behalf (they showed staff they read it).
    False when allauth refuses it: the same address is verified on another account."""
    _require(by, "partners.edit_email_address")
    return bool(address.set_verified())
