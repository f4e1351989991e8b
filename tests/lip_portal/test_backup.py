"""`manage.py backup` and `manage.py restore` (make backup, make restore): the database and the
media folder in one archive, put back on another machine, where the report PDFs are served.

The round trips restore in portal processes of their own (`manage.py` with a DATABASE_URL and a
MEDIA_ROOT of their own), as a restore onto a fresh machine does."""

import hashlib
import importlib.metadata
import io
import json
import os
import re
import subprocess
import sys
import tarfile
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from .published_report import PDF_URL, publish_report_with_pdfs

BASE_DIR = Path(__file__).resolve().parents[2]

# Prints the status and the SHA-256 of the body of a GET, as the portal answers it.
SERVE = (
    "import hashlib; from django.test import Client; "
    "response = Client().get({url!r}); "
    "body = b''.join(response.streaming_content) if response.streaming else response.content; "
    "print(response.status_code, hashlib.sha256(body).hexdigest())"
)

TABLES = (
    "import json; from django.db import connection; "
    "print(json.dumps(sorted(connection.introspection.table_names())))"
)

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="pg_dump and pg_restore need PostgreSQL"
)


def portal_env(*, database_url, media_root):
    """A production-like portal of its own: DEBUG off, no Redis, its own database and media."""
    env = {key: value for key, value in os.environ.items() if key not in {"REDIS_URL"}}
    env.update(
        DATABASE_URL=database_url,
        MEDIA_ROOT=str(media_root),
        DEBUG="false",
        ALLOWED_HOSTS="testserver",
        SECRET_KEY="backup-test-key-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJ",
    )
    return env


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


def portal(*args, env):
    """Run a management command that must succeed; its output."""
    result = manage(*args, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout


def sha256(content):
    return hashlib.sha256(content).hexdigest()


def write_archive(path, members):
    """A .tar.gz holding these names and contents (a manifest given as a dict is JSON)."""
    with tarfile.open(path, "w:gz") as archive:
        for name, content in members.items():
            data = json.dumps(content).encode() if isinstance(content, dict) else content
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


def manifest(**changes):
    engine = connection.vendor
    return {
        "format": "lip-portal-backup",
        "format_version": 1,
        "created_at": "2026-11-29T12:00:00-05:00",
        "database_engine": engine,
        "database_file": {"postgresql": "database.dump", "sqlite": "database.sqlite3"}[engine],
        "migrations": ["reports.0001_initial"],
        "portal_version": "0.1.0",
        "media_files": 0,
        "media_bytes": 0,
        **changes,
    }


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def scratch_postgresql():
    """An empty PostgreSQL database named after the test database, dropped at the end."""
    name = f"{connection.settings_dict['NAME']}_restored"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield urlparse(os.environ["DATABASE_URL"])._replace(path=f"/{name}").geturl()
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- Round trips ----------------------------------------------------------------------------


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_a_postgresql_backup_restored_into_an_empty_database_serves_the_report_pdf(
    media, tmp_path, scratch_postgresql
):
    version = publish_report_with_pdfs()
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=str(archive), stdout=io.StringIO())

    database_url = scratch_postgresql
    env = portal_env(database_url=database_url, media_root=tmp_path / "restored-media")
    portal("restore", "--yes", str(archive), env=env)

    served = portal("shell", "--no-imports", "-c", SERVE.format(url=PDF_URL), env=env)
    assert served.split() == ["200", sha256(Path(version.pdf_en.path).read_bytes())]


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_a_postgresql_restore_drops_tables_the_backup_does_not_have(
    media, tmp_path, scratch_postgresql
):
    """As on a machine where the portal already migrated (newer code) before the restore."""
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=str(archive), stdout=io.StringIO())
    database_url = scratch_postgresql
    subprocess.run(
        ["psql", "-X", "-q", database_url, "-c", "CREATE TABLE from_a_newer_version (id int)"],
        check=True,
    )
    env = portal_env(database_url=database_url, media_root=tmp_path / "restored-media")
    portal("restore", "--yes", str(archive), env=env)

    restored = json.loads(portal("shell", "--no-imports", "-c", TABLES, env=env))
    assert restored == sorted(connection.introspection.table_names())


