"""Back up and restore the portal: its database and its media folder, in one .tar.gz archive.

An archive holds `manifest.json` (what it is, when it was made, the database engine, the
migrations applied, the portal's version), the database (PostgreSQL: pg_dump's custom format;
SQLite: a copy made with SQLite's online backup API, safe while the portal runs) and `media/`
(MEDIA_ROOT: the report PDFs). Redis holds nothing to back up: sessions live in the database;
the cache and the task queue only speed up or carry out what the database already records.

The database is dumped before the media folder is read: every file the dump refers to was
complete before the dump began, so the archive holds it.
"""

import gzip
import importlib.metadata
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from pathlib import Path, PurePosixPath

import django
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.db.backends.postgresql.client import DatabaseClient
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

from core import page_cache

FORMAT = "lip-portal-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MEDIA = "media"
DATABASE_FILES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
ENGINE_NAMES = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}

# Runs in the same transaction as the dump's script: the tables of the database being replaced
# go, including any that a later migration added, so the restored database is exactly the dump.
_DROP_TABLES = """
SET client_min_messages = warning;
DO $$
DECLARE name text;
BEGIN
  FOR name IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() LOOP
    EXECUTE format('DROP TABLE IF EXISTS %I CASCADE', name);
  END LOOP;
END $$;
"""
_UNREADABLE = (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile)


class BackupError(Exception):
    """What went wrong, said for the person making or restoring a backup."""


def default_archive_name():
    return f"lip-portal-{timezone.localtime().strftime('%Y%m%d-%H%M%S')}.tar.gz"


def describe_database():
    """The configured database, for messages (never its password)."""
    name = connection.settings_dict["NAME"]
    if _engine() == "postgresql":
        host = connection.settings_dict.get("HOST") or "localhost"
        return f'the PostgreSQL database "{name}" on {host}'
    return f"the SQLite database {name}"


# --- Backup ---------------------------------------------------------------------------------


def backup_create(path):
    """Write an archive of the database and MEDIA_ROOT at `path`, readable by its owner only
    (it holds personal data), and return its manifest. A backup that fails leaves no file."""
    path = Path(path)
    partial = path.with_name(path.name + ".partial")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    except OSError as error:
        raise BackupError(
            f"Cannot write {path} ({error.strerror}): choose another place with --output, "
            "or --output - to write the archive to standard output."
        ) from None
    try:
        with os.fdopen(descriptor, "wb") as stream:
            manifest = backup_write(stream)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return manifest


def backup_write(stream):
    """Write an archive of the database and MEDIA_ROOT to `stream` (a binary file, which may be
    a pipe) and return its manifest."""
    engine = _engine()
    if engine == "sqlite" and connection.in_atomic_block:
        # SQLite's backup waits for the connection's own open transaction: forever.
        raise BackupError("A backup of SQLite cannot run inside a transaction.")
    media_root = Path(settings.MEDIA_ROOT)
    if not MigrationRecorder(connection).has_table():
        raise BackupError(
            f"There is no portal in {describe_database()} (it was never migrated): check "
            "DATABASE_URL. Nothing was backed up."
        )
    with tempfile.TemporaryDirectory(prefix="lip-backup-") as workdir:
        database_file = Path(workdir) / DATABASE_FILES[engine]
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created_at": timezone.localtime().isoformat(timespec="seconds"),
            "database_engine": engine,
            "database_file": database_file.name,
            "migrations": sorted(
                f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations()
            ),
            "portal_version": _portal_version(),
            "django_version": django.get_version(),
        }
        _dump_database(engine, database_file)
        media_files = sorted(file for file in media_root.rglob("*") if file.is_file())
        manifest["media_files"] = len(media_files)
        manifest["media_bytes"] = sum(file.stat().st_size for file in media_files)
        with tarfile.open(fileobj=stream, mode="w|gz") as archive:
            content = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mode, info.mtime = len(content), 0o644, int(timezone.now().timestamp())
            archive.addfile(info, io.BytesIO(content))
            archive.add(database_file, arcname=database_file.name, filter=_without_owner)
            for file in media_files:
                name = f"{MEDIA}/{file.relative_to(media_root).as_posix()}"
                archive.add(file, arcname=name, recursive=False, filter=_without_owner)
    return manifest


