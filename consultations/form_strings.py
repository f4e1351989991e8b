# ruff: noqa: E501  (translated sentences read better unbroken)
"""The words around a consultation form (buttons, messages, the "about you" questions) in
every language a consultation may be offered in.

English and French come from the gettext catalogue like the rest of the portal. The other
languages have no portal catalogue, so their form chrome lives here, one small dictionary per
language; a missing entry falls back to English. Question texts come from the consultation.
"""

from django.utils import translation
from django.utils.translation import gettext_lazy as _

# Each language names itself in its own words; `bidi` languages read right to left.
LANGUAGES = {
    "en": {"name": "English", "bidi": False},
    "fr": {"name": "Français", "bidi": False},
    "ar": {"name": "العربية", "bidi": True},
    "zh-hans": {"name": "简体中文", "bidi": False},
    "es": {"name": "Español", "bidi": False},
    "pa": {"name": "ਪੰਜਾਬੀ", "bidi": False},
    "tl": {"name": "Tagalog", "bidi": False},
    "uk": {"name": "Українська", "bidi": False},
    "fa": {"name": "فارسی", "bidi": True},
    "so": {"name": "Soomaali", "bidi": False},
    "ur": {"name": "اردو", "bidi": True},
}

# Staff see the languages named in the back office's language.
ENGLISH_NAMES = {
    "en": _("English"),
    "fr": _("French"),
    "ar": _("Arabic"),
    "zh-hans": _("Simplified Chinese"),
    "es": _("Spanish"),
    "pa": _("Punjabi"),
    "tl": _("Tagalog"),
    "uk": _("Ukrainian"),
    "fa": _("Farsi"),
    "so": _("Somali"),
    "ur": _("Urdu"),
}


def is_bidi(code):
    return LANGUAGES.get(code, {}).get("bidi", False)


def self_name(code):
    return LANGUAGES.get(code, {}).get("name", code)


CHROME = {
    "form_language": _("Language of this form"),
    "intro": _(
        "Your answers are anonymous: no account is needed, and we do not keep your name or "
        "your internet address."
    ),
    "required_note": _("Questions marked “required” need an answer."),
    "required": _("required"),
    "open_until": _("Open until %(date)s"),
    "submit": _("Send my answers"),
    "choose_all": _("Choose all that apply."),
    "choose_one": _("Choose an answer"),
    "scale_hint": _("From 1 (not at all) to 5 (very much)."),
    "characters_max": _("Up to %(limit)s characters."),
    "prefer_not": _("Prefer not to say"),
    "problem": _("There is a problem with your answers"),
    "err_required": _("Please answer this question."),
    "err_choice": _("Please choose one of the answers offered."),
    "err_too_long": _("Please keep your answer under %(limit)s characters."),
    "err_tampered": _(
        "This form was changed and cannot be accepted. Please reload the page and answer again."
    ),
    "err_expired": _("This form has expired. Please reload the page and answer again."),
    "err_replayed": _("We have already received these answers. Thank you."),
    "err_rejected": _("Your answers could not be accepted."),
    "err_rate": _(
        "Many answers came from your connection in a short time. Please try again in an hour."
    ),
    "closed": _("This consultation is closed and no longer accepts answers. Thank you."),
    "thanks_title": _("Thank you for your answers"),
    "thanks_body": _(
        "We received your answers. We will publish what we heard, and what we do about it, "
        "on this site."
    ),
    "honeypot": _("Leave this field empty"),
    "about_title": _("About you (optional)"),
    "about_intro": _(
        "These questions help us check that we hear from everyone. Each one is optional and "
        "has a “prefer not to say” answer. We only publish totals, never a group of fewer "
        "than five people."
    ),
    "newcomer_status": _("What is your immigration status?"),
    "newcomer_status.born_in_canada": _("Born in Canada"),
    "newcomer_status.citizen": _("Became a Canadian citizen"),
    "newcomer_status.permanent_resident": _("Permanent resident"),
    "newcomer_status.refugee": _("Refugee or refugee claimant"),
    "newcomer_status.temporary": _("International student or temporary worker"),
    "newcomer_status.other": _("Another status"),
    "years_in_canada": _("How long have you lived in Canada?"),
    "years_in_canada.lt1": _("Less than 1 year"),
    "years_in_canada.1_5": _("1 to 5 years"),
    "years_in_canada.6_10": _("6 to 10 years"),
    "years_in_canada.gt10": _("More than 10 years"),
    "years_in_canada.all_my_life": _("All my life"),
    "age_band": _("How old are you?"),
    "age_band.under_18": _("Under 18"),
    "age_band.18_24": _("18 to 24"),
    "age_band.25_34": _("25 to 34"),
    "age_band.35_44": _("35 to 44"),
    "age_band.45_64": _("45 to 64"),
    "age_band.65_plus": _("65 or older"),
    "gender": _("What is your gender?"),
    "gender.woman": _("Woman"),
    "gender.man": _("Man"),
    "gender.another": _("Another gender"),
    "racialized_identity": _("Which group do you identify with?"),
    "racialized_identity.black": _("Black"),
    "racialized_identity.east_asian": _("East Asian"),
    "racialized_identity.south_asian": _("South Asian"),
    "racialized_identity.southeast_asian": _("Southeast Asian"),
    "racialized_identity.mena": _("Middle Eastern or North African"),
    "racialized_identity.latin_american": _("Latin American"),
    "racialized_identity.white": _("White"),
    "racialized_identity.another": _("Another or mixed identity"),
    "first_language": _("What is your first language?"),
    "first_language.other": _("Another language"),
}

