"""The demo's organizations, the people on its groups and its sign-in accounts. Every name here
is invented, and each organization is listed here only: the other demo modules name them by slug.

The portal has no service that creates an organization or a person (staff add them in the back
office, which saves the model): these rows are written directly, as that form would.
"""

from django.utils.text import slugify

from lip_portal.roles import BACKBONE_ROLES, backbone_roles
from partners.models import Organization, User

S = Organization.Sector

# (English name, French name, sector, city, member since (year))
ORGANIZATIONS = [
    (
        "Newcomer Welcome Centre",
        "Centre d'accueil des nouveaux arrivants",
        S.SETTLEMENT,
        "Riverside",
        2011,
    ),
    (
        "Riverside Public Library",
        "Bibliothèque publique de Riverside",
        S.LIBRARY,
        "Riverside",
        2011,
    ),
    (
        "Riverside LIP Backbone Office",
        "Bureau de soutien du PLI de Riverside",
        S.MUNICIPALITY,
        "Riverside",
        2011,
    ),
    (
        "Harbourview Settlement Services",
        "Services d'établissement Harbourview",
        S.SETTLEMENT,
        "Port Alder",
        2012,
    ),
    (
        "Francophone Newcomer Network",
        "Réseau des nouveaux arrivants francophones",
        S.SETTLEMENT,
        "Riverside",
        2014,
    ),
    (
        "Family Resettlement Association",
        "Association de réinstallation des familles",
        S.SETTLEMENT,
        "Millbrook",
        2016,
    ),
    (
        "Valley Employment Services",
        "Services d'emploi de la Vallée",
        S.EMPLOYMENT,
        "Millbrook",
        2012,
    ),
    (
        "Bridging Careers Institute",
        "Institut Passerelles carrières",
        S.EMPLOYMENT,
        "Riverside",
        2013,
    ),
    (
        "Skilled Trades Pathways",
        "Parcours vers les métiers spécialisés",
        S.EMPLOYMENT,
        "Cedar Falls",
        2018,
    ),
    (
        "Language Training Collective",
        "Collectif de formation linguistique",
        S.EMPLOYMENT,
        "Riverside",
        2015,
    ),
    (
        "Riverside District School Board",
        "Conseil scolaire du district de Riverside",
        S.SCHOOL_BOARD,
        "Riverside",
        2011,
    ),
    (
        "Catholic District School Board of the Valley",
        "Conseil scolaire catholique de la Vallée",
        S.SCHOOL_BOARD,
        "Millbrook",
        2012,
    ),
    (
        "Conseil scolaire Rivière-Sud",
        "Conseil scolaire Rivière-Sud",
        S.SCHOOL_BOARD,
        "Riverside",
        2014,
    ),
    ("Riverside Polytechnic", "Polytechnique de Riverside", S.POST_SECONDARY, "Riverside", 2011),
    ("University of the Valley", "Université de la Vallée", S.POST_SECONDARY, "Millbrook", 2013),
    (
        "Community Health Centre of Riverside",
        "Centre de santé communautaire de Riverside",
        S.HEALTH,
        "Riverside",
        2011,
    ),
    (
        "Valley Public Health Unit",
        "Bureau de santé publique de la Vallée",
        S.HEALTH,
        "Millbrook",
        2012,
    ),
    (
        "Newcomer Mental Wellness Clinic",
        "Clinique de mieux-être des nouveaux arrivants",
        S.HEALTH,
        "Riverside",
        2019,
    ),
    ("City of Riverside", "Ville de Riverside", S.MUNICIPALITY, "Riverside", 2011),
    ("Town of Millbrook", "Municipalité de Millbrook", S.MUNICIPALITY, "Millbrook", 2015),
    (
        "Valley Regional Municipality",
        "Municipalité régionale de la Vallée",
        S.MUNICIPALITY,
        "Millbrook",
        2011,
    ),
    (
        "Riverside Police Service",
        "Service de police de Riverside",
        S.POLICE_JUSTICE,
        "Riverside",
        2013,
    ),
    (
        "Community Legal Clinic of the Valley",
        "Clinique juridique communautaire de la Vallée",
        S.POLICE_JUSTICE,
        "Millbrook",
        2014,
    ),
    (
        "Riverside Housing Help Centre",
        "Centre d'aide au logement de Riverside",
        S.HOUSING,
        "Riverside",
        2013,
    ),
    (
        "Cedar Falls Non-Profit Homes",
        "Logements sans but lucratif de Cedar Falls",
        S.HOUSING,
        "Cedar Falls",
        2017,
    ),
    (
        "Millbrook Public Library",
        "Bibliothèque publique de Millbrook",
        S.LIBRARY,
        "Millbrook",
        2016,
    ),
    (
        "Interfaith Council of Riverside",
        "Conseil interconfessionnel de Riverside",
        S.FAITH_CULTURAL,
        "Riverside",
        2012,
    ),
    (
        "Tamil Cultural Association of the Valley",
        "Association culturelle tamoule de la Vallée",
        S.FAITH_CULTURAL,
        "Millbrook",
        2015,
    ),
    (
        "Latin American Community Circle",
        "Cercle communautaire latino-américain",
        S.FAITH_CULTURAL,
        "Riverside",
        2016,
    ),
    (
        "Syrian Canadian Friendship Society",
        "Société d'amitié syro-canadienne",
        S.FAITH_CULTURAL,
        "Riverside",
        2017,
    ),
    (
        "African Heritage Community Hub",
        "Carrefour communautaire du patrimoine africain",
        S.FAITH_CULTURAL,
        "Port Alder",
        2018,
    ),
    (
        "Riverside Chamber of Commerce",
        "Chambre de commerce de Riverside",
        S.EMPLOYER,
        "Riverside",
        2011,
    ),
    (
        "Valley Manufacturers' Association",
        "Association des manufacturiers de la Vallée",
        S.EMPLOYER,
        "Cedar Falls",
        2014,
    ),
    ("Northgate Logistics", "Northgate Logistique", S.EMPLOYER, "Port Alder", 2019),
    ("Riverside Hospitality Group", "Groupe hôtelier de Riverside", S.EMPLOYER, "Riverside", 2020),
    (
        "Riverside Community Foundation",
        "Fondation communautaire de Riverside",
        S.FUNDER,
        "Riverside",
        2012,
    ),
    ("United Way of the Valley", "Centraide de la Vallée", S.FUNDER, "Millbrook", 2011),
    ("Youth Futures Riverside", "Avenir jeunesse Riverside", S.OTHER, "Riverside", 2018),
    ("Seniors Connect Valley", "Aînés branchés de la Vallée", S.OTHER, "Millbrook", 2019),
    ("Riverside Volunteer Centre", "Centre de bénévolat de Riverside", S.OTHER, "Riverside", 2013),
    (
        "Port Alder Literacy Council",
        "Conseil d'alphabétisation de Port Alder",
        S.OTHER,
        "Port Alder",
        2012,
    ),
]