def _without_owner(info):
    """Files are restored as whoever restores them, whoever made the backup."""
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def _dump_database(engine, target):
    if engine == "sqlite":
        connection.ensure_connection()
        copy = sqlite3.connect(target)
        try:
            connection.connection.backup(copy)
        finally:
            copy.close()
    else:
        _run_postgresql_client(
            "pg_dump", ["--format=custom", "--no-owner", "--no-privileges", f"--file={target}"]
        )


# --- Restore --------------------------------------------------------------------------------


def backup_restore(path, *, confirm=lambda manifest: True):
    """Replace the configured database and everything in MEDIA_ROOT with the archive at `path`,
    then apply the migrations this code has and the archive's database lacks.

    The whole archive is read and checked before anything changes; `confirm(manifest)` is
    asked then, and nothing changes unless it answers True. The database is replaced in one
    transaction, so a restore that fails leaves it as it was. Returns the manifest and the
    number of migrations applied, or None when not confirmed.
    """
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"There is no file {path}.")
    with tempfile.TemporaryDirectory(prefix="lip-restore-") as workdir:
        workdir = Path(workdir)
        try:
            with tarfile.open(path, "r:gz") as archive:
                members = archive.getmembers()
                _check_members(members, path)
                manifest = _read_manifest(archive, members, path)
                _check_restorable_here(manifest, path)
                if not confirm(manifest):
                    return None
                archive.extractall(workdir, members=members, filter="data")
        except _UNREADABLE:
            raise _not_a_backup(path, "it is not a complete .tar.gz archive") from None
        _restore_database(manifest["database_engine"], workdir / manifest["database_file"])
        _replace_media(workdir / MEDIA, Path(settings.MEDIA_ROOT))
    executor = MigrationExecutor(connection)
    missing = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if missing:
        call_command("migrate", interactive=False, verbosity=0)
    # Pages cached from the database that was replaced are stale from now on.
    page_cache.bump()
    return {"manifest": manifest, "migrations_applied": len(missing)}


def _not_a_backup(path, why):
    return BackupError(f"{path} is not a backup of the portal: {why}. Nothing was changed.")


def _check_members(members, path):
    """Only what a backup holds, and nothing that could land outside the folder it goes to."""
    expected_files = {MANIFEST, *DATABASE_FILES.values()}
    for member in members:
        parts = PurePosixPath(member.name).parts
        inside = bool(parts) and not member.name.startswith("/") and ".." not in parts
        expected = member.name in expected_files or (inside and parts[0] == MEDIA)
        if not (inside and expected and (member.isfile() or member.isdir())):
            raise _not_a_backup(path, f"it holds {member.name!r}, which a backup never does")


def _read_manifest(archive, members, path):
    if MANIFEST not in {member.name for member in members}:
        raise _not_a_backup(path, f"it has no {MANIFEST}")
    try:
        manifest = json.loads(archive.extractfile(MANIFEST).read())
    except (ValueError, *_UNREADABLE):
        manifest = None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _not_a_backup(path, f"its {MANIFEST} is not the portal's")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(
            f"{path} is in backup format {manifest.get('format_version')!r}, and this version "
            f"of the portal reads format {FORMAT_VERSION}. Nothing was changed."
        )
    engine = manifest.get("database_engine")
    files = {member.name for member in members if member.isfile()}
    if (
        engine not in DATABASE_FILES
        or manifest.get("database_file") != DATABASE_FILES[engine]
        or DATABASE_FILES[engine] not in files
        or not isinstance(manifest.get("migrations"), list)
    ):
        raise _not_a_backup(path, f"its {MANIFEST} is damaged or its database is missing")
    return manifest


