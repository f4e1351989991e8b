"""Demo action plans: a five-year Community Action Plan, two annual plans of about 60 items each,
quarterly progress reports, indicators. Invented names and figures.

Items are added, reporting periods opened and locked, and progress reported through the action
plans services, at the times given to them (`now=`), by the people of the organizations that
lead each item. The plan, its annual plans, the reporting periods' schedule and the indicators
have no service that creates them (staff add them in the back office, which saves the model):
those rows are written directly. Their approvals are Council decisions (demo.approvals).
"""

import datetime
import itertools
import random

from django.utils import timezone

from actionplans import services
from actionplans.models import (
    FINISHED_STATUSES,
    ActionItem,
    AnnualActionPlan,
    CommunityActionPlan,
    Indicator,
    IndicatorValue,
    ItemStatus,
    ProgressUpdate,
    ReportingPeriod,
    StrategicDirection,
)
from core.fiscal import fiscal_quarter_of
from demo.partners import person_get_or_create
from pillars.models import Pillar

PARTNER_SLUG = "newcomer-welcome-centre"

# The organizations (demo.partners) that lead and partner on the plan's items.
LEAD_SLUGS = [
    "newcomer-welcome-centre",
    "riverside-public-library",
    "valley-employment-services",
    "city-of-riverside",
    "riverside-district-school-board",
    "riverside-polytechnic",
    "community-health-centre-of-riverside",
    "riverside-housing-help-centre",
    "riverside-chamber-of-commerce",
    "interfaith-council-of-riverside",
    "francophone-newcomer-network",
    "riverside-police-service",
    "harbourview-settlement-services",
    "youth-futures-riverside",
    "united-way-of-the-valley",
]

DIRECTIONS = [
    (
        "settle",
        "S1",
        "Newcomers find the services they need in their first year",
        "Les nouveaux arrivants trouvent les services dont ils ont besoin dès leur première année",
    ),
    (
        "settle",
        "S2",
        "Affordable, suitable housing for newcomer families",
        "Des logements abordables et convenables pour les familles nouvellement arrivées",
    ),
    (
        "settle",
        "S3",
        "Health care that newcomers can reach and understand",
        "Des soins de santé accessibles et compréhensibles pour les nouveaux arrivants",
    ),
    (
        "work",
        "W1",
        "Credentials and experience from abroad are recognised",
        "Les diplômes et l'expérience acquis à l'étranger sont reconnus",
    ),
    (
        "work",
        "W2",
        "Employers hire and keep newcomer talent",
        "Les employeurs recrutent et retiennent les talents nouvellement arrivés",
    ),
    (
        "work",
        "W3",
        "Newcomer entrepreneurs start and grow businesses",
        "Les entrepreneurs nouvellement arrivés lancent et développent leur entreprise",
    ),
    (
        "belong",
        "B1",
        "Newcomers take part in civic and community life",
        "Les nouveaux arrivants participent à la vie civique et communautaire",
    ),
    (
        "belong",
        "B2",
        "Racism and discrimination are named and reduced",
        "Le racisme et la discrimination sont nommés et réduits",
    ),
    (
        "belong",
        "B3",
        "Francophone newcomers live and grow in French",
        "Les nouveaux arrivants francophones vivent et s'épanouissent en français",
    ),
]

