import datetime

import factory

from actionplans.models import (
    ActionItem,
    AnnualActionPlan,
    ApprovalStatus,
    CommunityActionPlan,
    Indicator,
    IndicatorValue,
    ReportingPeriod,
    StrategicDirection,
)
from core.fiscal import FiscalYear
from pillars.models import Group, Pillar
from tests.partners.factories import OrganizationFactory

CURRENT = FiscalYear.current()


class CommunityActionPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommunityActionPlan

    title = factory.Sequence(lambda n: f"Community Action Plan {n}")
    first_year = CURRENT.start_year - 4
    last_year = CURRENT.start_year


class StrategicDirectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StrategicDirection

    plan = factory.SubFactory(CommunityActionPlanFactory)
    pillar = factory.LazyFunction(lambda: Pillar.objects.get(slug="work"))
    code = factory.Sequence(lambda n: f"W{n}")
    title = factory.Sequence(lambda n: f"Direction {n}")
    status = ApprovalStatus.APPROVED


class AnnualActionPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AnnualActionPlan
        django_get_or_create = ("fiscal_year",)

    plan = factory.SubFactory(CommunityActionPlanFactory)
    fiscal_year = CURRENT.start_year
    status = ApprovalStatus.APPROVED


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group
        django_get_or_create = ("slug",)

    kind = Group.Kind.STEERING
    name = factory.Sequence(lambda n: f"Steering group {n}")
    slug = factory.Sequence(lambda n: f"steering-group-{n}")
    pillar = factory.LazyFunction(lambda: Pillar.objects.get(slug="work"))


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionItem
        skip_postgeneration_save = True

    annual_plan = factory.SubFactory(AnnualActionPlanFactory)
    strategic_direction = factory.SubFactory(
        StrategicDirectionFactory, plan=factory.SelfAttribute("..annual_plan.plan")
    )
    owning_group = factory.SubFactory(GroupFactory)
    lead_organization = factory.SubFactory(OrganizationFactory)
    title = factory.Sequence(lambda n: f"Action item {n}")
    start_date = factory.LazyAttribute(lambda o: FiscalYear(o.annual_plan.fiscal_year).starts_on)
    target_date = factory.LazyAttribute(lambda o: FiscalYear(o.annual_plan.fiscal_year).ends_on)
    weight = 1

    @factory.post_generation
    def partners(self, create, extracted, **kwargs):
        if create and extracted:
            self.partner_organizations.add(*extracted)

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        # Factories write past the services, as a bulk load does: recompute the roll-ups.
        if create:
            from actionplans import services

            services.rollups_rebuild(annual_plan=instance.annual_plan)


class ReportingPeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportingPeriod
        django_get_or_create = ("fiscal_year", "quarter")

    fiscal_year = CURRENT.start_year
    quarter = 1
    due_date = factory.LazyAttribute(
        lambda o: FiscalYear(o.fiscal_year).quarter_ends_on(o.quarter) + datetime.timedelta(days=15)
    )
    state = ReportingPeriod.State.OPEN


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    plan = factory.SubFactory(CommunityActionPlanFactory)
    name = factory.Sequence(lambda n: f"Indicator {n}")
    unit = "people"
    baseline = 10
    baseline_year = CURRENT.start_year - 3
    target = 50
    target_year = CURRENT.start_year


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    fiscal_year = CURRENT.start_year - 1
    value = 20
