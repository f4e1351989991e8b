"""Demo governance for seed_demo: the Council, three steering groups, five action groups,
their members, terms of reference and meetings. Every name and text here is invented.

Memberships and meetings go through the pillars services (the chair-overlap and meeting
validations hold). Groups and terms of reference have no service (staff add them in the back
office, which saves the model): they are written directly.
"""

import datetime
import importlib

from pillars import services
from pillars.models import Group, Meeting, Membership, Pillar, TermsOfReference

D = datetime.date

# slug: (kind, English name, French name, pillar slug, parent slug, formed, sunset, mandate EN, FR)
GROUPS = {
    "council": (
        Group.Kind.COUNCIL,
        "Partnership Council",
        "Conseil du partenariat",
        None,
        None,
        D(2011, 6, 1),
        None,
        "The Council sets the partnership's strategic directions, approves the Community Action "
        "Plan and each annual plan, and speaks for newcomers' needs with governments and "
        "funders.\n\nIts members are leaders of partner organizations and residents with lived "
        "experience of immigration.",
        "Le Conseil fixe les orientations stratégiques du partenariat, approuve le Plan d'action "
        "communautaire et chaque plan annuel, et porte les besoins des nouveaux arrivants auprès "
        "des gouvernements et des bailleurs de fonds.\n\nSes membres sont des dirigeants "
        "d'organismes partenaires et des résidents ayant vécu l'immigration.",
    ),
    "settle-steering-group": (
        Group.Kind.STEERING,
        "Settle Steering Group",
        "Groupe directeur S'établir",
        "settle",
        None,
        D(2011, 9, 1),
        None,
        "Sets priorities and coordinates action on the challenges newcomers meet when they "
        "first arrive: orientation, housing, health, language and access to services.",
        "Fixe les priorités et coordonne l'action sur les défis que rencontrent les nouveaux "
        "arrivants à leur arrivée : orientation, logement, santé, langue et accès aux services.",
    ),
    "work-steering-group": (
        Group.Kind.STEERING,
        "Work Steering Group",
        "Groupe directeur Travailler",
        "work",
        None,
        D(2011, 9, 1),
        None,
        "Brings job seekers' and employers' views together to remove barriers to employment "
        "that matches newcomers' skills, from credential recognition to inclusive hiring.",
        "Réunit les points de vue des chercheurs d'emploi et des employeurs pour lever les "
        "obstacles à un emploi à la hauteur des compétences des nouveaux arrivants, de la "
        "reconnaissance des diplômes à l'embauche inclusive.",
    ),
    "belong-steering-group": (
        Group.Kind.STEERING,
        "Belong Steering Group",
        "Groupe directeur Appartenir",
        "belong",
        None,
        D(2011, 9, 1),
        None,
        "Works for a community where newcomers are accepted and valued: civic participation, "
        "anti-racism, and everyday connections between long-time and new residents.",
        "Travaille à une communauté où les nouveaux arrivants sont acceptés et valorisés : "
        "participation citoyenne, lutte contre le racisme et liens au quotidien entre résidents "
        "de longue date et nouveaux résidents.",
    ),
    "settlement-services-mapping": (
        Group.Kind.ACTION,
        "Settlement Services Mapping Action Group",
        "Groupe d'action Cartographie des services d'établissement",
        None,
        "settle-steering-group",
        D(2025, 9, 1),
        D(2027, 3, 31),
        "Maps the settlement services offered across the region, finds gaps and overlaps, and "
        "publishes a plain-language guide for newcomers and front-line workers.",
        "Dresse la carte des services d'établissement offerts dans la région, repère les lacunes "
        "et les chevauchements, et publie un guide en langage clair pour les nouveaux arrivants "
        "et les intervenants.",
    ),
    "newcomer-housing": (
        Group.Kind.ACTION,
        "Newcomer Housing Action Group",
        "Groupe d'action Logement des nouveaux arrivants",
        None,
        "settle-steering-group",
        D(2024, 4, 1),
        D(2026, 12, 31),
        "Works with landlords, housing providers and settlement agencies so that newcomer "
        "families find safe, affordable homes and know their rights as tenants.",
        "Travaille avec les propriétaires, les fournisseurs de logements et les organismes "
        "d'établissement pour que les familles nouvellement arrivées trouvent un logement sûr "
        "et abordable et connaissent leurs droits de locataires.",
    ),
    "employer-champions": (
        Group.Kind.ACTION,
        "Employer Champions Action Group",
        "Groupe d'action Employeurs champions",
        None,
        "work-steering-group",
        D(2025, 1, 15),
        D(2027, 6, 30),
        "Recruits local employers to share inclusive hiring practices, host mentoring and offer "
        "paid placements to internationally trained professionals.",
        "Recrute des employeurs locaux qui partagent des pratiques d'embauche inclusive, "
        "offrent du mentorat et des stages rémunérés aux professionnels formés à l'étranger.",
    ),
    "anti-racism": (
        Group.Kind.ACTION,
        "Anti-Racism Action Group",
        "Groupe d'action contre le racisme",
        None,
        "belong-steering-group",
        D(2023, 10, 1),
        D(2027, 12, 31),
        "Turns the partnership's anti-racism commitment into practice: training for partners, "
        "reporting of incidents, and an equity review of the partnership itself.",
        "Met en pratique l'engagement antiraciste du partenariat : formation des partenaires, "
        "signalement des incidents et examen de l'équité du partenariat lui-même.",
    ),
    "pandemic-recovery": (
        Group.Kind.ACTION,
        "Pandemic Recovery Action Group",
        "Groupe d'action Relance après la pandémie",
        None,
        "council",
        D(2021, 1, 15),
        D(2023, 6, 30),
        "Coordinated multilingual public health information and emergency supports for "
        "newcomers during the pandemic and the recovery that followed. Its work is complete.",
        "A coordonné l'information de santé publique multilingue et les soutiens d'urgence aux "
        "nouveaux arrivants pendant la pandémie et la relance qui a suivi. Son travail est "
        "terminé.",
    ),
}