# (direction code, English title, French title); each is delivered in two neighbourhoods.
ITEMS = [
    ("S1", "Welcome workshops for new arrivals", "Ateliers d'accueil pour les nouveaux arrivants"),
    ("S1", "One service map in six languages", "Une carte des services en six langues"),
    (
        "S1",
        "Settlement workers in schools",
        "Travailleuses et travailleurs d'établissement dans les écoles",
    ),
    ("S1", "Evening and weekend service hours", "Services offerts le soir et la fin de semaine"),
    ("S2", "Landlord information sessions", "Séances d'information pour les propriétaires"),
    (
        "S2",
        "Rental search support for large families",
        "Soutien à la recherche de logement pour les grandes familles",
    ),
    (
        "S2",
        "Emergency housing referral protocol",
        "Protocole d'orientation vers le logement d'urgence",
    ),
    (
        "S3",
        "Interpretation in primary care clinics",
        "Interprétation dans les cliniques de soins primaires",
    ),
    ("S3", "Mental health peer circles", "Cercles de soutien par les pairs en santé mentale"),
    (
        "S3",
        "Newcomer health navigation line",
        "Ligne d'orientation en santé pour les nouveaux arrivants",
    ),
    ("W1", "Credential assessment clinics", "Cliniques d'évaluation des diplômes"),
    (
        "W1",
        "Bridging programs for internationally trained nurses",
        "Programmes relais pour les infirmières formées à l'étranger",
    ),
    (
        "W1",
        "Mentoring by professionals in the same field",
        "Mentorat par des professionnels du même domaine",
    ),
    (
        "W2",
        "Inclusive hiring toolkit for employers",
        "Trousse d'embauche inclusive pour les employeurs",
    ),
    (
        "W2",
        "Paid work placements with local firms",
        "Stages rémunérés dans des entreprises locales",
    ),
    ("W2", "Job fair for newcomer talent", "Salon de l'emploi des talents nouvellement arrivés"),
    ("W2", "Workplace language training", "Formation linguistique en milieu de travail"),
    (
        "W3",
        "Start-up coaching for newcomer entrepreneurs",
        "Accompagnement au démarrage pour les entrepreneurs nouvellement arrivés",
    ),
    ("W3", "Micro-loan information sessions", "Séances d'information sur le microcrédit"),
    (
        "W3",
        "Newcomer vendors at the farmers' market",
        "Vendeurs nouvellement arrivés au marché fermier",
    ),
    (
        "B1",
        "Newcomer voices on municipal committees",
        "Voix des nouveaux arrivants aux comités municipaux",
    ),
    (
        "B1",
        "Volunteer matching for newcomer youth",
        "Jumelage bénévole pour les jeunes nouvellement arrivés",
    ),
    ("B1", "Welcoming week celebrations", "Semaine de l'accueil"),
    (
        "B2",
        "Anti-racism training for front-line staff",
        "Formation antiracisme pour le personnel de première ligne",
    ),
    ("B2", "Reporting line for discrimination", "Ligne de signalement de la discrimination"),
    (
        "B2",
        "Public awareness campaign on belonging",
        "Campagne de sensibilisation sur l'appartenance",
    ),
    ("B3", "French-language settlement services", "Services d'établissement en français"),
    ("B3", "Francophone employer network", "Réseau d'employeurs francophones"),
    ("B3", "French-language library programs", "Programmes de bibliothèque en français"),
    ("B3", "Francophone welcome guide", "Guide d'accueil francophone"),
]
PLACES = [("north end", "secteur nord"), ("downtown", "centre-ville")]

NARRATIVES = [
    "Sessions ran as planned; **{n} people** took part this quarter.",
    "Partners met twice and agreed on the next steps:\n\n- confirm the venue\n- recruit volunteers",
    "Attendance was lower than hoped; we are moving sessions to evenings.",
    "Work is on hold while the funding renewal is reviewed.",
    "Feedback from participants was positive; see the [partnership site](https://example.org).",
]