# The first-language answers name each language in its own words, in every form language.
FIRST_LANGUAGE_SELF_NAMES = {
    "en": "English",
    "fr": "Français",
    "ar": "العربية",
    "zh": "中文",
    "es": "Español",
    "pa": "ਪੰਜਾਬੀ",
    "tl": "Tagalog",
    "uk": "Українська",
    "fa": "فارسی",
    "so": "Soomaali",
    "ur": "اردو",
}

STRINGS = {
    "ar": {
        "form_language": "لغة هذا الاستبيان",
        "intro": "إجاباتك مجهولة الهوية: لا حاجة إلى حساب، ولا نحتفظ باسمك ولا بعنوان الإنترنت الخاص بك.",
        "required_note": "الأسئلة المُعلَّمة بكلمة «مطلوب» تحتاج إلى إجابة.",
        "required": "مطلوب",
        "open_until": "مفتوح حتى %(date)s",
        "submit": "إرسال إجاباتي",
        "choose_all": "اختر كل ما ينطبق.",
        "choose_one": "اختر إجابة",
        "scale_hint": "من 1 (إطلاقًا) إلى 5 (كثيرًا جدًا).",
        "characters_max": "حتى %(limit)s حرفًا.",
        "prefer_not": "أفضّل عدم الإجابة",
        "problem": "هناك مشكلة في إجاباتك",
        "err_required": "يرجى الإجابة عن هذا السؤال.",
        "err_choice": "يرجى اختيار إحدى الإجابات المعروضة.",
        "err_too_long": "يرجى ألّا تتجاوز إجابتك %(limit)s حرفًا.",
        "err_tampered": "تم تغيير هذا الاستبيان ولا يمكن قبوله. يرجى إعادة تحميل الصفحة والإجابة مرة أخرى.",
        "err_expired": "انتهت صلاحية هذا الاستبيان. يرجى إعادة تحميل الصفحة والإجابة مرة أخرى.",
        "err_replayed": "لقد استلمنا هذه الإجابات من قبل. شكرًا لك.",
        "err_rejected": "تعذّر قبول إجاباتك.",
        "err_rate": "وصلت إجابات كثيرة من اتصالك في وقت قصير. يرجى المحاولة مرة أخرى بعد ساعة.",
        "closed": "هذه الاستشارة مغلقة ولم تعد تقبل الإجابات. شكرًا لك.",
        "thanks_title": "شكرًا على إجاباتك",
        "thanks_body": "استلمنا إجاباتك. سننشر على هذا الموقع ما سمعناه وما سنفعله بشأنه.",
        "honeypot": "اترك هذا الحقل فارغًا",
        "about_title": "عنك (اختياري)",
        "about_intro": "تساعدنا هذه الأسئلة على التأكد من أننا نسمع من الجميع. كل سؤال اختياري وفيه إجابة «أفضّل عدم الإجابة». ننشر المجاميع فقط، ولا ننشر أبدًا مجموعة أقل من خمسة أشخاص.",
        "newcomer_status": "ما هو وضعك في الهجرة؟",
        "newcomer_status.born_in_canada": "وُلدت في كندا",
        "newcomer_status.citizen": "أصبحت مواطنًا كنديًا",
        "newcomer_status.permanent_resident": "مقيم دائم",
        "newcomer_status.refugee": "لاجئ أو طالب لجوء",
        "newcomer_status.temporary": "طالب دولي أو عامل مؤقت",
        "newcomer_status.other": "وضع آخر",
        "years_in_canada": "منذ متى تعيش في كندا؟",
        "years_in_canada.lt1": "أقل من سنة",
        "years_in_canada.1_5": "من 1 إلى 5 سنوات",
        "years_in_canada.6_10": "من 6 إلى 10 سنوات",
        "years_in_canada.gt10": "أكثر من 10 سنوات",
        "years_in_canada.all_my_life": "طوال حياتي",
        "age_band": "كم عمرك؟",
        "age_band.under_18": "أقل من 18",
        "age_band.18_24": "من 18 إلى 24",
        "age_band.25_34": "من 25 إلى 34",
        "age_band.35_44": "من 35 إلى 44",
        "age_band.45_64": "من 45 إلى 64",
        "age_band.65_plus": "65 أو أكثر",
        "gender": "ما هو جنسك؟",
        "gender.woman": "امرأة",
        "gender.man": "رجل",
        "gender.another": "جنس آخر",
        "racialized_identity": "مع أي مجموعة تعرّف نفسك؟",
        "racialized_identity.black": "أسود",
        "racialized_identity.east_asian": "من شرق آسيا",
        "racialized_identity.south_asian": "من جنوب آسيا",
        "racialized_identity.southeast_asian": "من جنوب شرق آسيا",
        "racialized_identity.mena": "من الشرق الأوسط أو شمال أفريقيا",
        "racialized_identity.latin_american": "من أمريكا اللاتينية",
        "racialized_identity.white": "أبيض",
        "racialized_identity.another": "هوية أخرى أو مختلطة",
        "first_language": "ما هي لغتك الأولى؟",
        "first_language.other": "لغة أخرى",
    },
    "es": {
        "form_language": "Idioma de este formulario",
        "intro": "Sus respuestas son anónimas: no necesita una cuenta y no guardamos su nombre ni su dirección de internet.",
        "required_note": "Las preguntas marcadas como «obligatoria» necesitan una respuesta.",
        "required": "obligatoria",
        "open_until": "Abierta hasta el %(date)s",
        "submit": "Enviar mis respuestas",
        "choose_all": "Elija todas las que correspondan.",
        "choose_one": "Elija una respuesta",
        "scale_hint": "De 1 (nada) a 5 (muchísimo).",
        "characters_max": "Hasta %(limit)s caracteres.",
        "prefer_not": "Prefiero no decirlo",
        "problem": "Hay un problema con sus respuestas",
        "err_required": "Por favor, responda a esta pregunta.",
        "err_choice": "Por favor, elija una de las respuestas ofrecidas.",
        "err_too_long": "Por favor, escriba menos de %(limit)s caracteres.",
        "err_tampered": "Este formulario fue modificado y no se puede aceptar. Vuelva a cargar la página y responda de nuevo.",
        "err_expired": "Este formulario ha caducado. Vuelva a cargar la página y responda de nuevo.",
        "err_replayed": "Ya recibimos estas respuestas. Gracias.",
        "err_rejected": "No se pudieron aceptar sus respuestas.",
        "err_rate": "Llegaron muchas respuestas desde su conexión en poco tiempo. Inténtelo de nuevo dentro de una hora.",
        "closed": "Esta consulta está cerrada y ya no acepta respuestas. Gracias.",
        "thanks_title": "Gracias por sus respuestas",
        "thanks_body": "Recibimos sus respuestas. Publicaremos en este sitio lo que escuchamos y lo que haremos al respecto.",
        "honeypot": "Deje este campo vacío",
        "about_title": "Sobre usted (opcional)",
        "about_intro": "Estas preguntas nos ayudan a comprobar que escuchamos a todas las personas. Todas son opcionales y tienen la respuesta «Prefiero no decirlo». Solo publicamos totales, nunca un grupo de menos de cinco personas.",
        "newcomer_status": "¿Cuál es su situación migratoria?",
        "newcomer_status.born_in_canada": "Nací en Canadá",
        "newcomer_status.citizen": "Me hice ciudadano/a canadiense",
        "newcomer_status.permanent_resident": "Residente permanente",
        "newcomer_status.refugee": "Refugiado/a o solicitante de asilo",
        "newcomer_status.temporary": "Estudiante internacional o trabajador/a temporal",
        "newcomer_status.other": "Otra situación",
        "years_in_canada": "¿Cuánto tiempo lleva viviendo en Canadá?",
        "years_in_canada.lt1": "Menos de 1 año",
        "years_in_canada.1_5": "De 1 a 5 años",
        "years_in_canada.6_10": "De 6 a 10 años",
        "years_in_canada.gt10": "Más de 10 años",
        "years_in_canada.all_my_life": "Toda mi vida",
        "age_band": "¿Qué edad tiene?",
        "age_band.under_18": "Menos de 18",
        "age_band.18_24": "De 18 a 24",
        "age_band.25_34": "De 25 a 34",
        "age_band.35_44": "De 35 a 44",
        "age_band.45_64": "De 45 a 64",
        "age_band.65_plus": "65 o más",
        "gender": "¿Cuál es su género?",
        "gender.woman": "Mujer",
        "gender.man": "Hombre",
        "gender.another": "Otro género",
        "racialized_identity": "¿Con qué grupo se identifica?",
        "racialized_identity.black": "Negro/a",
        "racialized_identity.east_asian": "Asiático/a del Este",
        "racialized_identity.south_asian": "Asiático/a del Sur",
        "racialized_identity.southeast_asian": "Asiático/a del Sudeste",
        "racialized_identity.mena": "De Oriente Medio o del Norte de África",
        "racialized_identity.latin_american": "Latinoamericano/a",
        "racialized_identity.white": "Blanco/a",
        "racialized_identity.another": "Otra identidad o identidad mixta",
        "first_language": "¿Cuál es su primera lengua?",
        "first_language.other": "Otra lengua",
    },
}


def text(key, language, **values):
    """The form chrome `key` in `language`, with %(name)s values filled in."""
    if language in ("en", "fr"):
        with translation.override(language):
            template = str(CHROME[key])
    else:
        template = STRINGS.get(language, {}).get(key) or str_english(key)
    return template % values if values else template


def str_english(key):
    with translation.override("en"):
        return str(CHROME[key])


class Chrome:
    """Template access to the chrome of one language: {{ chrome.submit }}."""

    def __init__(self, language):
        self.language = language

    def __getitem__(self, key):
        return text(key, self.language)