# The sign-in accounts' organizations keep the slugs they were created with.
SLUGS = {"Riverside LIP Backbone Office": "riverside-lip-backbone"}

# A former partner keeps its page: its history in the groups stays readable.
FORMER_PARTNERS = {"port-alder-literacy-council": (2012, 2023)}

DESCRIPTIONS = {
    S.SETTLEMENT: (
        "Helps newcomers in their first years: orientation, needs assessments, referrals and "
        "help with forms and appointments.",
        "Accompagne les nouveaux arrivants dans leurs premières années : orientation, évaluation "
        "des besoins, aiguillage et aide pour les formulaires et les rendez-vous.",
    ),
    S.EMPLOYMENT: (
        "Career coaching, language training for work, bridging programs and connections with "
        "local employers.",
        "Accompagnement professionnel, formation linguistique axée sur l'emploi, programmes "
        "relais et liens avec les employeurs locaux.",
    ),
    S.SCHOOL_BOARD: (
        "Welcomes newcomer students and families, assesses language levels and supports "
        "students through settlement workers in schools.",
        "Accueille les élèves et les familles nouvellement arrivés, évalue leur niveau de langue "
        "et les soutient grâce aux travailleurs d'établissement dans les écoles.",
    ),
    S.POST_SECONDARY: (
        "Offers programs, credential assessment support and research on newcomer outcomes.",
        "Offre des programmes, de l'aide à la reconnaissance des diplômes et de la recherche "
        "sur le parcours des nouveaux arrivants.",
    ),
    S.HEALTH: (
        "Provides primary care, health promotion and mental health services, with interpreters.",
        "Offre des soins primaires, de la promotion de la santé et des services de santé "
        "mentale, avec des interprètes.",
    ),
    S.MUNICIPALITY: (
        "Plans municipal services with newcomers in mind and supports the partnership's work.",
        "Planifie les services municipaux en tenant compte des nouveaux arrivants et soutient "
        "le travail du partenariat.",
    ),
    S.POLICE_JUSTICE: (
        "Works on safety, access to justice and trust between newcomers and public services.",
        "Travaille à la sécurité, à l'accès à la justice et à la confiance entre les nouveaux "
        "arrivants et les services publics.",
    ),
    S.HOUSING: (
        "Helps families find and keep affordable housing and know their rights as tenants.",
        "Aide les familles à trouver et à garder un logement abordable et à connaître leurs "
        "droits de locataires.",
    ),
    S.LIBRARY: (
        "Conversation circles, newcomer collections in many languages and free computer access.",
        "Cercles de conversation, collections pour nouveaux arrivants en plusieurs langues et "
        "accès gratuit aux ordinateurs.",
    ),
    S.FAITH_CULTURAL: (
        "Brings people together through faith, culture and language, and helps newcomers build "
        "friendships and networks.",
        "Rassemble les gens par la foi, la culture et la langue, et aide les nouveaux arrivants "
        "à se faire des amis et un réseau.",
    ),
    S.EMPLOYER: (
        "Connects employers with newcomer talent and promotes inclusive hiring.",
        "Met les employeurs en contact avec les talents nouvellement arrivés et fait la "
        "promotion de l'embauche inclusive.",
    ),
    S.FUNDER: (
        "Funds community projects that help newcomers settle and belong.",
        "Finance des projets communautaires qui aident les nouveaux arrivants à s'établir et "
        "à se sentir chez eux.",
    ),
    S.OTHER: (
        "A community organization that takes part in the partnership's work.",
        "Un organisme communautaire qui participe au travail du partenariat.",
    ),
}