INDICATORS = [
    {
        "order": 1,
        "name": (
            "Newcomers placed in jobs matching their skills",
            "Nouveaux arrivants placés dans un emploi à la mesure de leurs compétences",
        ),
        "unit": ("people", "personnes"),
        "direction": "increase",
        "baseline": 180,
        "target": 320,
        "code": "W2",
        "indicator_code": "employment-matching-skills",
        "yearly": [180, 205, 240, 262],
        "breakdown": {
            "gender": [
                ("Women", "Femmes", 131),
                ("Men", "Hommes", 124),
                ("Another gender", "Autre genre", 3),
                ("Prefer not to say", "Préfère ne pas répondre", 4),
            ],
            "age_band": [
                ("18 to 24", "18 à 24 ans", 41),
                ("25 to 44", "25 à 44 ans", 168),
                ("45 to 64", "45 à 64 ans", 50),
                ("65 and over", "65 ans et plus", 3),
            ],
        },
    },
    {
        "order": 2,
        "name": (
            "Newcomers who feel they belong in Riverside",
            "Nouveaux arrivants qui se sentent chez eux à Riverside",
        ),
        "unit": ("%", "%"),
        "direction": "increase",
        "baseline": 58,
        "target": 70,
        "code": "B1",
        "indicator_code": "sense-of-belonging",
        "counts_people": False,
        "yearly": [58, 61, 63, 66],
    },
    {
        "order": 3,
        "name": (
            "Days to a first settlement appointment",
            "Jours avant un premier rendez-vous d'établissement",
        ),
        "unit": ("days", "jours"),
        "direction": "decrease",
        "baseline": 21,
        "target": 10,
        "code": "S1",
        "indicator_code": "days-to-first-settlement-appointment",
        "counts_people": False,
        "yearly": [21, 18, 15, 12],
    },
    {
        "order": 4,
        "name": (
            "Families helped into stable housing",
            "Familles aidées à trouver un logement stable",
        ),
        "unit": ("families", "familles"),
        "direction": "increase",
        "baseline": 40,
        "target": 90,
        "code": "S2",
        "indicator_code": "families-stably-housed",
        "yearly": [40, 52, 66, 71],
        "breakdown": {
            "immigration_status": [
                ("Permanent residents", "Résidents permanents", 38),
                ("Refugees", "Réfugiés", 26),
                ("Temporary residents", "Résidents temporaires", 4),
                ("Citizens", "Citoyens", 3),
            ],
        },
    },
]


def _reporters(organizations, partner):
    """Someone who reports for each leading organization: the demo partner for the welcome
    centre."""
    reporters = {PARTNER_SLUG: partner}
    for slug in LEAD_SLUGS:
        if slug != PARTNER_SLUG:
            reporters[slug] = person_get_or_create(
                email=f"reports@{slug}.demo.lip",
                display_name=f"{organizations[slug].name_en} reports",
                organization=organizations[slug],
            )
    return reporters


def _community_plan(current):
    first = current.start_year - 4
    plan, _created = CommunityActionPlan.objects.get_or_create(
        first_year=first,
        last_year=current.start_year,
        defaults={
            "title_en": f"Community Action Plan {first}–{current.start_year + 1}",
            "title_fr": f"Plan d'action communautaire {first}–{current.start_year + 1}",
            "summary_en": "Five years of shared work so that newcomers settle, find work that "
            "uses their skills, and belong in Riverside.",
            "summary_fr": "Cinq années de travail commun pour que les nouveaux arrivants "
            "s'établissent, trouvent un emploi à la mesure de leurs compétences et se sentent "
            "chez eux à Riverside.",
        },
    )
    return plan


def _directions(plan, staff):
    """The plan's directions, drafted by staff; the Council approves them (demo.approvals)."""
    pillars = {pillar.slug: pillar for pillar in Pillar.objects.all()}
    directions = {d.code: d for d in plan.directions.all()}
    for pillar, code, title_en, title_fr in DIRECTIONS:
        if code not in directions:
            directions[code] = services.strategic_direction_save(
                by=staff,
                direction=StrategicDirection(
                    plan=plan,
                    code=code,
                    pillar=pillars[pillar],
                    title_en=title_en,
                    title_fr=title_fr,
                ),
            )
    return directions


def _annual_plan(plan, year):
    annual, _created = AnnualActionPlan.objects.get_or_create(
        fiscal_year=year.start_year,
        defaults={
            "plan": plan,
            "summary_en": f"What the partners committed to for fiscal year {year.label}.",
            "summary_fr": f"Les engagements des partenaires pour l'exercice {year.label}.",
        },
    )
    return annual