C, V, M, L, X = (
    Membership.Role.CHAIR,
    Membership.Role.VICE_CHAIR,
    Membership.Role.MEMBER,
    Membership.Role.STAFF_LIAISON,
    Membership.Role.EX_OFFICIO,
)

# group slug: [(person, role, term start, term end or None)]
MEMBERSHIPS = {
    "council": [
        ("Daniel Whitford", C, D(2019, 1, 1), D(2024, 12, 31)),
        ("Patricia Osei", C, D(2025, 1, 1), None),
        ("Benoît Lavoie", V, D(2023, 1, 1), None),
        ("Mireille Tremblay", M, D(2024, 1, 1), None),
        ("Elena Petrova", M, D(2022, 1, 1), None),
        ("Grace Mensah", M, D(2021, 1, 1), None),
        ("Jasmine Kaur", M, D(2023, 1, 1), None),
        ("Marcus Bell", M, D(2022, 1, 1), None),
        ("Nadia Rahimi", M, D(2024, 1, 1), None),
        ("Olivier Fortin", X, D(2020, 1, 1), None),
        ("Tanya Kowalski", M, D(2021, 1, 1), None),
        ("Julia Novak", M, D(2023, 1, 1), None),
        ("Kwame Asante", M, D(2025, 1, 1), None),
        ("Rosa Delgado", M, D(2024, 1, 1), None),
        ("Samuel Cohen", M, D(2020, 1, 1), None),
        ("Sam Okafor", L, D(2019, 1, 1), None),
        ("Paulina Mazur", M, D(2018, 1, 1), D(2023, 3, 31)),
        ("Linh Nguyen", M, D(2019, 1, 1), D(2024, 12, 31)),
    ],
    "settle-steering-group": [
        ("Amara Diallo", C, D(2024, 1, 1), None),
        ("Rosa Delgado", V, D(2024, 1, 1), None),
        ("Sofia Moreau", M, D(2022, 1, 1), None),
        ("Yusuf Abdi", M, D(2023, 1, 1), None),
        ("Zoé Bélanger", M, D(2023, 1, 1), None),
        ("Isaac Boateng", M, D(2024, 1, 1), None),
        ("Hana Yoshida", M, D(2025, 1, 1), None),
        ("Dina Haile", M, D(2025, 1, 1), None),
        ("Sam Okafor", L, D(2019, 1, 1), None),
        ("Grace Mensah", C, D(2020, 1, 1), D(2023, 12, 31)),
    ],
    "work-steering-group": [
        ("Farhan Siddiqui", C, D(2023, 1, 1), None),
        ("Aaron McLeod", V, D(2024, 1, 1), None),
        ("Quentin Marchand", M, D(2022, 1, 1), None),
        ("Victor Okonkwo", M, D(2023, 1, 1), None),
        ("Wen Zhao", M, D(2022, 1, 1), None),
        ("Chen Wei", M, D(2024, 1, 1), None),
        ("George Papadakis", M, D(2025, 1, 1), None),
        ("Linh Nguyen", M, D(2022, 1, 1), None),
        ("Mohammed Al-Sayed", M, D(2024, 1, 1), None),
        ("Jasmine Kaur", M, D(2020, 1, 1), D(2022, 12, 31)),
    ],
    "belong-steering-group": [
        ("Samuel Cohen", C, D(2024, 1, 1), None),
        ("Usha Pillai", V, D(2024, 1, 1), None),
        ("Carmen Ruiz", M, D(2022, 1, 1), None),
        ("Ibrahim Haddad", M, D(2023, 1, 1), None),
        ("Kwame Asante", M, D(2023, 1, 1), None),
        ("Raj Malhotra", M, D(2024, 1, 1), None),
        ("Kiran Desai", M, D(2025, 1, 1), None),
        ("Laura Fischer", M, D(2025, 1, 1), None),
        ("Noor Khalil", M, D(2023, 1, 1), None),
        ("Ximena Torres", M, D(2024, 1, 1), None),
        ("Hélène Gagnon", M, D(2021, 1, 1), D(2024, 6, 30)),
    ],
    "settlement-services-mapping": [
        ("Priya Raman", C, D(2025, 9, 1), None),
        ("Sofia Moreau", M, D(2025, 9, 1), None),
        ("Amara Diallo", M, D(2025, 9, 1), None),
        ("Raj Malhotra", M, D(2025, 9, 1), None),
        ("Hélène Gagnon", M, D(2025, 9, 1), None),
        ("Dina Haile", M, D(2025, 9, 1), None),
    ],
    "newcomer-housing": [
        ("Yusuf Abdi", C, D(2024, 4, 1), None),
        ("Isaac Boateng", V, D(2024, 4, 1), None),
        ("Beatriz Santos", M, D(2024, 4, 1), None),
        ("Fatima Zahra Benali", M, D(2024, 4, 1), None),
        ("Daniel Whitford", M, D(2024, 4, 1), D(2025, 3, 31)),
    ],
    "employer-champions": [
        ("Jasmine Kaur", C, D(2025, 1, 15), None),
        ("Aaron McLeod", M, D(2025, 1, 15), None),
        ("Chen Wei", M, D(2025, 1, 15), None),
        ("George Papadakis", M, D(2025, 1, 15), None),
        ("Victor Okonkwo", M, D(2025, 1, 15), None),
    ],
    "anti-racism": [
        ("Kwame Asante", C, D(2023, 10, 1), None),
        ("Carmen Ruiz", V, D(2023, 10, 1), None),
        ("Marcus Bell", M, D(2023, 10, 1), None),
        ("Fatima Zahra Benali", M, D(2023, 10, 1), None),
        ("Nadia Rahimi", M, D(2024, 1, 1), None),
        ("Ibrahim Haddad", M, D(2023, 10, 1), None),
    ],
    "pandemic-recovery": [
        ("Grace Mensah", C, D(2021, 1, 15), D(2023, 6, 30)),
        ("Zoé Bélanger", M, D(2021, 1, 15), D(2023, 6, 30)),
        ("Olivier Fortin", M, D(2021, 1, 15), D(2023, 6, 30)),
        ("Patricia Osei", M, D(2021, 1, 15), D(2023, 6, 30)),
        ("Beatriz Santos", M, D(2021, 1, 15), D(2023, 6, 30)),
    ],
}