def seed_organizations():
    """About forty invented partner organizations across every sector. Returns them by slug."""
    organizations = {}
    for name_en, name_fr, sector, city, since in ORGANIZATIONS:
        slug = SLUGS.get(name_en) or slugify(name_en)
        description_en, description_fr = DESCRIPTIONS[sector]
        former = FORMER_PARTNERS.get(slug)
        fields = {
            "name_fr": name_fr,
            "sector": sector,
            "city": city,
            "description_en": description_en,
            "description_fr": description_fr,
            "member_since": f"{since}-04-01",
            "member_until": f"{former[1]}-03-31" if former else None,
            "website": f"https://{slug}.example.org/",
        }
        organizations[slug], _created = Organization.objects.get_or_create(
            slug=slug, defaults={"name_en": name_en, **fields}
        )
    return organizations


# (display name, organization slug or None for a resident, preferred language)
PEOPLE = [
    ("Amara Diallo", "harbourview-settlement-services", "fr"),
    ("Benoît Lavoie", "francophone-newcomer-network", "fr"),
    ("Carmen Ruiz", "latin-american-community-circle", "en"),
    ("Daniel Whitford", "city-of-riverside", "en"),
    ("Elena Petrova", "university-of-the-valley", "en"),
    ("Farhan Siddiqui", "valley-employment-services", "en"),
    ("Grace Mensah", "community-health-centre-of-riverside", "en"),
    ("Hélène Gagnon", "conseil-scolaire-riviere-sud", "fr"),
    ("Ibrahim Haddad", "syrian-canadian-friendship-society", "en"),
    ("Jasmine Kaur", "riverside-chamber-of-commerce", "en"),
    ("Kwame Asante", "african-heritage-community-hub", "en"),
    ("Linh Nguyen", "riverside-polytechnic", "en"),
    ("Marcus Bell", "riverside-police-service", "en"),
    ("Nadia Rahimi", None, "en"),
    ("Olivier Fortin", "valley-regional-municipality", "fr"),
    ("Patricia Osei", "united-way-of-the-valley", "en"),
    ("Quentin Marchand", "bridging-careers-institute", "fr"),
    ("Rosa Delgado", "family-resettlement-association", "en"),
    ("Samuel Cohen", "interfaith-council-of-riverside", "en"),
    ("Tanya Kowalski", "riverside-district-school-board", "en"),
    ("Usha Pillai", "tamil-cultural-association-of-the-valley", "en"),
    ("Victor Okonkwo", "skilled-trades-pathways", "en"),
    ("Wen Zhao", "language-training-collective", "en"),
    ("Ximena Torres", None, "en"),
    ("Yusuf Abdi", "riverside-housing-help-centre", "en"),
    ("Zoé Bélanger", "valley-public-health-unit", "fr"),
    ("Aaron McLeod", "valley-manufacturers-association", "en"),
    ("Beatriz Santos", "newcomer-mental-wellness-clinic", "en"),
    ("Chen Wei", "northgate-logistics", "en"),
    ("Dina Haile", None, "en"),
    ("Émile Roy", "catholic-district-school-board-of-the-valley", "fr"),
    ("Fatima Zahra Benali", "community-legal-clinic-of-the-valley", "fr"),
    ("George Papadakis", "riverside-hospitality-group", "en"),
    ("Hana Yoshida", "millbrook-public-library", "en"),
    ("Isaac Boateng", "cedar-falls-non-profit-homes", "en"),
    ("Julia Novak", "riverside-community-foundation", "en"),
    ("Kiran Desai", "youth-futures-riverside", "en"),
    ("Laura Fischer", "seniors-connect-valley", "en"),
    ("Mohammed Al-Sayed", None, "en"),
    ("Noor Khalil", "riverside-volunteer-centre", "en"),
    ("Oscar Lindqvist", "town-of-millbrook", "en"),
    ("Paulina Mazur", "port-alder-literacy-council", "en"),
    ("Raj Malhotra", "riverside-public-library", "en"),
    ("Sofia Moreau", "newcomer-welcome-centre", "fr"),
]