def test_a_sqlite_backup_restored_on_another_machine_serves_the_report_pdf(tmp_path):
    """The embedded default, as on a laptop: no DATABASE_URL, no Redis."""
    source = portal_env(
        database_url=f"sqlite:///{tmp_path / 'db.sqlite3'}", media_root=tmp_path / "media"
    )
    migrate_and_publish = (
        "from django.core.management import call_command; call_command('migrate', verbosity=0); "
        "from tests.lip_portal.published_report import publish_report_with_pdfs as p; p()"
    )
    portal("shell", "--no-imports", "-c", migrate_and_publish, env=source)
    archive = tmp_path / "backup.tar.gz"
    portal("backup", "--output", str(archive), env=source)

    target = portal_env(
        database_url=f"sqlite:///{tmp_path / 'restored.sqlite3'}",
        media_root=tmp_path / "restored-media",
    )
    portal("restore", "--yes", str(archive), env=target)

    served = portal("shell", "--no-imports", "-c", SERVE.format(url=PDF_URL), env=target)
    [original] = (tmp_path / "media").rglob("*-en.pdf")
    assert served.split() == ["200", sha256(original.read_bytes())]


# --- The archive ----------------------------------------------------------------------------
# SQLite's backup waits for the connection's open transaction, so these commit, as a real run.


@pytest.fixture
def backup_archive(transactional_db, media, tmp_path):
    """A backup of the test database and of a media folder holding one PDF."""
    (media / "reports").mkdir(parents=True)
    (media / "reports" / "annual.pdf").write_bytes(b"%PDF-1.7 " + os.urandom(100_000))
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=str(archive), stdout=io.StringIO())
    return archive


def test_backup_archive_holds_a_manifest_the_database_and_the_media(backup_archive, media):
    with tarfile.open(backup_archive) as opened:
        names = opened.getnames()
        written = json.load(opened.extractfile("manifest.json"))
        pdf = opened.extractfile("media/reports/annual.pdf").read()
    assert names[0] == "manifest.json"
    assert written["database_file"] in names
    assert written["database_engine"] == connection.vendor
    assert "reports.0001_initial" in written["migrations"]
    assert written["media_files"] == 1
    assert written["portal_version"] == importlib.metadata.version("lip-portal")
    assert pdf == (media / "reports" / "annual.pdf").read_bytes()


def test_backup_archive_is_readable_by_its_owner_only(backup_archive):
    assert backup_archive.stat().st_mode & 0o777 == 0o600


@pytest.mark.django_db(transaction=True)
def test_backup_into_a_folder_names_the_archive_after_the_date(media, tmp_path):
    call_command("backup", output=str(tmp_path), stdout=io.StringIO())
    [archive] = tmp_path.glob("*.tar.gz")
    assert re.fullmatch(r"lip-portal-\d{8}-\d{6}\.tar\.gz", archive.name)


def test_backup_says_clearly_where_it_cannot_write(media, tmp_path):
    (tmp_path / "a-file").write_text("")
    with pytest.raises(CommandError, match=r"Cannot write .*--output -"):
        call_command("backup", output=str(tmp_path / "a-file" / "backup.tar.gz"))


def test_backup_refuses_a_database_that_holds_no_portal(tmp_path):
    """A DATABASE_URL naming the wrong file is said, rather than an empty archive written."""
    env = portal_env(
        database_url=f"sqlite:///{tmp_path / 'mistyped.sqlite3'}", media_root=tmp_path / "media"
    )
    result = manage("backup", "--output", str(tmp_path / "backup.tar.gz"), env=env)
    assert result.returncode == 1
    assert "(it was never migrated): check DATABASE_URL" in result.stderr
    assert not list(tmp_path.glob("backup.tar.gz*"))


def test_a_sqlite_backup_inside_a_transaction_is_refused_rather_than_left_waiting(tmp_path):
    env = portal_env(
        database_url=f"sqlite:///{tmp_path / 'db.sqlite3'}", media_root=tmp_path / "media"
    )
    inside_a_transaction = (
        "from django.core.management import call_command\n"
        "from django.db import transaction\n"
        "with transaction.atomic():\n"
        f"    call_command('backup', output={str(tmp_path / 'backup.tar.gz')!r})\n"
    )
    result = manage("shell", "--no-imports", "-c", inside_a_transaction, env=env)
    assert "A backup of SQLite cannot run inside a transaction." in result.stderr


