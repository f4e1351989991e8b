"""Demo annual reports: the past fiscal year published (with its PDFs), the current one a draft,
both through the reports services. Invented texts. Idempotent: a report that exists is left as
it is, and a published one is not published again.
"""

from core.fiscal import FiscalYear
from reports import services
from reports.models import AnnualReport

NARRATIVES = {
    "chair_message": (
        "This year our partners turned plans into services people can use. More newcomers found "
        "work that matches their training, and more families found a welcome in our libraries, "
        "schools and community centres. Thank you to every partner, volunteer and resident who "
        "gave their time.",
        "Cette année, nos partenaires ont transformé les plans en services concrets. Plus de "
        "personnes nouvellement arrivées ont trouvé un emploi à la hauteur de leur formation, et "
        "plus de familles ont été accueillies dans nos bibliothèques, nos écoles et nos centres "
        "communautaires. Merci à chaque partenaire, bénévole et résident qui a donné de son temps.",
    ),
    "highlights": (
        "A shared intake form now links settlement, employment and health partners.\n\n"
        "Mentoring circles paired internationally trained professionals with local employers.\n\n"
        "Welcome events reached neighbourhoods where no partner had held one before.",
        "Un formulaire d'accueil commun relie désormais les partenaires de l'établissement, de "
        "l'emploi et de la santé.\n\n"
        "Des cercles de mentorat ont jumelé des professionnels formés à l'étranger avec des "
        "employeurs d'ici.\n\n"
        "Des activités d'accueil ont rejoint des quartiers où aucun partenaire n'en avait tenu.",
    ),
    "whats_next": (
        "Next year we will finish the items that were delayed, extend mentoring to the trades, and "
        "ask newcomers, through a consultation, what still stands in their way.",
        "L'an prochain, nous terminerons les actions retardées, étendrons le mentorat aux métiers "
        "spécialisés et demanderons aux personnes nouvellement arrivées, par une consultation, ce "
        "qui leur fait encore obstacle.",
    ),
}


def _report(fiscal_year, texts, *, by):
    report = AnnualReport.objects.filter(fiscal_year=fiscal_year.start_year).first()
    if report is not None:
        return report
    translations = {}
    for name, (english, french) in texts.items():
        translations[f"{name}_en"] = english
        translations[f"{name}_fr"] = french
    return services.annual_report_create(by=by, fiscal_year=fiscal_year, **translations)


def seed_reports(*, staff):
    """The past year's report, published once by staff (its PDFs built on commit), and this
    year's draft with the chair's message still to write."""
    current = FiscalYear.current()
    past = _report(current.previous(), NARRATIVES, by=staff)
    if not past.versions.exists():
        services.annual_report_publish(report=past, by=staff)
    _report(
        current,
        {
            "highlights": (
                "Drafted from the first quarters' reports; to be completed at year end.",
                "Rédigé à partir des rapports des premiers trimestres; à compléter en fin d'année.",
            )
        },
        by=staff,
    )
