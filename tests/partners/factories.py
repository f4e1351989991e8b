import factory
from django.utils.text import slugify

from partners.models import Organization, User

TEST_PASSWORD = "correct-horse-battery-staple"


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Partner Organization {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    display_name = factory.Faker("name")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        if create:
            instance.save()


def add_second_factor(user, secret=None):
    """Give a person an authenticator app, as council members and staff must have."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    return TOTP.activate(user, secret or generate_totp_secret()).instance


class StaffFactory(UserFactory):
    """A backbone staff account: it holds no power until given roles, e.g.
    `StaffFactory(roles=[REPORTING])` (lip_portal.roles), or `roles=BACKBONE_ROLES` for all."""

    is_staff = True

    # Staff must have a second factor (partners.rules.needs_second_factor): without one, every
    # page sends them to set it up. Pass second_factor=False to build one who has not yet.
    @factory.post_generation
    def second_factor(self, create, extracted, **kwargs):
        if create and extracted is not False:
            add_second_factor(self)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            from lip_portal.roles import backbone_roles

            self.groups.add(*backbone_roles(extracted))


def reauthenticate(client, password=TEST_PASSWORD):
    """Enter the password again, as allauth asks before publishing, changing someone's powers
    or password, or a second factor; the answer holds for five minutes."""
    from django.urls import reverse

    response = client.post(reverse("account_reauthenticate"), {"password": password})
    assert response.status_code == 302, response.text
    return response
