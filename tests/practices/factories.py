import factory
from django.utils import timezone

from practices.models import Population, Practice
from practices.services import populations_ensure
from tests.actionplans.factories import ActionItemFactory


def population(code="refugees"):
    populations_ensure()
    return Population.objects.get(code=code)


class PracticeFactory(factory.django.DjangoModelFactory):
    """A practice written past the services, as a bulk load would (pillar and lead organization
    taken from its item)."""

    class Meta:
        model = Practice
        skip_postgeneration_save = True

    item = factory.SubFactory(ActionItemFactory)
    pillar = factory.LazyAttribute(lambda o: o.item.strategic_direction.pillar)
    lead_organization = factory.LazyAttribute(lambda o: o.item.lead_organization)
    title_en = factory.Sequence(lambda n: f"Practice {n}")
    title_fr = factory.Sequence(lambda n: f"Pratique {n}")
    problem_en = "Newcomers waited weeks for a first appointment."
    problem_fr = "Les nouveaux arrivants attendaient des semaines."
    what_was_done_en = "Evening drop-in hours at the library."
    what_was_done_fr = "Des heures d'accueil le soir à la bibliothèque."
    results_en = "Waiting time fell by half."
    results_fr = "L'attente a diminué de moitié."
    outcome = Practice.Outcome.WORKED
    languages = factory.LazyFunction(lambda: ["en", "fr"])
    status = Practice.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def populations(self, create, extracted, **kwargs):
        if create and extracted:
            self.populations.add(*extracted)

    @factory.post_generation
    def indicators(self, create, extracted, **kwargs):
        if create and extracted:
            self.indicators.add(*extracted)