TERMS_EN = (
    "Purpose. {name} works within the Local Immigration Partnership as set out in its mandate.\n\n"
    "Membership. Members serve two-year terms that may be renewed once. Seats reflect the "
    "sectors and communities the group serves, and at least one seat is held by a resident "
    "with lived experience of immigration.\n\n"
    "Chair. The members choose a chair among themselves for a term of two years. The group "
    "has one chair at a time; a vice-chair replaces the chair when needed.\n\n"
    "Decisions. The group seeks consensus. When a vote is needed, a majority of the members "
    "present decides, with quorum at half of the members plus one.\n\n"
    "Meetings. The group meets at least four times a year. Minutes are published once approved."
)
TERMS_FR = (
    "Objet. {name} travaille au sein du Partenariat local d'immigration selon son mandat.\n\n"
    "Composition. Les membres siègent pour un mandat de deux ans, renouvelable une fois. Les "
    "sièges reflètent les secteurs et les communautés que sert le groupe, et au moins un siège "
    "revient à un résident ayant vécu l'immigration.\n\n"
    "Présidence. Les membres choisissent parmi eux une personne à la présidence pour deux ans. "
    "Le groupe a une seule présidence à la fois; la vice-présidence la remplace au besoin.\n\n"
    "Décisions. Le groupe recherche le consensus. Lorsqu'un vote est nécessaire, la majorité "
    "des membres présents décide; le quorum est de la moitié des membres plus un.\n\n"
    "Réunions. Le groupe se réunit au moins quatre fois par année. Les procès-verbaux sont "
    "publiés une fois approuvés."
)

