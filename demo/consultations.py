# ruff: noqa: E501  (invented texts read better unbroken)
"""Demo consultations: one open in four languages, one closed with published results.

Invented questions and answers. Each consultation is opened, answered (one response at a time,
at the time it was sent: `now=`), closed and published through the consultations services, and
its quotes chosen through them. A consultation, its questions and the action items it led to
have no service that writes them (staff write them in the back office, which saves the model):
written directly.
"""

import random
from datetime import timedelta

from django.utils import timezone

from actionplans.models import ActionItem
from consultations import services
from consultations.models import AboutYou, Answer, Consultation, Question, Response
from pillars.models import Pillar

OPEN_SLUG = "newcomer-services-2026"
CLOSED_SLUG = "belonging-survey-2025"

OPEN_CONSULTATION = {
    "title": {
        "en": "Newcomer services survey 2026",
        "fr": "Sondage 2026 sur les services aux nouveaux arrivants",
        "ar": "استبيان خدمات القادمين الجدد 2026",
        "es": "Encuesta 2026 sobre los servicios para recién llegados",
    },
    "description": {
        "en": "Tell us which services helped you when you arrived and what is still missing. "
        "It takes about five minutes.",
        "fr": "Dites-nous quels services vous ont aidé à votre arrivée et ce qui manque encore. "
        "Cela prend environ cinq minutes.",
        "ar": "أخبرنا بالخدمات التي ساعدتك عند وصولك وما الذي لا يزال ينقص. يستغرق ذلك نحو خمس دقائق.",
        "es": "Cuéntenos qué servicios le ayudaron cuando llegó y qué falta todavía. "
        "Toma unos cinco minutos.",
    },
    "questions": [
        {
            "kind": Question.Kind.ONE_CHOICE,
            "required": True,
            "text": {
                "en": "Where did you first get help after you arrived?",
                "fr": "Où avez-vous d'abord obtenu de l'aide après votre arrivée?",
                "ar": "أين حصلت على المساعدة أولًا بعد وصولك؟",
                "es": "¿Dónde recibió ayuda por primera vez después de llegar?",
            },
            "choices": {
                "en": [
                    "A settlement agency",
                    "The public library",
                    "A faith community",
                    "Friends or family",
                    "Nowhere yet",
                ],
                "fr": [
                    "Un organisme d'établissement",
                    "La bibliothèque publique",
                    "Une communauté de foi",
                    "Des amis ou la famille",
                    "Nulle part encore",
                ],
                "ar": [
                    "وكالة توطين",
                    "المكتبة العامة",
                    "مجتمع ديني",
                    "الأصدقاء أو العائلة",
                    "لا مكان حتى الآن",
                ],
                "es": [
                    "Una agencia de asentamiento",
                    "La biblioteca pública",
                    "Una comunidad de fe",
                    "Amigos o familia",
                    "En ningún lugar todavía",
                ],
            },
        },
        {
            "kind": Question.Kind.SCALE,
            "required": True,
            "text": {
                "en": "How welcome do you feel in Riverside?",
                "fr": "À quel point vous sentez-vous bienvenu à Riverside?",
                "ar": "إلى أي مدى تشعر بالترحيب في ريفرسايد؟",
                "es": "¿Qué tan bienvenido/a se siente en Riverside?",
            },
        },
        {
            "kind": Question.Kind.SEVERAL_CHOICES,
            "required": False,
            "text": {
                "en": "What makes it hard to find work that uses your skills?",
                "fr": "Qu'est-ce qui rend difficile de trouver un emploi à la hauteur de vos compétences?",
                "ar": "ما الذي يصعّب العثور على عمل يستفيد من مهاراتك؟",
                "es": "¿Qué le dificulta encontrar un trabajo que aproveche sus habilidades?",
            },
            "choices": {
                "en": [
                    "Recognition of my credentials",
                    "No Canadian work experience",
                    "Language",
                    "Childcare",
                    "Transportation",
                ],
                "fr": [
                    "La reconnaissance de mes diplômes",
                    "Aucune expérience de travail au Canada",
                    "La langue",
                    "La garde d'enfants",
                    "Le transport",
                ],
                "ar": [
                    "الاعتراف بشهاداتي",
                    "لا خبرة عمل كندية",
                    "اللغة",
                    "رعاية الأطفال",
                    "المواصلات",
                ],
                "es": [
                    "El reconocimiento de mis títulos",
                    "Sin experiencia laboral canadiense",
                    "El idioma",
                    "El cuidado de los niños",
                    "El transporte",
                ],
            },
        },
        {
            "kind": Question.Kind.LONG_TEXT,
            "required": True,
            "text": {
                "en": "What one change would help newcomers most?",
                "fr": "Quel changement aiderait le plus les personnes nouvellement arrivées?",
                "ar": "ما التغيير الواحد الذي سيساعد القادمين الجدد أكثر من غيره؟",
                "es": "¿Qué cambio ayudaría más a las personas recién llegadas?",
            },
        },
    ],
}

