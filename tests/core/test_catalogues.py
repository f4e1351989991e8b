import json
import shutil
import subprocess
import time
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from core.catalogue_style import style_errors
from core.catalogues import catalogue_errors

HEADER = (
    'msgid ""\nmsgstr ""\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Plural-Forms: nplurals=2; plural=(n > 1);\\n"\n\n'
)


def write_catalogue(directory, body, language="fr"):
    path = Path(directory) / language / "LC_MESSAGES" / "django.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def formatted(msgid, msgstr):
    return f'#, python-format\nmsgid "{msgid}"\nmsgstr "{msgstr}"\n'


CASES = [
    pytest.param(formatted("A completed item is 100% complete.", "Terminée à 100 %."), False),
    pytest.param(formatted("%(limit)s characters", "%(limite)s caractères"), False),
    pytest.param(formatted("%(limit)s characters", "caractères"), False),
    pytest.param(formatted("%(limit)s characters", "%(limit)d caractères"), False),
    pytest.param(formatted("%s of %d", "%d sur %s"), False),
    pytest.param(formatted("%(a)s and %(b)s", "%(b)s et %(a)s"), True),
    pytest.param(formatted("100%% of %(n)s", "100 %% de %(n)s"), True),
    pytest.param('msgid "Yes"\nmsgstr "Oui"\n\nmsgid "Yes"\nmsgstr "Ouais"\n', False),
    pytest.param('msgid "Yes\nmsgstr "Oui"\n', False),
    pytest.param('msgid "Yes\\n"\nmsgstr "Oui"\n', False),
    pytest.param('#, fuzzy, python-format\nmsgid "%(a)s"\nmsgstr "%(b)s"\n', True),
]


@pytest.mark.parametrize(("body", "valid"), CASES)
def test_the_check_refuses_what_msgfmt_refuses(tmp_path, body, valid):
    path = write_catalogue(tmp_path, body)

    assert (catalogue_errors(path) == []) == valid


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="GNU gettext is not installed")
@pytest.mark.parametrize(("body", "valid"), CASES)
def test_gnu_msgfmt_agrees_with_the_check(tmp_path, body, valid):
    path = write_catalogue(tmp_path, body)

    checked = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], check=False)

    assert (checked.returncode == 0) == valid


def test_a_broken_placeholder_is_reported_with_its_line(tmp_path):
    path = write_catalogue(tmp_path, formatted("Up to %(limit)s.", "Jusqu'à %(limite)s."))

    assert catalogue_errors(path) == [
        f"{path}:6: msgstr's placeholders %(limite) differ from msgid's %(limit)"
    ]


def test_every_catalogue_of_the_portal_is_valid():
    catalogues = sorted(Path(settings.LOCALE_PATHS[0]).glob("*/LC_MESSAGES/*.po"))

    assert len(catalogues) >= 10
    assert [error for path in catalogues for error in catalogue_errors(path)] == []


def test_compiling_translations_compiles_every_language(settings, tmp_path):
    settings.LOCALE_PATHS = [tmp_path]
    for language in ("fr", "zh_Hans", "so"):
        write_catalogue(tmp_path, 'msgid "Yes"\nmsgstr "Oui"\n', language)

    call_command("compile_translations", stdout=StringIO())

    assert sorted(p.parent.parent.name for p in tmp_path.glob("*/LC_MESSAGES/django.mo")) == [
        "fr",
        "so",
        "zh_Hans",
    ]


def test_compiling_an_invalid_catalogue_fails_and_says_why(settings, tmp_path):
    settings.LOCALE_PATHS = [tmp_path]
    path = write_catalogue(tmp_path, formatted("Completed: 100% done", "Terminée : 100 %."))

    with pytest.raises(CommandError, match="msgstr is not a valid Python format string"):
        call_command("compile_translations")

    assert not path.with_suffix(".mo").exists()


def test_the_lint_check_compiles_nothing(settings, tmp_path):
    settings.LOCALE_PATHS = [tmp_path]
    path = write_catalogue(tmp_path, 'msgid "Yes"\nmsgstr "Oui"\n')

    call_command("compile_translations", "--check", stdout=StringIO())

    assert not path.with_suffix(".mo").exists()


# The French catalogue's house rules (core/catalogue_style.py): typography and glossary.

