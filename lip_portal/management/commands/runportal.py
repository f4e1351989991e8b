"""`manage.py runportal [addrport]`: the portal as `make run` serves it, with its scheduled work.

Three processes, each in a process group of its own: Django's development server, a Celery
worker and Celery beat, with the tasks and the schedule of production (CELERY_BEAT_SCHEDULE).
Without a broker configured (no BROKER_URL, no REDIS_URL), they share one that needs no server:
kombu's filesystem transport, its queue in files under BROKER_FOLDER. Links in emails point at
the address served, unless PORTAL_BASE_URL says otherwise.

Ctrl-C (SIGINT), SIGTERM or SIGHUP stops all three, and so does any of them stopping: each is
asked to stop (the worker finishes the task in hand), and whatever of its group is left after
STOP_SECONDS is killed, so nothing is left running.
"""

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Mapping
from pathlib import Path
from types import FrameType
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

EMBEDDED_BROKER_URL = "filesystem://localhost/"
# How long each process has to stop by itself before the rest of its group is killed.
STOP_SECONDS = 15


def base_url(addrport: str) -> str:
    """The address people reach a development server at, from runserver's `addrport`."""
    host, _colon, port = addrport.rpartition(":")
    if host in {"", "0", "0.0.0.0", "[::]"}:  # noqa: S104 (a wildcard is reached locally)
        host = "127.0.0.1"
    return f"http://{host}:{port}"


def child_environment(addrport: str, environ: Mapping[str, str]) -> dict[str, str]:
    """The environment of the three processes: `environ`, with the embedded broker when none is
    configured, and the served address for links in emails unless PORTAL_BASE_URL is set."""
    environment = dict(environ)
    if not (environment.get("BROKER_URL") or environment.get("REDIS_URL")):
        environment["BROKER_URL"] = EMBEDDED_BROKER_URL
    if not environment.get("PORTAL_BASE_URL"):
        environment["PORTAL_BASE_URL"] = base_url(addrport)
    return environment


def commands(*, addrport: str, schedule: Path, reload: bool = True) -> dict[str, list[str]]:
    """What runs: the development server, a worker and beat (with the options compose gives
    them; gossip, mingle and heartbeats, which only matter between workers, are off)."""
    celery = [sys.executable, "-m", "celery", "-A", "lip_portal"]
    server = [sys.executable, str(settings.BASE_DIR / "manage.py"), "runserver", addrport]
    return {
        "portal": server if reload else [*server, "--noreload"],
        "worker": [
            *celery,
            "worker",
            "--loglevel=INFO",
            "--concurrency=2",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        "beat": [*celery, "beat", "--loglevel=INFO", f"--schedule={schedule}"],
    }


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _signal_group(pgid: int, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pgid, signum)


def processes_stop(children: Mapping[str, "subprocess.Popen[bytes]"]) -> None:
    """Ask each process to stop as Ctrl-C in its own terminal would (the server and its reloader
    child: SIGINT; the worker, SIGTERM: its warm shutdown, which ends its pool; beat, SIGTERM),
    then end what is left of each group: SIGTERM, and SIGKILL 5 s later."""
    for name, child in children.items():
        if child.poll() is None:
            if name == "portal":
                _signal_group(child.pid, signal.SIGINT)
            else:
                child.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + STOP_SECONDS
    for child in children.values():
        with contextlib.suppress(subprocess.TimeoutExpired):
            child.wait(timeout=max(0.1, deadline - time.monotonic()))
    # The development server's reloader child, the worker's pool: what outlived its leader.
    for child in children.values():
        _signal_group(child.pid, signal.SIGTERM)
    deadline = time.monotonic() + 5
    while any(_group_alive(child.pid) for child in children.values()):
        if time.monotonic() > deadline:
            for child in children.values():
                _signal_group(child.pid, signal.SIGKILL)
            break
        time.sleep(0.1)
    for child in children.values():
        try:
            child.wait(timeout=5)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


class Command(BaseCommand):
    help = (
        "Serve the portal with the development server, and run a Celery worker and beat beside "
        "it (on a broker in files when none is configured). Ctrl-C stops all three."
    )
    # The server checks the project itself; the worker and beat need no check.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument(
            "--schedule",
            type=Path,
            default=settings.BASE_DIR / "var" / "celerybeat-schedule",
            help="beat's record of when each scheduled task last ran",
        )
        parser.add_argument(
            "--noreload",
            action="store_false",
            dest="reload",
            help="do not restart the server when the code changes",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        addrport: str = options["addrport"]
        schedule: Path = options["schedule"]
        schedule.parent.mkdir(parents=True, exist_ok=True)
        environment = child_environment(addrport, os.environ)
        broker = environment.get("BROKER_URL") or environment.get("REDIS_URL", "")
        where = f" in {settings.BROKER_FOLDER}" if broker == EMBEDDED_BROKER_URL else ""
        self.stdout.write(
            f"A Celery worker and beat run the scheduled work, on the broker {broker}{where}; "
            f"emails link to {environment['PORTAL_BASE_URL']}. Ctrl-C stops all three."
        )
        stop = threading.Event()

        def request_stop(signum: int, frame: FrameType | None) -> None:
            stop.set()

        for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(signum, request_stop)
        children: dict[str, subprocess.Popen[bytes]] = {}
        exit_code = 0
        try:
            for name, argv in commands(
                addrport=addrport, schedule=schedule, reload=options["reload"]
            ).items():
                # A group of its own: the terminal's Ctrl-C reaches this process only, which
                # stops each in turn, and what each started goes with it.
                children[name] = subprocess.Popen(  # noqa: S603 (our own interpreter)
                    argv, env=environment, cwd=settings.BASE_DIR, process_group=0
                )
            while not stop.wait(0.5):
                exited = [name for name, child in children.items() if child.poll() is not None]
                if exited:
                    exit_code = children[exited[0]].returncode or 0
                    self.stderr.write(
                        f"The {exited[0]} stopped (exit code {exit_code}); stopping the others."
                    )
                    break
        finally:
            processes_stop(children)
        self.stdout.write("The portal, the worker and beat have stopped.")
        if exit_code:
            raise SystemExit(exit_code)
