from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

# Each language names itself in its own words, whatever the page's language.
LANGUAGE_SELF_NAMES = {"en": "English", "fr": "Français"}


@register.inclusion_tag("includes/language_switch.html", takes_context=True)
def language_switch(context):
    request = context.get("request")
    current = get_language()
    path = request.get_full_path() if request else "/"
    links = [
        {
            "code": code,
            "name": LANGUAGE_SELF_NAMES.get(code, code),
            "url": translate_url(path, code),
        }
        for code, _name in settings.LANGUAGES
        if code != current
    ]
    return {"links": links}


@register.simple_tag(takes_context=True)
def nav_current(context, url_name):
    """Mark the link to the page being shown, for screen readers and the stylesheet."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    current = match and url_name in (match.url_name, match.view_name)
    return mark_safe(' aria-current="page"') if current else ""
