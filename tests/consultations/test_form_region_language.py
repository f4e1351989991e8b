"""A form in another language keeps the site's own page around it: the header, navigation,
skip link, footer and language switcher stay in the site's language and left to right; only
the form's region carries the form's language and direction."""

from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

from consultations.models import Consultation

pytestmark = pytest.mark.django_db


class LanguageMarks(HTMLParser):
    """Each element's tag, classes, lang and dir, in document order."""

    def __init__(self):
        super().__init__()
        self.elements = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.elements.append(
            {
                "tag": tag,
                "class": (attrs.get("class") or "").split(),
                "lang": attrs.get("lang"),
                "dir": attrs.get("dir"),
            }
        )


def marks(html):
    parser = LanguageMarks()
    parser.feed(html)
    return parser.elements


def first(elements, tag, css_class=None):
    return next(
        e for e in elements if e["tag"] == tag and (not css_class or css_class in e["class"])
    )


def page(client, survey, name="detail", prefix="", lang="ar"):
    path = reverse(f"consultations:{name}", kwargs={"slug": survey.slug})
    return client.get(f"{prefix}{path}?lang={lang}").content.decode()


def test_the_arabic_form_page_is_english_and_left_to_right_around_the_form(client, survey):
    elements = marks(page(client, survey))

    html = first(elements, "html")
    assert (html["lang"], html["dir"]) == ("en", "ltr")
    region = first(elements, "article", "consultation")
    assert (region["lang"], region["dir"]) == ("ar", "rtl")


def test_only_the_form_region_is_marked_arabic(client, survey):
    elements = marks(page(client, survey))

    # Besides the region, only the language links name their own language (each its own).
    arabic = [e for e in elements if e["lang"] == "ar"]
    assert [e["tag"] for e in arabic] == ["article", "a"]
    assert [e for e in elements if e["dir"] == "rtl"] == [
        first(elements, "article", "consultation")
    ]


def test_the_header_and_footer_of_the_arabic_form_speak_the_site_language(client, survey):
    html = page(client, survey)

    header = html.split('<header class="site-header">')[1].split("</header>")[0]
    footer = html.split('<footer class="site-footer">')[1].split("</footer>")[0]
    assert "Skip to main content" in html.split("<header")[0]
    assert "Consultations" in header and "Sign in" in header
    assert "Funded by Immigration, Refugees and Citizenship Canada." in footer


def test_the_arabic_form_under_the_french_site_keeps_french_around_it(client, survey):
    html = page(client, survey, prefix="/fr")
    elements = marks(html)

    assert (first(elements, "html")["lang"], first(elements, "html")["dir"]) == ("fr", "ltr")
    assert first(elements, "article", "consultation")["lang"] == "ar"
    assert "Passer au contenu principal" in html


def test_the_form_questions_and_button_are_inside_the_region(client, survey):
    html = page(client, survey)

    region = html.split('<article class="consultation" lang="ar" dir="rtl">')[1].split(
        "</article>"
    )[0]
    assert "سؤال 1؟" in region  # a question
    assert "إرسال إجاباتي" in region  # "Send my answers"
    assert f"استبيان {survey.slug}" in region  # the heading


def test_the_thanks_page_marks_only_its_message_arabic(client, survey):
    html = page(client, survey, name="thanks")
    elements = marks(html)

    assert first(elements, "html")["lang"] == "en"
    region = html.split('<article class="consultation" lang="ar" dir="rtl">')[1].split(
        "</article>"
    )[0]
    assert "شكرًا على إجاباتك" in region
    assert "All consultations" not in region


def test_the_closed_page_marks_only_its_message_arabic(client, survey):
    Consultation.objects.filter(pk=survey.pk).update(status=Consultation.Status.CLOSED)

    html = page(client, survey)

    assert first(marks(html), "html")["lang"] == "en"
    region = html.split('<article class="consultation" lang="ar" dir="rtl">')[1].split(
        "</article>"
    )[0]
    assert "All consultations" not in region and "<h1>" in region


def test_a_form_not_open_yet_says_so_in_the_site_language_outside_the_region(client, survey):
    Consultation.objects.filter(pk=survey.pk).update(opens_at=timezone.now() + timedelta(days=3))

    html = page(client, survey)

    region, after = html.split('<article class="consultation" lang="ar" dir="rtl">')[1].split(
        "</article>", 1
    )
    assert "This consultation is not open yet." in after
    assert "not open yet" not in region


def test_the_staff_preview_note_is_outside_the_arabic_region(client, survey, staff):
    client.force_login(staff)

    html = page(client, survey, name="preview")

    assert first(marks(html), "html")["lang"] == "en"
    before_region = html.split('<article class="consultation"')[0]
    assert "This is how visitors see the form." in before_region
