"""Load the served portal and the bare view with wrk, then a consultation burst; print tables.

Run by bin/bench once both servers are up:
    python -m bench.run --portal http://127.0.0.1:8601 --baseline http://127.0.0.1:8602 \
        --dsn postgres://postgres@127.0.0.1:5432/lip_bench_10 --factor 10
It reads what to load (the latest report, an item, a group) from the database, and needs no
Django: only wrk on the PATH and psycopg.
"""

import argparse
import http.cookiejar
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import psycopg

HERE = Path(__file__).resolve().parent
LUA = HERE / "latency.lua"
PARTNER = ("partner@demo.lip", "demo-lip-2026")
CLOSED_SLUG = "belonging-survey-2025"
OPEN_SLUG = "newcomer-services-2026"


def fiscal_label(start_year):
    return f"{start_year}-{(start_year + 1) % 100:02d}"


def pages_to_load(dsn):
    """[(label, path)] of every public page family, read from the seeded database."""
    with psycopg.connect(dsn) as db:
        (report_year,) = db.execute(
            "select max(r.fiscal_year) from reports_annualreport r "
            "join reports_reportversion v on v.report_id = r.id"
        ).fetchone()
        (item_id,) = db.execute(
            "select i.id from actionplans_actionitem i "
            "join actionplans_annualactionplan p on p.id = i.annual_plan_id "
            "where p.status = 'approved' order by p.fiscal_year desc, i.version desc, i.id "
            "limit 1"
        ).fetchone()
        (group_slug,) = db.execute(
            "select slug from pillars_group where kind = 'council' order by id limit 1"
        ).fetchone()
    return [
        ("/", "/"),
        ("/plan/", "/plan/"),
        ("/fr/plan/", "/fr/plan/"),
        ("/decisions/", "/decisions/"),
        ("/reports/", "/reports/"),
        (f"/reports/{fiscal_label(report_year)}/", f"/reports/{fiscal_label(report_year)}/"),
        ("consultation results", f"/consultations/{CLOSED_SLUG}/results/"),
        ("/actions/<id>/", f"/actions/{item_id}/"),
        ("/partners/", "/partners/"),
        ("/consultations/", "/consultations/"),
        ("/data/", "/data/"),
        ("/data/datapackage.json", "/data/datapackage.json"),
        ("/data/popolo.json", "/data/popolo.json"),
        ("/practices/", "/practices/"),
        ("/network/", "/network/"),
        ("/search/?q=newcomer", "/search/?q=newcomer"),
        ("group page", f"/groups/{group_slug}/"),
    ]


# --- wrk ------------------------------------------------------------------------------------


def wrk(url, *, seconds, connections, threads, cookie=None):
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(LUA),
        url,
    ]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    # The command is wrk with our own arguments, no shell.
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    line = next((ln for ln in output.splitlines() if ln.startswith("BENCH ")), None)
    if line is None:
        raise RuntimeError(f"wrk printed no results for {url}:\n{output}")
    values = dict(pair.split("=") for pair in line.split()[1:])
    values = {key: int(value) for key, value in values.items()}
    duration = values["duration_us"] / 1e6
    errors = sum(values[k] for k in ("connect", "read", "write", "status", "timeout"))
    return {
        "rps": values["requests"] / duration if duration else 0.0,
        "p50": values["p50"] / 1000,
        "p95": values["p95"] / 1000,
        "errors": errors,
        "requests": values["requests"],
        "kb": values["bytes"] / max(1, values["requests"]) / 1024,
    }


# --- Signing in -----------------------------------------------------------------------------


def _opener():
    jar = http.cookiejar.CookieJar()

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    return opener, jar


def _cookie(jar, name):
    return next((c.value for c in jar if c.name == name), None)


CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _request(url, data=None):
    if not url.startswith(("http://", "https://")):
        raise ValueError(f"Not a web address: {url}")
    return urllib.request.Request(url, data=data)  # noqa: S310  (http only, checked above)


def _open(opener, request):
    try:
        response = opener.open(request, timeout=30)
    except urllib.error.HTTPError as error:  # redirects and errors alike
        response = error
    with response:
        return response.status, response.read().decode("utf-8", "replace")


def sign_in(base):
    """A session cookie for the demo partner, through the sign-in form with its CSRF token."""
    opener, jar = _opener()
    status, html = _open(opener, _request(f"{base}/accounts/login/"))
    token = CSRF_INPUT.search(html).group(1)
    data = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "login": PARTNER[0], "password": PARTNER[1]}
    ).encode()
    status, _html = _open(opener, _request(f"{base}/accounts/login/", data))
    session = _cookie(jar, "sessionid")
    if status != 302 or not session:
        raise RuntimeError(f"Signing in as {PARTNER[0]} failed (HTTP {status}).")
    return f"sessionid={session}; csrftoken={_cookie(jar, 'csrftoken')}"