# --- Restore refuses what is not a backup of this portal ------------------------------------


def test_restore_refuses_a_file_that_is_not_an_archive(media, tmp_path):
    spreadsheet = tmp_path / "progress.csv"
    spreadsheet.write_text("item,status\n1,completed\n")
    with pytest.raises(CommandError, match="is not a backup of the portal: it is not a"):
        call_command("restore", str(spreadsheet), yes=True)


def test_restore_refuses_an_archive_cut_short(backup_archive):
    backup_archive.write_bytes(backup_archive.read_bytes()[: backup_archive.stat().st_size // 2])
    with pytest.raises(CommandError, match="not a complete .tar.gz archive"):
        call_command("restore", str(backup_archive), yes=True)


def test_restore_refuses_an_archive_without_a_manifest(media, tmp_path):
    archive = write_archive(tmp_path / "other.tar.gz", {"media/a.pdf": b"%PDF"})
    with pytest.raises(CommandError, match="it has no manifest.json"):
        call_command("restore", str(archive), yes=True)


def test_restore_refuses_an_archive_of_something_else(media, tmp_path):
    archive = write_archive(
        tmp_path / "other.tar.gz", {"manifest.json": {"name": "another project"}}
    )
    with pytest.raises(CommandError, match="its manifest.json is not the portal's"):
        call_command("restore", str(archive), yes=True)


def test_restore_refuses_an_archive_that_writes_outside_its_folder(media, tmp_path):
    archive = write_archive(
        tmp_path / "hostile.tar.gz",
        {"manifest.json": manifest(), "media/../../../etc/cron.d/job": b"* * * * * root sh"},
    )
    with pytest.raises(CommandError, match="which a backup never does"):
        call_command("restore", str(archive), yes=True)


def test_restore_refuses_a_backup_of_the_other_database_engine(media, tmp_path):
    other = "sqlite" if connection.vendor == "postgresql" else "postgresql"
    files = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
    archive = write_archive(
        tmp_path / "backup.tar.gz",
        {
            "manifest.json": manifest(database_engine=other, database_file=files[other]),
            files[other]: b"a database",
        },
    )
    with pytest.raises(CommandError, match="restore it where the portal uses"):
        call_command("restore", str(archive), yes=True)


def test_restore_refuses_a_backup_made_by_a_newer_portal(media, tmp_path):
    written = manifest(migrations=["reports.0001_initial", "reports.9999_from_the_future"])
    archive = write_archive(
        tmp_path / "backup.tar.gz",
        {"manifest.json": written, written["database_file"]: b"a database"},
    )
    with pytest.raises(CommandError, match="newer version of the portal.*9999_from_the_future"):
        call_command("restore", str(archive), yes=True)


def test_restore_changes_nothing_unless_confirmed(backup_archive, media, monkeypatch):
    (media / "uploaded-after.pdf").write_bytes(b"%PDF")
    monkeypatch.setattr("builtins.input", lambda prompt: "no")
    out = io.StringIO()

    call_command("restore", str(backup_archive), stdout=out)

    assert "This replaces everything in the" in out.getvalue()
    assert "Nothing was restored." in out.getvalue()
    assert (media / "uploaded-after.pdf").exists()


def test_restore_from_standard_input_needs_yes():
    with pytest.raises(CommandError, match="add --yes"):
        call_command("restore", "-")


# --- The docker-compose deployment ----------------------------------------------------------


def test_the_image_pg_dump_can_dump_the_compose_database():
    """pg_dump refuses a server of a newer major version than its own."""
    compose = yaml.safe_load((BASE_DIR / "docker-compose.yml").read_text())
    server = int(re.fullmatch(r"postgres:(\d+).*", compose["services"]["db"]["image"]).group(1))
    client = re.search(r"postgresql-client-(\d+)", (BASE_DIR / "Dockerfile").read_text())
    assert client, "the image installs no versioned PostgreSQL client"
    assert int(client.group(1)) >= server