CLOSED_CONSULTATION = {
    "title": {
        "en": "Belonging survey 2025",
        "fr": "Sondage 2025 sur l'appartenance",
        "ar": "استبيان الانتماء 2025",
    },
    "description": {
        "en": "How connected newcomers and long-time residents feel, and where they meet.",
        "fr": "À quel point les nouveaux arrivants et les résidents de longue date se sentent liés, et où ils se rencontrent.",
        "ar": "إلى أي مدى يشعر القادمون الجدد والسكان القدامى بالارتباط، وأين يلتقون.",
    },
    "what_we_did": {
        "en": "The Belong steering group started monthly language cafés at two library branches and "
        "funded a welcome festival with six partner organizations.",
        "fr": "Le groupe directeur Appartenance a lancé des cafés linguistiques mensuels dans deux "
        "succursales de la bibliothèque et financé un festival d'accueil avec six organismes partenaires.",
    },
    "questions": [
        {
            "kind": Question.Kind.SCALE,
            "required": True,
            "text": {
                "en": "How much do you feel you belong in Riverside?",
                "fr": "À quel point sentez-vous que vous appartenez à Riverside?",
                "ar": "إلى أي مدى تشعر بالانتماء إلى ريفرسايد؟",
            },
        },
        {
            "kind": Question.Kind.ONE_CHOICE,
            "required": True,
            "text": {
                "en": "Where do you most often meet people outside your family?",
                "fr": "Où rencontrez-vous le plus souvent des gens en dehors de votre famille?",
                "ar": "أين تلتقي غالبًا بأشخاص من خارج عائلتك؟",
            },
            "choices": {
                "en": [
                    "At work",
                    "At school",
                    "At a place of worship",
                    "In a community group",
                    "Rarely anywhere",
                ],
                "fr": [
                    "Au travail",
                    "À l'école",
                    "Dans un lieu de culte",
                    "Dans un groupe communautaire",
                    "Rarement nulle part",
                ],
                "ar": [
                    "في العمل",
                    "في المدرسة",
                    "في مكان العبادة",
                    "في مجموعة مجتمعية",
                    "نادرًا في أي مكان",
                ],
            },
        },
        {
            "kind": Question.Kind.SEVERAL_CHOICES,
            "required": False,
            "text": {
                "en": "Which events would you attend?",
                "fr": "À quels événements participeriez-vous?",
                "ar": "ما الفعاليات التي ستحضرها؟",
            },
            "choices": {
                "en": ["Festivals", "Sports", "Language cafés", "Volunteer days"],
                "fr": [
                    "Des festivals",
                    "Des sports",
                    "Des cafés linguistiques",
                    "Des journées de bénévolat",
                ],
                "ar": ["المهرجانات", "الرياضة", "مقاهي اللغة", "أيام التطوع"],
            },
        },
        {
            "kind": Question.Kind.LONG_TEXT,
            "required": False,
            "text": {
                "en": "What would help you feel more at home here?",
                "fr": "Qu'est-ce qui vous aiderait à vous sentir davantage chez vous ici?",
                "ar": "ما الذي سيساعدك على الشعور بأنك في بيتك هنا أكثر؟",
            },
        },
    ],
}

DEMO_TEXT_ANSWERS = [
    ("en", "Evening English classes near the bus routes, so people who work days can come."),
    ("en", "A neighbour who says hello. Small things matter more than programs."),
    ("en", "More events where long-time residents and newcomers actually cook together."),
    ("fr", "Des activités en français pour les familles, surtout le samedi."),
    ("fr", "Un guide simple des services, traduit dans plusieurs langues."),
    ("ar", "مكان يلتقي فيه الآباء بينما يلعب الأطفال، مع مترجم أحيانًا."),
    ("ar", "معرفة من أسأل عندما لا أفهم رسالة من المدرسة."),
    ("en", "Employers who call back, even to say no."),
    ("en", "Free passes to the pool and the museum during the first year."),
    ("fr", "Du mentorat avec des gens qui travaillent dans mon domaine."),
]

CLOSED_RESPONSES = 320


def questions_create(consultation, questions):
    """The consultation's questions, in order, as staff write them in the back office."""
    Question.objects.bulk_create(
        Question(
            consultation=consultation,
            order=order,
            kind=question["kind"],
            required=question["required"],
            text=question["text"],
            choices=question.get("choices", {}),
        )
        for order, question in enumerate(questions, start=1)
    )