# --- The consultation burst -----------------------------------------------------------------

INPUT = re.compile(r"<(?:input|textarea)\b[^>]*>")
ATTR = re.compile(r'(\w[\w-]*)="([^"]*)"')


ANSWERS = [
    "Evening classes near the bus routes.",
    "A guide to services in my language.",
    "Employers who call back, even to say no.",
]


def _form_fields(html):
    """(hidden values, {question field: [choice values]}, checkbox fields) of the form; a
    free-text question gets one of a few answers as its only choice."""
    hidden, choices, several = {}, {}, set()
    for tag in INPUT.findall(html):
        attrs = dict(ATTR.findall(tag))
        kind, name = attrs.get("type"), attrs.get("name", "")
        if name.startswith("q_") and (tag.startswith("<textarea") or kind == "text"):
            choices[name] = ANSWERS
        elif kind == "hidden":
            hidden[name] = attrs.get("value", "")
        elif kind in ("radio", "checkbox") and name.startswith("q_"):
            choices.setdefault(name, []).append(attrs["value"])
            if kind == "checkbox":
                several.add(name)
    return hidden, choices, several


def prepare_submission(url, rng_seed):
    """One visitor opens the form (a CSRF cookie and a one-time token) and answers it: the
    (cookie header, form body) to send, or an outcome string if the form did not open."""
    rng = random.Random(rng_seed)
    opener, jar = _opener()
    status, html = _open(opener, _request(url))
    if status != 200:
        return f"GET {status}"
    hidden, choices, several = _form_fields(html)
    fields = [(k, v) for k, v in hidden.items() if k in ("csrfmiddlewaretoken", "token")]
    for name, values in choices.items():
        picked = rng.sample(values, rng.randint(1, 2)) if name in several else [rng.choice(values)]
        fields += [(name, value) for value in picked]
    return f"csrftoken={_cookie(jar, 'csrftoken')}", urllib.parse.urlencode(fields)


def count_responses(dsn, slug):
    with psycopg.connect(dsn) as db:
        return db.execute(
            "select count(*) from consultations_response r join consultations_consultation c "
            "on c.id = r.consultation_id where c.slug = %s",
            [slug],
        ).fetchone()[0]


