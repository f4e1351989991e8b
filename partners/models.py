from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from pillars.models import Group, Membership


class Organization(models.Model):
    """A partner organization of the LIP (history and translations: see translation.py)."""

    class Sector(models.TextChoices):
        SETTLEMENT = "settlement", _("Settlement services")
        EMPLOYMENT = "employment", _("Employment and training")
        SCHOOL_BOARD = "school_board", _("School board")
        POST_SECONDARY = "post_secondary", _("Post-secondary")
        HEALTH = "health", _("Health")
        MUNICIPALITY = "municipality", _("Municipality")
        POLICE_JUSTICE = "police_justice", _("Police and justice")
        HOUSING = "housing", _("Housing")
        LIBRARY = "library", _("Library")
        FAITH_CULTURAL = "faith_cultural", _("Faith or cultural association")
        EMPLOYER = "employer", _("Employer or business association")
        FUNDER = "funder", _("Funder")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector, default=Sector.OTHER)
    description = models.TextField(_("short description"), max_length=1000, blank=True)
    website = models.URLField(_("website"), blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    member_since = models.DateField(_("member since"), null=True, blank=True)
    member_until = models.DateField(
        _("member until"),
        null=True,
        blank=True,
        help_text=_("Leave empty while the organization is a partner."),
    )

    if TYPE_CHECKING:
        # modeltranslation swaps in a manager of its own at run time (partners/translation.py).
        objects: ClassVar[models.Manager[Organization]]
        _default_manager: ClassVar[models.Manager[Organization]]
        # Its translated columns, which modeltranslation adds.
        name_en: str | None
        name_fr: str | None
        description_en: str | None
        description_fr: str | None
        # What partners.selectors attaches for its public page.
        current_groups: list[tuple[Group, list[Membership]]]
        is_current: bool

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(member_until__isnull=True)
                | models.Q(member_since__isnull=True)
                | models.Q(member_until__gte=models.F("member_since")),
                name="partners_organization_membership_dates_in_order",
                violation_error_message=_("Membership cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partners:organization_detail", kwargs={"slug": self.slug})

    def is_current_partner(self, today: datetime.date | None = None) -> bool:
        return self.member_until is None or self.member_until >= (today or timezone.localdate())


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields: Any) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields: Any) -> User:
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(
        self, email: str, password: str | None = None, **extra_fields: Any
    ) -> User:
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        if not extra_fields["is_staff"] or not extra_fields["is_superuser"]:
            raise ValueError("A superuser must have is_staff and is_superuser set.")
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, email: str | None) -> User:
        return self.get(email__iexact=email)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in: partner staff, council and group members, backbone staff."""

    class Language(models.TextChoices):
        ENGLISH = "en", _("English")
        FRENCH = "fr", _("French")

    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(_("display name"), max_length=150, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=Language, default=Language.ENGLISH
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        help_text=_("Leave empty for residents who take part in their own name."),
    )
    is_staff = models.BooleanField(
        _("backbone staff"),
        default=False,
        help_text=_("Backbone staff may sign in to the back office."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["display_name", "email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="partners_user_email_ci_unique"),
        ]
        # Giving someone backbone staff roles (groups) is a power apart from editing people.
        permissions = [("assign_roles", "Can give people backbone staff roles")]

    def __str__(self) -> str:
        return self.display_name or self.email

    def clean(self) -> None:
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self) -> str:
        return self.display_name or self.email

    @property
    def public_name(self) -> str:
        """The name public pages show: the display name, never the email address."""
        return self.display_name or str(_("Name not published"))

    def get_short_name(self) -> str:
        return self.display_name or self.email
