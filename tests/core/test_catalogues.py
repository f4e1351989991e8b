import shutil
import subprocess
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

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