NBSP, NNBSP = "\u00a0", "\u202f"
GLOSSARY = (
    "# a comment line\n"
    "english,french,source,forbidden\n"
    "steering group,comité directeur,TERMIUM Plus,groupe directeur|groupes directeurs\n"
    "email,courriel,GDT,e-mail|email\n"
    "Council,Conseil,portal,=du conseil\n"
)


def french_catalogue(directory, body, glossary=GLOSSARY):
    path = write_catalogue(directory, body)
    (path.parent.parent / "glossary.csv").write_text(glossary, encoding="utf-8")
    return path


def entry(msgid, msgstr, flags="", comment=""):
    quoted = [json.dumps(text, ensure_ascii=False) for text in (msgid, msgstr)]
    return f"{comment}{flags}msgid {quoted[0]}\nmsgstr {quoted[1]}\n\n"


def test_the_real_french_catalogue_follows_its_typography_and_glossary():
    path = Path(settings.LOCALE_PATHS[0]) / "fr" / "LC_MESSAGES" / "django.po"

    assert style_errors(path) == []


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="GNU gettext is not installed")
def test_the_real_french_catalogue_passes_gnu_msgfmt_check_format():
    path = Path(settings.LOCALE_PATHS[0]) / "fr" / "LC_MESSAGES" / "django.po"

    checked = subprocess.run(
        ["msgfmt", "--check-format", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )

    assert checked.returncode == 0, checked.stderr


def test_an_ordinary_space_before_a_colon_is_reported_with_file_line_msgid_and_fix(tmp_path):
    path = french_catalogue(tmp_path, entry("Reason:", "Raison :"))

    assert style_errors(path) == [
        f'{path}:6: msgid "Reason:": an ordinary space before « : »: use a no-break space '
        '(U+00A0), in "Raison :"'
    ]


@pytest.mark.parametrize(
    ("msgstr", "problem"),
    [
        ("Déjà invité ?", "an ordinary space before « ? »: use a narrow no-break space (U+202F)"),
        (f"Déjà invité{NBSP}?", "a no-break space (U+00A0) before « ? »: use a narrow"),
        ("Déjà invité?", "no space before « ? »: use a narrow no-break space (U+202F)"),
        ("Oui ; non", "an ordinary space before « ; »"),
        ("Raison:", "no space before « : »: use a no-break space (U+00A0)"),
        (f"Le mot « oui{NBSP}»", "an ordinary space after « « »"),
        (f"Le mot «{NBSP}oui »", "an ordinary space before « » »"),
        ("Terminée à 100 %.", "an ordinary space between a number and « % »"),
        ("Terminée à 100%.", "no space between a number and « % »"),
    ],
)
def test_french_typography_wants_its_no_break_spaces(tmp_path, msgstr, problem):
    path = french_catalogue(tmp_path, entry("Some text", msgstr))

    [error] = style_errors(path)

    assert problem in error


@pytest.mark.parametrize(
    "msgstr",
    [
        f"Raison{NBSP}: oui{NNBSP}; non{NNBSP}! Vraiment{NNBSP}?",
        f"Le mot «{NBSP}oui{NBSP}», à 100{NBSP}%.",
        "Voir https://example.org/?page=2&amp;tri=1 à 10:30.",
        "Ligne %(line)s",
    ],
)
def test_french_typography_accepts_the_rule_and_what_is_not_punctuation(tmp_path, msgstr):
    path = french_catalogue(tmp_path, entry("Some text", msgstr))

    assert style_errors(path) == []


def test_a_percent_sign_in_a_python_format_string_is_the_doubled_one(tmp_path):
    wrong = entry("%(percent)s%% complete", "avancée à %(percent)s %%", "#, python-format\n")
    right = entry("%(n)s%% done", f"fait à %(n)s{NBSP}%%", "#, python-format\n")
    path = french_catalogue(tmp_path, wrong + right)

    [error] = style_errors(path)

    assert "between a number and « % »" in error


def test_an_off_glossary_term_is_reported_with_the_term_to_use(tmp_path):
    path = french_catalogue(tmp_path, entry("Steering group", "Le groupe directeur"))

    assert style_errors(path) == [
        f'{path}:6: msgid "Steering group": « groupe directeur » is off the glossary: steering '
        f"group is « comité directeur » ({path.parent.parent / 'glossary.csv'}); if this use "
        "is right, say why in a translator comment '# glossary-ok: groupe directeur: <why>'"
    ]


@pytest.mark.parametrize(
    ("msgstr", "flagged"),
    [
        ("Les Groupes directeurs", True),
        ("Un sous-groupe directeur", False),
        ("Envoyé par e-mail", True),
        ("Adresse %(email)s et {email}", False),
        ("Les membres du conseil", True),
        ("Les membres du Conseil", False),
    ],
)
def test_glossary_variants_are_whole_words_and_an_equals_sign_keeps_their_case(
    tmp_path, msgstr, flagged
):
    path = french_catalogue(tmp_path, entry("Some %(email)s {email}", msgstr, "#, python-format\n"))

    assert bool(style_errors(path)) == flagged


def test_a_translator_comment_allows_a_justified_variant(tmp_path):
    comment = "# glossary-ok: groupe directeur: the name of another partnership's body\n"
    path = french_catalogue(
        tmp_path, entry("Their steering group", "Leur groupe directeur", "", comment)
    )

    assert style_errors(path) == []


def test_the_lint_check_fails_on_a_french_catalogue_that_breaks_the_house_rules(settings, tmp_path):
    settings.LOCALE_PATHS = [tmp_path]
    french_catalogue(tmp_path, entry("Steering group", "Groupe directeur :"))
    write_catalogue(tmp_path, entry("Reason:", "Razón :"), "es")

    with pytest.raises(CommandError) as raised:
        call_command("compile_translations", "--check", stdout=StringIO())

    assert "fr/LC_MESSAGES/django.po:6" in str(raised.value)
    assert "off the glossary" in str(raised.value)
    assert "es/LC_MESSAGES" not in str(raised.value)


def test_the_lint_check_fails_on_a_bad_format_string_in_the_french_catalogue(settings, tmp_path):
    settings.LOCALE_PATHS = [tmp_path]
    french_catalogue(tmp_path, formatted("Completed: 100% done", f"Terminée{NBSP}: 100{NBSP}%."))

    with pytest.raises(CommandError, match="msgstr is not a valid Python format string"):
        call_command("compile_translations", "--check", stdout=StringIO())


def test_fixing_typography_rewrites_only_the_translations_and_keeps_the_layout(settings, tmp_path):
    settings.LOCALE_PATHS = [tmp_path]
    body = (
        entry("Reason: yes", "Raison : oui")
        + 'msgid ""\n"Is it done? A long message that wraps"\nmsgstr ""\n"Est-ce fait "\n"? Un '
        'long message « cité »"\n\n'
        + entry("%(n)s%% done", "fait à %(n)s %%", "#, python-format\n")
        + entry("Ratio: 100%", "Rapport : 100%", "#, no-python-format\n")
    )
    path = french_catalogue(tmp_path, body)
    before = path.read_text(encoding="utf-8").splitlines()

    call_command("compile_translations", "--fix-typography", stdout=StringIO())

    after = path.read_text(encoding="utf-8").splitlines()
    assert style_errors(path) == []
    assert len(after) == len(before)
    assert [line for line in after if line not in before] == [
        f'msgstr "Raison{NBSP}: oui"',
        f'"Est-ce fait{NNBSP}"',
        f'"? Un long message «{NBSP}cité{NBSP}»"',
        f'msgstr "fait à %(n)s{NBSP}%%"',
        f'msgstr "Rapport{NBSP}: 100{NBSP}%"',
    ]


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="GNU gettext is not installed")
@pytest.mark.parametrize(
    ("msgstr", "valid"),
    [
        ("{email} marquée.", True),
        ("{emial} marquée.", False),
        ("marquée.", False),
        ("marquée {email", False),
    ],
)
def test_brace_format_strings_are_checked_as_gnu_msgfmt_checks_them(tmp_path, msgstr, valid):
    path = write_catalogue(
        tmp_path, entry("Marked {email} as verified.", msgstr, "#, python-brace-format\n")
    )

    checked = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], check=False)

    assert (catalogue_errors(path) == []) == valid
    assert (checked.returncode == 0) == valid


def test_the_lint_check_is_fast_on_the_real_catalogues():
    started = time.perf_counter()

    call_command("compile_translations", "--check", stdout=StringIO())

    assert time.perf_counter() - started < 1
