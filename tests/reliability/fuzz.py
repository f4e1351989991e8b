"""The pieces of the form fuzz test: every URL pattern of the URL conf, the forms a page shows,
hostile values for their fields, and a fingerprint of every table to prove a refused POST
saved nothing."""

import datetime
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

from django.apps import apps
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import strategies as st

# --- The URL conf ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name", or "" for an unnamed pattern
    pattern: str
    kwargs: tuple  # the names the pattern captures


def routes():
    """Every pattern of the URL conf, with the names of what it captures."""

    def walk(patterns, prefix, namespace):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                inner = namespace
                if entry.namespace:
                    inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
                yield from walk(entry.url_patterns, prefix + str(entry.pattern), inner)
            elif isinstance(entry, URLPattern):
                name = entry.name or ""
                if name and namespace:
                    name = f"{namespace}:{name}"
                captured = tuple(entry.pattern.regex.groupindex) or tuple(
                    f"_{n}" for n in range(entry.pattern.regex.groups)
                )
                yield Route(name, prefix + str(entry.pattern), captured)

    return list(walk(get_resolver().url_patterns, "", None))


# --- Forms on a page -------------------------------------------------------------------------

TEXT_KINDS = {"text", "search", "email", "url", "tel", "password", "number", "date", "time"}


@dataclass
class Field:
    name: str
    kind: str  # an input type, "textarea" or "select"
    value: object = ""  # what the page fills in: a string, or a list for multiple values
    options: list = field(default_factory=list)


@dataclass
class Form:
    method: str
    action: str
    multipart: bool
    fields: dict = field(default_factory=dict)

    @property
    def signature(self):
        return (self.method, urlsplit(self.action).path, tuple(sorted(self.fields)))


class FormParser(HTMLParser):
    """The forms of an HTML page, with the values a browser would send untouched."""

    def __init__(self, page_url):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms = []
        self.query_names = set()
        self.form = None
        self.textarea = None
        self.select = None
        self.option = None

    def handle_starttag(self, tag, attrs):
        attrs = {key: value or "" for key, value in attrs}
        if tag == "a" and attrs.get("href", "").startswith("?"):
            # A list's filter and sort links: parameters the page reads from its address.
            self.query_names.update(name for name, _value in parse_qsl(attrs["href"][1:]))
            return
        if tag == "form":
            action = urljoin(self.page_url, attrs.get("action") or self.page_url)
            self.form = Form(
                method=(attrs.get("method") or "get").lower(),
                action=action,
                multipart="multipart" in attrs.get("enctype", ""),
            )
            self.forms.append(self.form)
            return
        if self.form is None or ("name" not in attrs and tag != "option"):
            if tag == "option" and self.select is not None:
                self._option(attrs)
            return
        if tag == "input":
            self._input(attrs)
        elif tag == "textarea":
            self.textarea = Field(attrs["name"], "textarea", "")
            self.form.fields[self.textarea.name] = self.textarea
        elif tag == "select":
            multiple = "multiple" in attrs
            self.select = Field(attrs["name"], "select", [] if multiple else None)
            self.form.fields[self.select.name] = self.select
        elif tag == "option" and self.select is not None:
            self._option(attrs)

    def _input(self, attrs):
        kind = attrs.get("type", "text").lower()
        name = attrs["name"]
        if kind in {"button", "reset", "image"}:
            return
        if kind == "submit":
            # The first named button, as a click on it would send (the admin's "Save").
            if not any(f.kind == "submit" for f in self.form.fields.values()):
                self.form.fields.setdefault(name, Field(name, "submit", attrs.get("value", "")))
            return
        if kind in {"checkbox", "radio"}:
            entry = self.form.fields.setdefault(name, Field(name, kind, []))
            entry.options.append(attrs.get("value", "on"))
            if "checked" in attrs:
                entry.value.append(attrs.get("value", "on"))
            return
        self.form.fields[name] = Field(name, kind, attrs.get("value", ""))

    def _option(self, attrs):
        value = attrs.get("value")
        self.option = {"value": value, "text": ""}
        self.select.options.append(self.option)
        if "selected" in attrs:
            if isinstance(self.select.value, list):
                self.select.value.append(value)
            else:
                self.select.value = value

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea.value += data
        elif self.option is not None:
            self.option["text"] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "textarea":
            self.textarea = None
        elif tag == "select":
            if self.select is not None:
                for option in self.select.options:
                    if option["value"] is None:
                        option["value"] = option["text"].strip()
                if self.select.value is None:
                    values = [o["value"] for o in self.select.options if o["value"]]
                    self.select.value = values[0] if values else ""
                self.select.options = [o["value"] for o in self.select.options]
            self.select = None
        elif tag == "option":
            self.option = None


def forms_on(page_url, html):
    """The page's forms, and the names of the parameters its own links put in the address."""
    parser = FormParser(page_url)
    parser.feed(html)
    return parser.forms, parser.query_names


# --- Values ----------------------------------------------------------------------------------