def _consultation(spec, *, staff, **fields):
    """A draft consultation and its questions, as staff write them; then opened."""
    consultation = Consultation.objects.create(
        title=spec["title"], description=spec["description"], **fields
    )
    questions_create(consultation, spec["questions"])
    return services.consultation_set_status(
        by=staff, consultation=consultation, status=Consultation.Status.OPEN
    )


def _about(rng):
    # Most people answer; some prefer not to say or skip the question.
    about = {}
    for field, codes in AboutYou.FIELDS.items():
        roll = rng.random()
        if roll < 0.1:
            about[field] = ""
        elif roll < 0.17:
            about[field] = AboutYou.PREFER_NOT
        else:
            about[field] = rng.choice(codes[: max(3, len(codes) - 2)])
    return about


def _answers(questions, rng):
    answers = {}
    for question in questions:
        if not question.required and rng.random() < 0.3:
            continue
        if question.kind == Question.Kind.SCALE:
            answers[question.pk] = [str(rng.choice([1, 2, 3, 3, 4, 4, 4, 5, 5]))]
        elif question.kind == Question.Kind.ONE_CHOICE:
            keys = question.choice_keys()
            answers[question.pk] = [rng.choice(keys + keys[:2])]
        elif question.kind == Question.Kind.SEVERAL_CHOICES:
            answers[question.pk] = rng.sample(question.choice_keys(), rng.randint(1, 3))
        else:
            answers[question.pk] = [rng.choice(DEMO_TEXT_ANSWERS)[1]]
    return answers


def _responses_submit(consultation, count, rng):
    """`count` people answer, online, on paper or in a session, at times spread over the
    consultation's weeks, in the order they answered."""
    questions = list(consultation.questions.order_by("order"))
    channels = [Response.Channel.ONLINE] * 6 + [
        Response.Channel.PAPER,
        Response.Channel.PAPER,
        Response.Channel.COMMUNITY_SESSION,
        Response.Channel.INTERVIEW,
    ]
    span = (consultation.closes_at - consultation.opens_at).total_seconds()
    sent = sorted(
        consultation.opens_at + timedelta(seconds=rng.random() * span) for _ in range(count)
    )
    for number, now in enumerate(sent, start=1):
        services.response_submit(
            consultation=consultation,
            language=rng.choice(["en"] * 6 + ["fr"] * 2 + ["ar"] * 2),
            answers=_answers(questions, rng),
            about=_about(rng),
            nonce=f"demo-{consultation.slug}-{number}",
            channel=rng.choice(channels),
            questions=questions,
            now=now,
        )


def _quotes_choose(consultation, staff):
    """Staff choose a few answers to quote, one per distinct text."""
    seen = set()
    for answer in (
        Answer.objects.filter(
            response__consultation=consultation, question__kind__in=Question.TEXT_KINDS
        )
        .select_related("question")
        .order_by("pk")
    ):
        if answer.value not in seen and len(seen) < 5:
            seen.add(answer.value)
            services.answer_set_quote_approved(by=staff, answer=answer, approved=True)


def seed_consultations(*, staff):
    """The open survey (English, French, Arabic, Spanish) and last year's, with results."""
    now = timezone.now()
    belong = Pillar.objects.filter(slug="belong").first()
    settle = Pillar.objects.filter(slug="settle").first()
    if not Consultation.objects.filter(slug=OPEN_SLUG).exists():
        _consultation(
            OPEN_CONSULTATION,
            staff=staff,
            slug=OPEN_SLUG,
            extra_languages=["ar", "es"],
            pillar=settle,
            opens_at=now - timedelta(days=7),
            closes_at=now + timedelta(days=60),
        )
    if not Consultation.objects.filter(slug=CLOSED_SLUG).exists():
        consultation = _consultation(
            CLOSED_CONSULTATION,
            staff=staff,
            slug=CLOSED_SLUG,
            what_we_did=CLOSED_CONSULTATION["what_we_did"],
            extra_languages=["ar"],
            pillar=belong,
            opens_at=now - timedelta(days=400),
            closes_at=now - timedelta(days=340),
        )
        _responses_submit(consultation, CLOSED_RESPONSES, random.Random(2025))
        services.consultation_set_status(
            by=staff, consultation=consultation, status=Consultation.Status.CLOSED
        )
        _quotes_choose(consultation, staff)
        services.consultation_set_status(
            by=staff, consultation=consultation, status=Consultation.Status.PUBLISHED
        )
        # What we did: the Belong items of this year's plan that the consultation led to.
        consultation.action_items.set(
            ActionItem.objects.filter(strategic_direction__pillar=belong).order_by(
                "-annual_plan__fiscal_year", "pk"
            )[:3]
        )