def _items(annual, year, directions, organizations, groups, rng, staff):
    if annual.items.exists():
        return list(annual.items.order_by("pk"))
    leads = LEAD_SLUGS
    steering = {
        "S": "settle-steering-group",
        "W": "work-steering-group",
        "B": "belong-steering-group",
    }
    items = []
    for index, ((code, title_en, title_fr), (place_en, place_fr)) in enumerate(
        itertools.product(ITEMS, PLACES)
    ):
        # The demo partner leads every seventh item, and partners on many others.
        lead = PARTNER_SLUG if index % 7 == 0 else leads[index % len(leads)]
        start = year.starts_on + datetime.timedelta(days=rng.choice([0, 30, 61, 92]))
        item = services.action_item_save(
            by=staff,
            item=ActionItem(
                annual_plan=annual,
                strategic_direction=directions[code],
                owning_group=groups["council" if index % 11 == 0 else steering[code[0]]],
                lead_organization=organizations[lead],
                title_en=f"{title_en} ({place_en})",
                title_fr=f"{title_fr} ({place_fr})",
                description_en=f"{title_en}, delivered in the {place_en} with partners.",
                description_fr=f"{title_fr}, offert dans le {place_fr} avec des partenaires.",
                start_date=start,
                target_date=year.ends_on - datetime.timedelta(days=rng.choice([0, 31, 61])),
                weight=rng.choice([1, 1, 2, 3]),
            ),
        )
        chosen = set(rng.sample(leads, 2))
        if index % 3 == 1:
            chosen.add(PARTNER_SLUG)
        chosen.discard(lead)
        # The item form's partner list: a many-to-many the form saves after the item.
        item.partner_organizations.set([organizations[slug] for slug in sorted(chosen)])
        items.append(item)
    return items


def _at(day, hour):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _periods(current_year, current_quarter):
    """Every quarter of last year and this one up to now, as staff scheduled them."""
    periods = []
    for year in (current_year.previous(), current_year):
        for quarter in range(1, 5):
            if year == current_year and quarter > current_quarter:
                break
            due = year.quarter_ends_on(quarter) + datetime.timedelta(days=15)
            period, _created = ReportingPeriod.objects.get_or_create(
                fiscal_year=year.start_year, quarter=quarter, defaults={"due_date": due}
            )
            periods.append(period)
    return periods


def _report(period, items, reporters, state, stamped, rng, today, latest_possible, is_current):
    """The quarter's reports on the items of its year: a few missed in a past quarter; in the
    open one, about half still to come (the dashboard flags these)."""
    for item in items:
        status, percent = state.get(item.pk, (ItemStatus.NOT_STARTED, 0))
        if status in FINISHED_STATUSES:
            continue
        if is_current and (item.lead_organization.slug == PARTNER_SLUG or item.pk % 2):
            continue
        if not is_current and rng.random() < 0.08:
            continue
        percent = min(100, percent + rng.choice([10, 15, 20, 25, 30]))
        roll = rng.random()
        if percent == 100:
            status = ItemStatus.COMPLETED
        elif roll < 0.03:
            status = ItemStatus.CANCELLED
        elif roll < 0.12:
            status = ItemStatus.DELAYED
        elif roll < 0.25:
            status = ItemStatus.AT_RISK
        else:
            status = ItemStatus.ON_TRACK
        narrative = rng.choice(NARRATIVES).format(n=rng.randint(8, 60))
        day = min(period.ends_on + datetime.timedelta(days=rng.randint(1, 12)), today)
        # The past happened before now and in order: a report "today" is stamped before the
        # seed ran (else an update made after it would list below it), and after the item's
        # previous report.
        created = min(_at(day, rng.randint(9, 16)), latest_possible)
        if item.pk in stamped and created <= stamped[item.pk]:
            created = stamped[item.pk] + datetime.timedelta(minutes=5)
        stamped[item.pk] = created
        services.progress_update_create(
            item=item,
            author=reporters[item.lead_organization.slug],
            status=status,
            percent=percent,
            narrative=narrative,
            seen_version=item.version,
            period=period,
            now=created,
        )
        state[item.pk] = (status, percent)