HUGE = "Ω≈ç√∫˜µ≤≥÷ " * 2000  # 22,000 characters, 44 KB of UTF-8
HOSTILE_TEXT = [
    "",
    " ",
    "\x00",
    "Nul\x00byte",
    "\x00" * 20,
    HUGE,
    "x" * 300_000,
    b"\xff\xfe\xc3\x28 invalid UTF-8 \xa0\xa1",
    b"\xc0\xaf\xed\xa0\x80",  # overlong slash, an encoded surrogate
    "<script>alert('x')</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ 7*7 }} {% debug %}",
    '=HYPERLINK("http://evil.example","click")',
    "+1+2",
    "-3+4",
    "@SUM(A1:A9)",
    "\u202egnp.exe\u202c",
    "\u200fمرحبا\u200e",
    "\ufeffBOM",
    '{"en": "\\u0000", "fr": "\\ud800"}',
    '["\\u0000"]',
    "-1",
    "99999999999999999999999",
    "1e309",
    "NaN",
    "0000-00-00",
    "9999-12-31",
    "../../etc/passwd",
    "' OR 1=1 --",
    "%00",
    "\r\n\r\nInjected: header",
]
HOSTILE_FILES = [
    b"",
    b"\x00\x01\x02\x03binary\xff\xfe",
    b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00\xff\xfe",
    b"item_id,version,new_status\r1,1,\x00\r",
    "\ufeffname_en\r\nSant\u00e9\r\n".encode(),
    b"name_en\n=cmd|' /C calc'!A0\n",
    b"x" * 2_200_000,
]


def hostile_text():
    return st.sampled_from(HOSTILE_TEXT) | st.text(max_size=40)


def plain_value(entry):
    """What a person would send in this field: the page's own value, or a plausible one."""
    if entry.kind in {"checkbox", "radio"}:
        if entry.value:
            return list(entry.value)
        return entry.options[:1] if entry.kind == "radio" else []
    if entry.kind == "file":
        return SimpleUploadedFile("upload.csv", b"name_en\nPlain Organization\n")
    if entry.value not in ("", None, []):
        return entry.value
    today = datetime.date.today()
    return {
        "email": "someone@example.org",
        "url": "https://example.org/",
        "number": "1",
        "date": today.isoformat(),
        "datetime-local": f"{today.isoformat()}T10:00",
        "time": "10:00",
        "password": "not-the-password",
        "textarea": "Plain text.",
        "text": "Plain text",
        "search": "plain",
    }.get(entry.kind, entry.value if entry.value is not None else "")


def field_value(entry):
    if entry.kind == "file":
        return st.sampled_from(HOSTILE_FILES).map(
            lambda raw: SimpleUploadedFile("hostile.csv", raw)
        )
    hostile = hostile_text()
    if entry.kind in {"checkbox", "select"} and isinstance(entry.value, list):
        return st.lists(hostile, max_size=3)
    return hostile


@st.composite
def form_values(draw, form):
    """Every field of `form`: one hostile for sure, the others mostly as a person would fill
    them, so that the hostile value gets past the form to the services and the database."""
    names = sorted(form.fields)
    target = draw(st.sampled_from(names)) if names else None
    values = {}
    for name in names:
        entry = form.fields[name]
        if name != target and (entry.kind == "submit" or draw(st.integers(0, 4)) > 0):
            values[name] = plain_value(entry)
        else:
            values[name] = draw(field_value(entry))
    return values


def nul_everywhere(form):
    """Every field holding a NUL character (a file field, a binary file): PostgreSQL refuses
    NUL in any text, so this is the value most likely to get through to a 500."""
    values = {}
    for name, entry in form.fields.items():
        if entry.kind == "submit":
            values[name] = plain_value(entry)
        elif entry.kind == "file":
            values[name] = SimpleUploadedFile("nul.csv", b"name_en\nNul\x00byte\n")
        elif isinstance(entry.value, list):
            values[name] = ["Nul\x00byte"]
        else:
            values[name] = "Nul\x00byte"
    return values


def urlencoded(values):
    """An application/x-www-form-urlencoded body (bytes values go out as they are)."""
    pairs = []
    for name, value in values.items():
        for item in value if isinstance(value, list) else [value]:
            pairs.append((name, item))
    return urlencode(pairs)


# --- What the database holds -----------------------------------------------------------------


def watched_tables():
    """Every table of every model, but the sessions, the database cache and the consultations'
    per-address counters (a refused POST may rightly touch those: a sign-in attempt, a rate
    limit's counter, a bot's submission counted against its address)."""
    ignored = {"django_session", "consultations_submissionwindow"} | {
        cache["LOCATION"]
        for cache in settings.CACHES.values()
        if cache["BACKEND"].endswith("DatabaseCache")
    }
    tables = set()
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            tables.add(model._meta.db_table)
    return sorted(tables - ignored)


def fingerprint(tables):
    """{table: digest of its rows}: equal before and after when nothing was written."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # One round trip for every table.
            digests = ", ".join(
                f"(SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) "  # noqa: S608 (table names from the models)
                f"FROM {quote(table)} t)"
                for table in tables
            )
            cursor.execute(f"SELECT {digests}")  # noqa: S608
            return dict(zip(tables, cursor.fetchone(), strict=True))
        state = {}
        for table in tables:
            cursor.execute(f"SELECT * FROM {quote(table)}")  # noqa: S608
            state[table] = hash(tuple(sorted(repr(row) for row in cursor.fetchall())))
        return state


def changed(before, after):
    return sorted(table for table in before if before[table] != after.get(table))