MEETINGS = [
    (
        "Welcome and introductions. Review of the work plan. Partner updates. Next steps.",
        "Accueil et présentations. Revue du plan de travail. Nouvelles des partenaires. Prochaines "
        "étapes.",
        "Members reviewed the work plan and the progress of each action. Partners shared updates "
        "on demand for services this quarter. Members asked staff to prepare a short summary of "
        "the data gathered so far.",
        "Les membres ont revu le plan de travail et l'avancement de chaque action. Les partenaires "
        "ont fait le point sur la demande de services ce trimestre. Les membres ont demandé au "
        "personnel de préparer un court résumé des données recueillies jusqu'ici.",
        "The work plan is adopted as presented.",
        "Le plan de travail est adopté tel que présenté.",
    ),
    (
        "Summary of the data gathered. Gaps identified by members. Consultation with newcomers.",
        "Résumé des données recueillies. Lacunes relevées par les membres. Consultation des "
        "nouveaux arrivants.",
        "Staff presented the summary. Members discussed the gaps that came up most often and "
        "agreed to hear directly from newcomers before setting priorities. Three partners "
        "offered to host conversation sessions.",
        "Le personnel a présenté le résumé. Les membres ont discuté des lacunes les plus souvent "
        "relevées et ont convenu d'entendre directement les nouveaux arrivants avant de fixer les "
        "priorités. Trois partenaires ont offert d'accueillir des séances de discussion.",
        "A consultation with newcomers will be held before the next meeting.",
        "Une consultation des nouveaux arrivants aura lieu avant la prochaine réunion.",
    ),
    (
        "What we heard from newcomers. Priorities for the coming year. Report to the Council.",
        "Ce que nous avons entendu des nouveaux arrivants. Priorités pour l'année qui vient. "
        "Rapport au Conseil.",
        "Members reviewed what newcomers said in the sessions and agreed on three priorities "
        "for the coming year. The chair will present them to the Council.",
        "Les membres ont revu ce que les nouveaux arrivants ont exprimé lors des séances et se "
        "sont entendus sur trois priorités pour l'année qui vient. La présidence les présentera "
        "au Conseil.",
        "Three priorities are recommended to the Council.",
        "Trois priorités sont recommandées au Conseil.",
    ),
]