def _progress(items, periods, reporters, staff, rng, today):
    """Each quarter in turn: staff open it, the partners report, staff lock it once due; the
    current quarter stays open."""
    if ProgressUpdate.objects.filter(item__in=items).exists():
        return
    by_year = {}
    for item in items:
        by_year.setdefault(item.annual_plan.fiscal_year, []).append(item)
    # An item gets at most eight reports, five minutes apart at the latest: all before now.
    latest_possible = timezone.now() - datetime.timedelta(hours=2)
    state, stamped = {}, {}
    for index, period in enumerate(periods):
        if period.state != ReportingPeriod.State.SCHEDULED:
            continue
        is_current = index == len(periods) - 1
        opened = min(_at(period.starts_on, 9), latest_possible - datetime.timedelta(hours=1))
        period = services.reporting_period_open(period=period, by=staff, now=opened)
        _report(
            period,
            by_year.get(period.fiscal_year, []),
            reporters,
            state,
            stamped,
            rng,
            today,
            latest_possible,
            is_current,
        )
        if not is_current:
            services.reporting_period_lock(period=period, by=staff, now=_at(period.due_date, 17))


def _indicators(plan, directions, current_year):
    if plan.indicators.exists():
        return
    for spec in INDICATORS:
        years = [
            current_year.start_year - len(spec["yearly"]) + i for i in range(len(spec["yearly"]))
        ]
        indicator = Indicator.objects.create(
            plan=plan,
            strategic_direction=directions[spec["code"]],
            name_en=spec["name"][0],
            name_fr=spec["name"][1],
            code=spec["indicator_code"],
            unit_en=spec["unit"][0],
            unit_fr=spec["unit"][1],
            direction=spec["direction"],
            counts_people=spec.get("counts_people", True),
            baseline=spec["baseline"],
            baseline_year=years[0],
            target=spec["target"],
            target_year=plan.last_year,
            order=spec["order"],
        )
        values = [
            IndicatorValue(indicator=indicator, fiscal_year=year, value=value)
            for year, value in zip(years, spec["yearly"], strict=True)
        ]
        for dimension, rows in spec.get("breakdown", {}).items():
            values += [
                IndicatorValue(
                    indicator=indicator,
                    fiscal_year=years[-1],
                    dimension=dimension,
                    value=count,
                    category_en=category_en,
                    category_fr=category_fr,
                )
                for category_en, category_fr, count in rows
            ]
        IndicatorValue.objects.bulk_create(values)


def seed_action_plans(*, organizations, groups, accounts, approve):
    """Build (once) the demo plan and its two latest annual plans with their items; `approve`
    (plan) has the Council approve them; then the quarters' progress and the indicators."""
    rng = random.Random(2026)  # the same demo every time
    today = timezone.localdate()
    staff = accounts["staff@demo.lip"]
    current_year, current_quarter = fiscal_quarter_of(today)
    reporters = _reporters(organizations, accounts["partner@demo.lip"])
    plan = _community_plan(current_year)
    directions = _directions(plan, staff)
    items = []
    for year in (current_year.previous(), current_year):
        annual = _annual_plan(plan, year)
        items += _items(annual, year, directions, organizations, groups, rng, staff)
    approve(plan)
    periods = _periods(current_year, current_quarter)
    items = list(
        ActionItem.objects.filter(pk__in=[item.pk for item in items])
        .select_related("annual_plan", "lead_organization")
        .order_by("pk")
    )
    _progress(items, periods, reporters, staff, rng, today)
    _indicators(plan, directions, current_year)
    return plan
