"""Demo practice library: four published practices drawn from the demo plan's items, with their
populations, languages, outcomes and linked indicators, and one a partner submitted that awaits
staff approval. Everything goes through the practices' services, as the site's pages do."""

from actionplans.models import ActionItem, ApprovalStatus
from partners.models import User
from practices import services
from practices.models import Population, Practice

# (direction code, start of the item's English title, texts, populations, languages, outcome)
PUBLISHED = [
    {
        "code": "S1",
        "item": "Evening and weekend service hours",
        "title": ("Settlement help after work", "De l'aide à l'établissement après le travail"),
        "problem": (
            "Newcomers working day shifts could not reach settlement services open 9 to 5.",
            "Les personnes nouvellement arrivées qui travaillent le jour ne pouvaient pas "
            "joindre des services ouverts de 9 h à 17 h.",
        ),
        "done": (
            "Two agencies opened two evenings a week and Saturday mornings, sharing one "
            "booking line.",
            "Deux organismes ont ouvert deux soirs par semaine et le samedi matin, avec une "
            "seule ligne de réservation.",
        ),
        "results": (
            "The wait for a first appointment fell from 21 to 12 days in three years.",
            "L'attente d'un premier rendez-vous est passée de 21 à 12 jours en trois ans.",
        ),
        "populations": ["all-newcomers", "temporary-foreign-workers"],
        "languages": ["en", "fr", "ar", "es"],
        "outcome": Practice.Outcome.WORKED,
    },
    {
        "code": "S2",
        "item": "Rental search support for large families",
        "title": ("Housing navigators for large families", "Accompagnement au logement"),
        "problem": (
            "Families of six or more were turned away from most rentals.",
            "Les familles de six personnes ou plus étaient refusées par la plupart des "
            "propriétaires.",
        ),
        "done": (
            "A housing navigator met landlords with each family and explained the rent supplement.",
            "Une intervenante en logement rencontrait les propriétaires avec chaque famille et "
            "expliquait le supplément au loyer.",
        ),
        "results": (
            "More families are stably housed each year; landlords now call the centre first.",
            "Plus de familles sont logées de façon stable chaque année; les propriétaires "
            "appellent maintenant le centre en premier.",
        ),
        "populations": ["refugees"],
        "languages": ["en", "ar", "so", "fa"],
        "outcome": Practice.Outcome.PROMISING,
    },
    {
        "code": "W2",
        "item": "Workplace language training",
        "title": ("Language training at the workplace", "Formation linguistique au travail"),
        "problem": (
            "Skilled newcomers left language classes when they found work.",
            "Les personnes nouvellement arrivées qualifiées quittaient les cours de langue dès "
            "qu'elles trouvaient un emploi.",
        ),
        "done": (
            "Employers hosted classes on site, during paid hours.",
            "Des employeurs ont accueilli les cours sur place, pendant les heures payées.",
        ),
        "results": (
            "Placements in jobs matching skills rose, but two employers stopped after a year.",
            "Les placements dans des emplois à la mesure des compétences ont augmenté, mais deux "
            "employeurs ont arrêté après un an.",
        ),
        "populations": ["women", "racialized-newcomers"],
        "languages": ["en", "fr"],
        "outcome": Practice.Outcome.MIXED,
    },
    {
        "code": "B1",
        "item": "Welcoming week celebrations",
        "title": ("A welcoming week led by youth", "Une semaine de l'accueil menée par les jeunes"),
        "problem": (
            "Young newcomers felt the city's events were not for them.",
            "Les jeunes nouvellement arrivés sentaient que les événements de la ville n'étaient "
            "pas pour eux.",
        ),
        "done": (
            "A youth committee chose the week's events and ran a safe-space evening.",
            "Un comité de jeunes a choisi les activités de la semaine et animé une soirée "
            "sécuritaire.",
        ),
        "results": (
            "The first survey since shows a small rise in the sense of belonging.",
            "Le premier sondage depuis montre une légère hausse du sentiment d'appartenance.",
        ),
        "populations": ["youth", "2slgbtqi-newcomers"],
        "languages": ["en", "fr", "uk"],
        "outcome": Practice.Outcome.TOO_EARLY,
    },
]

SUBMITTED = {
    "title": ("Welcome workshops by first language", "Ateliers d'accueil par langue première"),
    "problem": (
        "New arrivals missed key information in workshops held in English only.",
        "Les personnes arrivées récemment manquaient des informations clés dans des ateliers "
        "donnés en anglais seulement.",
    ),
    "done": (
        "Workshops were split by first language, led by trained peer facilitators.",
        "Les ateliers ont été séparés par langue première, animés par des pairs formés.",
    ),
    "results": ("Attendance doubled.", "La participation a doublé."),
    "populations": ["all-newcomers", "francophone-newcomers"],
    "languages": ["en", "fr", "ar", "tl"],
    "outcome": Practice.Outcome.WORKED,
}


def _item(code, title=None, lead_slug=None):
    items = ActionItem.objects.filter(
        strategic_direction__code=code, annual_plan__status=ApprovalStatus.APPROVED
    ).order_by("-annual_plan__fiscal_year", "pk")
    if lead_slug:
        items = items.filter(lead_organization__slug=lead_slug)
    if title:
        items = items.filter(title_en__startswith=title) or items
    return items.select_related("annual_plan", "strategic_direction").first()


def _draft(item, spec, by, contact=None):
    populations = Population.objects.filter(code__in=spec["populations"])
    indicators = item.annual_plan.plan.indicators.filter(
        strategic_direction=item.strategic_direction
    )
    practice = Practice(
        item=item,
        title_en=spec["title"][0],
        title_fr=spec["title"][1],
        problem_en=spec["problem"][0],
        problem_fr=spec["problem"][1],
        what_was_done_en=spec["done"][0],
        what_was_done_fr=spec["done"][1],
        results_en=spec["results"][0],
        results_fr=spec["results"][1],
        languages=spec["languages"],
        outcome=spec["outcome"],
        **(contact or {}),
    )
    return services.practice_save(
        practice=practice, populations=populations, indicators=indicators, by=by
    )


def seed_practices(*, staff: User, partner: User) -> None:
    """Once: the published practices and the one awaiting approval."""
    if Practice.objects.exists():
        return
    services.populations_ensure()
    for spec in PUBLISHED:
        item = _item(spec["code"], spec["item"])
        if item is None:
            continue
        practice = _draft(item, spec, staff)
        services.practice_publish(practice=practice, by=staff)
    organization = partner.organization
    if organization is None:
        return
    item = _item("S1", "Welcome workshops", lead_slug=organization.slug) or (
        ActionItem.objects.filter(
            lead_organization=organization, annual_plan__status=ApprovalStatus.APPROVED
        )
        .select_related("annual_plan", "strategic_direction")
        .order_by("-annual_plan__fiscal_year", "pk")
        .first()
    )
    if item is not None:
        contact = {
            "contact_name": partner.display_name,
            "contact_email": partner.email,
            "contact_consent": True,
        }
        practice = _draft(item, SUBMITTED, partner, contact)
        services.practice_submit(practice=practice, by=partner)