def burst(base, dsn, *, total, concurrency, threads, work_dir):
    """Open `total` consultation forms (not timed: Python is the client), then send every
    submission at once with wrk and time it until the database holds them all."""
    path = f"/consultations/{OPEN_SLUG}/?lang=en"
    prepared, outcomes = [], {}
    lock = threading.Lock()
    counter = iter(range(total))

    def opener_worker():
        while True:
            with lock:
                number = next(counter, None)
            if number is None:
                return
            try:
                outcome = prepare_submission(f"{base}{path}", number)
            except OSError as error:
                outcome = type(error).__name__
            with lock:
                if isinstance(outcome, tuple):
                    prepared.append(outcome)
                else:
                    outcomes[outcome] = outcomes.get(outcome, 0) + 1

    started = time.monotonic()
    workers = [threading.Thread(target=opener_worker) for _ in range(concurrency)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    forms_seconds = time.monotonic() - started

    burst_file = Path(work_dir) / "burst.tsv"
    burst_file.write_text("".join(f"{cookie}\t{body}\n" for cookie, body in prepared))
    before = count_responses(dsn, OPEN_SLUG)
    environment = {
        **os.environ,
        "BURST_FILE": str(burst_file),
        "BURST_PATH": path,
        "BURST_THREADS": str(threads),
    }
    command = ["wrk", f"-t{threads}", f"-c{concurrency}", "-d60s", "--timeout", "10s"]
    command += ["-s", str(HERE / "burst.lua"), base]
    started = time.monotonic()
    # The command is wrk with our own arguments, no shell.
    load = subprocess.Popen(command, env=environment, stdout=subprocess.PIPE, text=True)  # noqa: S603
    # Done when the database holds every submission, or holds no more for 3 s (some lost).
    stored, finished = 0, started
    while load.poll() is None:
        now_stored = count_responses(dsn, OPEN_SLUG) - before
        if now_stored > stored:
            stored, finished = now_stored, time.monotonic()
        if stored >= len(prepared) or time.monotonic() - finished > 3:
            break
        time.sleep(0.05)
    load.send_signal(signal.SIGINT)  # wrk prints its summary and exits
    load.communicate()
    stored = count_responses(dsn, OPEN_SLUG) - before
    seconds = finished - started
    outcomes["stored"] = stored
    lost = len(prepared) - stored
    if lost:
        outcomes["not stored"] = lost
    return {
        "sent": len(prepared),
        "stored": stored,
        "seconds": seconds,
        "forms_per_second": len(prepared) / forms_seconds if forms_seconds else 0.0,
        "outcomes": outcomes,
    }


# --- Memory ---------------------------------------------------------------------------------


def worker_rss_mb(master_pid):
    """The resident memory of each worker of a gunicorn master, in MB."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    sizes = []
    for pid in children.read_text().split():
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                sizes.append(int(line.split()[1]) / 1024)
    return sizes


# --- The run --------------------------------------------------------------------------------


def fmt_row(cells, widths):
    return "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"


def print_table(title, header, rows):
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    print(f"\n{title}\n")
    print(fmt_row(header, widths))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in rows:
        print(fmt_row(row, widths))
    sys.stdout.flush()


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--portal", required=True)
    parser.add_argument("--baseline", required=True)
    parser.add_argument("--dsn", required=True)
    parser.add_argument("--factor", required=True)
    parser.add_argument("--portal-pid", type=int)
    parser.add_argument("--baseline-pid", type=int)
    parser.add_argument("--seconds", type=int, default=int(os.environ.get("BENCH_SECONDS", 5)))
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--burst", type=int, default=int(os.environ.get("BENCH_BURST", 2000)))
    args = parser.parse_args()
    load = {"seconds": args.seconds, "connections": args.connections, "threads": args.threads}

    pages = pages_to_load(args.dsn)
    cookie = sign_in(args.portal)
    runs = [(label, path, None) for label, path in pages]
    runs.append(("/dashboard/ (partner, signed in)", "/dashboard/", cookie))

    # Warm up every worker on every page (templates, connections) before measuring.
    warm = {"seconds": 1, "connections": args.connections, "threads": args.threads}
    wrk(args.baseline + "/", **warm)
    for _label, path, cookie_ in runs:
        wrk(args.portal + path, cookie=cookie_, **warm)

    rows, baselines = [], []
    for label, path, cookie_ in runs:
        # Alternate: the bare view, then the page, so noise on the machine hits both.
        base = wrk(args.baseline + "/", **load)
        page = wrk(args.portal + path, cookie=cookie_, **load)
        baselines.append(base)
        rows.append(
            [
                label,
                f"{page['rps']:.0f}",
                f"{page['p50']:.0f}",
                f"{page['p95']:.0f}",
                page["errors"],
                f"{page['kb']:.0f}",
                f"{page['rps'] / base['rps']:.2f}" if base["rps"] else "-",
                f"{base['rps']:.0f}",
            ]
        )
    mean = sum(b["rps"] for b in baselines) / len(baselines)
    p95s = sorted(b["p95"] for b in baselines)
    title = (
        f"Factor {args.factor}: {args.connections} connections, {args.threads} threads, "
        f"{args.seconds} s a run. Bare view: {mean:.0f} req/s on average, "
        f"p95 {p95s[len(p95s) // 2]:.0f} ms (median of runs), "
        f"{sum(b['errors'] for b in baselines)} errors."
    )
    header = [
        "page",
        "req/s",
        "p50 ms",
        "p95 ms",
        "errors",
        "KB",
        "ratio to bare",
        "bare req/s",
    ]
    print_table(title, header, rows)

    if args.burst:
        with tempfile.TemporaryDirectory() as work_dir:
            result = burst(
                args.portal,
                args.dsn,
                total=args.burst,
                concurrency=args.connections,
                threads=args.threads,
                work_dir=work_dir,
            )
        print(
            f"\nConsultation burst (factor {args.factor}): {result['sent']} forms opened "
            f"({result['forms_per_second']:.0f}/s, Python client), then sent at once with wrk: "
            f"stored {result['stored']} in {result['seconds']:.1f} s: "
            f"{result['stored'] / max(result['seconds'], 0.001):.0f} stored/s; {result['outcomes']}"
        )
    for name, pid in (("portal", args.portal_pid), ("bare view", args.baseline_pid)):
        if pid:
            sizes = worker_rss_mb(pid)
            listed = ", ".join(f"{s:.0f}" for s in sizes)
            print(f"Worker memory, {name}: {listed} MB (RSS of each gunicorn worker)")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