def _check_restorable_here(manifest, path):
    engine, here = manifest["database_engine"], _engine()
    if engine != here:
        raise BackupError(
            f"{path} holds a {ENGINE_NAMES[engine]} database, and the portal here uses "
            f"{ENGINE_NAMES[here]} (DATABASE_URL): restore it where the portal uses "
            f"{ENGINE_NAMES[engine]}. Nothing was changed."
        )
    # A database from newer code would not fit this code: the portal's own migrations tell.
    own_apps = {
        config.label
        for config in apps.get_app_configs()
        if Path(config.path).parent == Path(settings.BASE_DIR)
    }
    known = {f"{app}.{name}" for app, name in MigrationLoader(None).disk_migrations}
    newer = [
        name
        for name in manifest["migrations"]
        if name.split(".", 1)[0] in own_apps and name not in known
    ]
    if newer:
        raise BackupError(
            f"{path} was made by a newer version of the portal (its database has migrations "
            f"this code does not: {', '.join(newer[:3])}). Update the portal, then restore. "
            "Nothing was changed."
        )


def _restore_database(engine, database_file):
    if engine == "sqlite":
        source = sqlite3.connect(f"{database_file.as_uri()}?mode=ro", uri=True)
        try:
            if source.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise BackupError("The archive's SQLite database is damaged. Nothing was changed.")
            connection.ensure_connection()
            # One step: the configured database is replaced whole or not at all.
            source.backup(connection.connection)
        except sqlite3.DatabaseError as error:
            raise BackupError(f"Could not restore the SQLite database: {error}.") from None
        finally:
            source.close()
        return
    # psql and pg_restore connect on their own; this process's connections are stale after.
    connection.close()
    connection.close_pool()
    script = database_file.with_suffix(".sql")
    prelude = database_file.with_suffix(".prelude.sql")
    prelude.write_text(_DROP_TABLES)
    _run_postgresql_client(
        "pg_restore",
        ["--no-owner", "--no-privileges", "--no-comments", f"--file={script}", str(database_file)],
        connect=False,
    )
    _run_postgresql_client(
        "psql",
        ["-X", "-q", "-v", "ON_ERROR_STOP=1", "--single-transaction"]
        + ["-f", str(prelude), "-f", str(script)],
    )


def _replace_media(source, media_root):
    media_root.mkdir(parents=True, exist_ok=True)
    for child in media_root.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    if source.is_dir():
        for child in source.iterdir():
            shutil.move(child, media_root / child.name)


# --- Helpers --------------------------------------------------------------------------------


def _engine():
    if connection.vendor not in DATABASE_FILES:
        raise BackupError(f"Backups cover PostgreSQL and SQLite, not {connection.vendor}.")
    return connection.vendor


def _portal_version():
    try:
        return importlib.metadata.version("lip-portal")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def _run_postgresql_client(program, arguments, *, connect=True):
    """Run pg_dump, pg_restore or psql with the configured database's connection settings
    (the password in the environment, never on the command line)."""
    if connect:
        args, env = DatabaseClient.settings_to_cmd_args_env(connection.settings_dict, arguments)
        args[0] = program
    else:
        args, env = [program, *arguments], None
    try:
        result = subprocess.run(  # noqa: S603 (arguments from settings, no shell)
            args, env={**os.environ, **(env or {})}, capture_output=True, text=True
        )
    except FileNotFoundError:
        raise BackupError(
            f"{program} is not installed here: install the PostgreSQL client programs "
            "(apt-get install postgresql-client), of the server's major version or newer."
        ) from None
    if result.returncode:
        hint = ""
        if "version mismatch" in result.stderr:
            hint = " pg_dump must be of the server's major version or newer."
        raise BackupError(f"{program} failed: {result.stderr.strip()}{hint}")