def _meeting_dates(group):
    """Three past meetings inside the group's life, and (for active groups) one coming up."""
    start = max(group.formed_on, D(2024, 9, 1))
    end = group.sunset_on or D(2027, 3, 31)
    if group.sunset_on and group.sunset_on < D(2024, 9, 1):
        start = group.formed_on
    past = [start + datetime.timedelta(days=60 * i + 20) for i in range(3)]
    past = [day for day in past if day <= end]
    upcoming = D(2026, 12, 10) if end >= D(2026, 12, 10) else None
    return past, upcoming


def seed_pillars():
    """The three pillars come from a data migration; a flushed test database has lost them."""
    migration = importlib.import_module("pillars.migrations.0002_three_pillars")
    for fields in migration.PILLARS:
        defaults = {key: value for key, value in fields.items() if key != "slug"}
        Pillar.objects.get_or_create(slug=fields["slug"], defaults=defaults)
    return {pillar.slug: pillar for pillar in Pillar.objects.all()}


def seed_governance(*, people, staff):
    """Build the groups, memberships, terms of reference and meetings. Safe to run again."""
    pillars = seed_pillars()
    groups = {}
    for slug, (
        kind,
        name_en,
        name_fr,
        pillar,
        parent,
        formed,
        sunset,
        mandate_en,
        mandate_fr,
    ) in GROUPS.items():
        groups[slug], _created = Group.objects.get_or_create(
            slug=slug,
            defaults={
                "kind": kind,
                "name_en": name_en,
                "name_fr": name_fr,
                "pillar": pillars.get(pillar),
                "parent": groups.get(parent),
                "formed_on": formed,
                "sunset_on": sunset,
                "mandate_en": mandate_en,
                "mandate_fr": mandate_fr,
                "votes_are_public": kind == Group.Kind.COUNCIL,
            },
        )
    for slug, seats in MEMBERSHIPS.items():
        group = groups[slug]
        for name, role, start, end in seats:
            person = people[name]
            seated = Membership.objects.filter(
                group=group, person=person, role=role, term_start=start
            ).exists()
            if not seated:
                services.membership_create(
                    by=staff, group=group, person=person, role=role, term_start=start, term_end=end
                )
    for slug, group in groups.items():
        versions = [1, 2] if slug == "council" else [1]
        for version in versions:
            TermsOfReference.objects.get_or_create(
                group=group,
                version=version,
                defaults={
                    "text_en": TERMS_EN.format(name=group.name_en),
                    "text_fr": TERMS_FR.format(name=group.name_fr),
                    "adopted_on": group.formed_on
                    + datetime.timedelta(days=365 * (version - 1) + 30),
                },
            )
        past, upcoming = _meeting_dates(group)
        held = set(Meeting.objects.filter(group=group).values_list("held_on", flat=True))
        for day, texts in zip(past, MEETINGS, strict=False):
            if day in held:
                continue
            agenda_en, agenda_fr, minutes_en, minutes_fr, decisions_en, decisions_fr = texts
            services.meeting_create(
                by=staff,
                group=group,
                held_on=day,
                is_published=True,
                agenda_en=agenda_en,
                agenda_fr=agenda_fr,
                minutes_en=minutes_en,
                minutes_fr=minutes_fr,
                decisions_en=decisions_en,
                decisions_fr=decisions_fr,
            )
        if upcoming and upcoming not in held:
            services.meeting_create(
                by=staff,
                group=group,
                held_on=upcoming,
                agenda_en="Progress on the work plan. Partner updates. Planning for next year.",
                agenda_fr="Avancement du plan de travail. Nouvelles des partenaires. "
                "Planification de l'an prochain.",
            )
    return groups