def seed_people(organizations):
    """People who sit on groups. They have no password: staff invite them to sign in."""
    people = {}
    for display_name, organization_slug, language in PEOPLE:
        people[display_name] = person_get_or_create(
            email=slugify(display_name).replace("-", ".") + "@people.demo.lip",
            display_name=display_name,
            organization=organizations[organization_slug] if organization_slug else None,
            preferred_language=language,
        )
    return people


def person_get_or_create(*, email, password=None, **fields):
    """A demo person: with the published password for a sign-in account, else none (staff would
    invite them)."""
    person, created = User.objects.get_or_create(email=email, defaults=fields)
    if created:
        if password:
            person.set_password(password)
        else:
            person.set_unusable_password()
        person.save(update_fields=["password"])
    return person


DEMO_PASSWORD = "demo-lip-2026"  # noqa: S105  (published in the README; DEBUG only)
# The demo accounts that must sign in with a second factor share this authenticator secret
# (published in the README; `manage.py demo_totp` prints the current code).
DEMO_TOTP_SECRET = "LIPDEMOTOTPSECRETFORDEMOONLY2345"  # noqa: S105
DEMO_TOTP_ACCOUNTS = ["staff@demo.lip", "council@demo.lip"]

DEMO_ACCOUNTS = [
    {
        "email": "staff@demo.lip",
        "display_name": "Sam Okafor",
        "is_staff": True,
        # Not a superuser: the demo staff member's powers come from every backbone role.
        "roles": BACKBONE_ROLES,
        "organization": "riverside-lip-backbone",
        "role": "backbone staff",
    },
    {
        "email": "council@demo.lip",
        "display_name": "Mireille Tremblay",
        "preferred_language": "fr",
        "organization": "riverside-public-library",
        "role": "council member",
    },
    {
        "email": "partner@demo.lip",
        "display_name": "Priya Raman",
        "organization": "newcomer-welcome-centre",
        "role": "partner staff",
    },
]


def seed_accounts(organizations=None):
    """The three sign-in accounts, by email; staff@demo.lip holds every backbone role."""
    organizations = organizations or seed_organizations()
    accounts = {}
    for account in DEMO_ACCOUNTS:
        fields = {k: v for k, v in account.items() if k not in ("role", "organization", "roles")}
        fields["organization"] = organizations[account["organization"]]
        accounts[account["email"]] = person_get_or_create(password=DEMO_PASSWORD, **fields)
        if account.get("roles"):
            accounts[account["email"]].groups.add(*backbone_roles(account["roles"]))
    return accounts


def seed_second_factors(accounts):
    """Staff and council members sign in with a second factor: give the demo ones the
    published authenticator secret."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    for email in DEMO_TOTP_ACCOUNTS:
        user = accounts[email]
        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(user, DEMO_TOTP_SECRET)
