"""Every form of the URL conf, as every persona, with hostile values: never a 500, and a
refused POST changes no row.

The URLs come from the resolver, filled from objects the factories make; each page is fetched
as each persona to find its forms and the parameters its links put in the address. Each form is
sent NUL in every field, then values hypothesis draws (fixed seed, a bounded number): huge,
empty, NUL, invalid UTF-8, markup, formula prefixes, right-to-left marks, JSON escapes
PostgreSQL refuses, numbers out of range, hostile files. Every page is also fetched with every
known address parameter out of range and holding NUL, and with hostile values and headers.
"""

import datetime
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.contrib import admin
from django.contrib.auth.models import Group as PermissionGroup
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from hypothesis import HealthCheck, Phase, example, given, seed, settings
from hypothesis import strategies as st
from simple_history.admin import SimpleHistoryAdmin

from actionplans.models import ApprovalStatus, ItemStatus
from actionplans.services import progress_update_create
from approvals import services as approval_services
from consultations.models import Question
from equity import services as equity_services
from equity.models import Invitation
from evaluation import services as evaluation_services
from evaluation.models import HealthCheckStatement
from following import tokens as follow_tokens
from following.models import Subscription
from network.models import Peer
from pillars.models import Group, Membership
from practices import services as practice_services
from practices.models import Practice
from reports import opendata
from reports import services as report_services
from tests.actionplans.factories import (
    ActionItemFactory,
    AnnualActionPlanFactory,
    IndicatorFactory,
    IndicatorValueFactory,
    ReportingPeriodFactory,
    StrategicDirectionFactory,
)
from tests.consultations.factories import AnswerFactory, ConsultationFactory, QuestionFactory
from tests.equity.factories import EquityReviewFactory
from tests.partners.factories import StaffFactory, UserFactory, add_second_factor
from tests.pillars.factories import (
    ActionGroupFactory,
    MeetingFactory,
    MembershipFactory,
    TermsOfReferenceFactory,
)
from tests.reports.factories import PAST, AnnualReportFactory

from . import fuzz

# Examples per form and per page: CI stays within a couple of minutes.
EXAMPLES_PER_FORM = 2
EXAMPLES_PER_PAGE = 1
QUERY_PARAMETERS = [
    "page", "lang", "version", "q", "lead", "sector", "group", "pillar", "status",
    "strategic_direction", "owning_group", "language", "channel", "o", "p", "e", "next",
    "term", "app_label", "model_name", "field_name", "_changelist_filters",
]  # fmt: skip
HOSTILE_HEADERS = {
    "Accept-Language": ["\x00", "fr;q=abc,,;;", "x" * 5000, "ar-\u202e"],
    "Referer": ["javascript:alert(1)", "http://\x00evil/"],
    "X-Forwarded-For": ["\x00", "999.999.999.999, <script>"],
    "User-Agent": ["\x00" * 10, "Mozilla/5.0 " + "A" * 10_000],
}
# Patterns left out, each for a reason; any other pattern the test cannot fill fails it.
LEFT_OUT = {
    "admin:logout": "signs the persona out; no field to fuzz",
    "account_logout": "signs the persona out; no field to fuzz",
    "admin:jsi18n": "a script, no form",
    "following:unsubscribe": "its POST deletes the follower and answers 200, not a redirect "
    "(RFC 8058: mail programs do not follow one); tests/following try forged tokens",
    "": "the admin's catch-all and its redirect of /<id>/ to /<id>/change/",
}


# --- The world ------------------------------------------------------------------------------


@pytest.fixture
def superuser(db):
    return StaffFactory(email="root@example.org", is_superuser=True)


@pytest.fixture
def world(
    staff,
    superuser,
    partner_staff,
    other_partner_staff,
    council_member,
    organization,
    settings,
    tmp_path,
):
    """One of everything a URL can name, made by the factories and the services."""
    settings.MEDIA_ROOT = tmp_path / "media"
    council = Group.objects.create(kind=Group.Kind.COUNCIL, name="Council", slug="council")
    for person in [council_member, *UserFactory.create_batch(4)]:
        if person != council_member:
            add_second_factor(person)
        Membership.objects.create(
            person=person, group=council, term_start=datetime.date(2024, 1, 1)
        )
    group = ActionGroupFactory(slug="welcome-action")
    MembershipFactory(group=group, person=partner_staff, role=Membership.Role.CHAIR)
    meeting = MeetingFactory(group=group)
    plan = AnnualActionPlanFactory()
    item = ActionItemFactory(annual_plan=plan, lead_organization=organization, owning_group=group)
    period = ReportingPeriodFactory()
    progress_update_create(
        item=item,
        author=partner_staff,
        status=ItemStatus.ON_TRACK,
        percent=20,
        narrative="Two sessions held.",
        seen_version=item.version,
        period=period,
    )
    IndicatorValueFactory(indicator=IndicatorFactory(plan=plan.plan), fiscal_year=PAST.start_year)
    TermsOfReferenceFactory(group=group)
    PermissionGroup.objects.create(name="Backbone staff")
    EmailAddress.objects.create(
        user=partner_staff, email=partner_staff.email, verified=True, primary=True
    )
    direction = StrategicDirectionFactory(plan=plan.plan, status=ApprovalStatus.DRAFT)
    now = timezone.now()
    request = approval_services.approval_request_open(
        by=superuser,
        body=council,
        directions=[direction],
        opens_at=now - datetime.timedelta(minutes=1),
        closes_at=now + datetime.timedelta(days=3),
        endorsement_override_en="The steering group has not met yet.",
    )
    decided = approval_services.approval_request_open(
        by=superuser,
        body=council,
        directions=[StrategicDirectionFactory(plan=plan.plan, status=ApprovalStatus.DRAFT)],
        opens_at=now - datetime.timedelta(minutes=1),
        closes_at=now + datetime.timedelta(days=3),
        endorsement_override_en="The steering group has not met yet.",
    )
    decision = approval_services.approval_request_decide(
        request=decided, now=now + datetime.timedelta(days=4)
    )
    consultation = ConsultationFactory(slug="services-survey")
    for order, kind in enumerate(Question.Kind.values):
        QuestionFactory(consultation=consultation, order=order, kind=kind, required=order % 2 == 0)
    text_question = consultation.questions.get(kind=Question.Kind.LONG_TEXT)
    answer = AnswerFactory(
        response__consultation=consultation, question=text_question, value="More classes."
    )
    past_plan = AnnualActionPlanFactory(fiscal_year=PAST.start_year, plan=plan.plan)
    ActionItemFactory(annual_plan=past_plan, lead_organization=organization, owning_group=group)
    report = AnnualReportFactory()
    report_services.annual_report_publish(report=report, by=superuser)
    AnnualReportFactory(fiscal_year=PAST.start_year - 1)  # a draft to preview and publish
    review = EquityReviewFactory()
    review.bodies.set([council])
    equity_services.review_open(review=review, by=superuser, notify=False)
    invitation = Invitation.objects.get(review=review, person=council_member)
    # Last year's health check closed (its results page), this year's open (its form).
    evaluation_services.statement_save(
        statement=HealthCheckStatement(
            text_en="Decisions are made transparently.",
            text_fr="Les décisions sont prises de façon transparente.",
        ),
        by=superuser,
    )
    closed = evaluation_services.health_check_create(fiscal_year=PAST.label, by=superuser)
    evaluation_services.health_check_open(health_check=closed, by=superuser)
    evaluation_services.health_check_answer(
        health_check=closed,
        person=council_member,
        body=council,
        ratings={statement.pk: 4 for statement in closed.statements.all()},
        comment="Agendas come late.",
    )
    evaluation_services.health_check_close(health_check=closed, by=superuser)
    current = evaluation_services.health_check_create(fiscal_year=PAST.next().label, by=superuser)
    evaluation_services.health_check_open(health_check=current, by=superuser)
    # A follower by email, waiting for confirmation: the pages of its emails' links.
    subscription = Subscription.objects.create(
        email="reader@example.org",
        kind=Subscription.Kind.REPORTS,
        target="reports",
        language="en",
        consent_text="I agree.",
        consent_language="en",
        consent_source="/reports/",
    )
    # A practice drawn from the item, submitted by its lead organization and awaiting approval.
    practice = practice_services.practice_save(
        practice=Practice(
            item=item,
            title_en="Evening drop-in",
            problem_en="Long waits.",
            what_was_done_en="Evening hours.",
            outcome=Practice.Outcome.WORKED,
        ),
        populations=[],
        indicators=[],
        by=partner_staff,
    )
    practice_services.practice_submit(practice=practice, by=partner_staff)
    # A peer portal of the network, with a stored copy and a failure: its back-office pages.
    peer = Peer.objects.create(
        name="Lakeside LIP",
        package_url="https://lakeside-lip.example/data/datapackage.json",
        error_kind=Peer.ErrorKind.TIMEOUT,
        unavailable_since=timezone.now(),
    )
    return {
        "practice": practice,
        "peer": peer,
        "subscription": subscription,
        "group": group,
        "meeting": meeting,
        "plan": plan,
        "item": item,
        "period": period,
        "request": request,
        "decision": decision,
        "consultation": consultation,
        "answer": answer,
        "report": report,
        "review": review,
        "invitation": invitation,
    }


def _site_kwargs(world):
    """The values each named pattern of the portal's own apps takes."""
    slug = {"slug": world["consultation"].slug}
    report_year = {"fiscal_year": world["report"].fiscal_year}
    review_year = {"fiscal_year": world["review"].fiscal_year}
    token = {"token": world["invitation"].token}
    dataset = opendata.available_datasets()[0].slug
    subscription = world["subscription"]
    return {
        **{
            f"following:{action}": {
                "token": follow_tokens.make(
                    action=action, subscription_id=subscription.pk, email=subscription.email
                )
            }
            for action in ("confirm", "manage", "unsubscribe")
        },
        "evaluation:health_check_results": {"fiscal_year": PAST.label},
        "evaluation:how_we_work_year": {"fiscal_year": PAST.label},
        "equity:review_detail": review_year,
        "equity:questionnaire": token,
        "equity:decline": token,
        "equity:withdraw": token,
        "equity:manage_detail": review_year,
        "equity:manage_transition": {**review_year, "transition": "close"},
        "actionplans:plan_year": {"fiscal_year": world["plan"].fiscal_year},
        "practices:create": {"item_pk": world["item"].pk},
        **{
            f"practices:{name}": {"pk": world["practice"].pk}
            for name in ("detail", "edit", "review")
        },
        **{
            f"actionplans:{name}": {"pk": world["item"].pk}
            for name in ("item_detail", "item_update")
        },
        **{
            f"actionplans:{name}": {"pk": world["period"].pk}
            for name in (
                "period_detail",
                "period_export",
                "period_import",
                "period_open",
                "period_remind",
            )
        },
        "actionplans:period_lock": {"pk": world["period"].pk},
        **{
            f"consultations:{name}": slug
            for name in (
                "detail",
                "thanks",
                "results",
                "preview",
                "staff_results",
                "staff_results_csv",
                "staff_answers",
                "staff_entry",
            )
        },  # fmt: skip
        "consultations:staff_answer_quote": {**slug, "pk": world["answer"].pk},
        "pillars:pillar_detail": {"slug": "settle"},
        "actionplans:pillar_progress_feed": {"slug": "settle"},
        **{
            f"pillars:{name}": {"slug": world["group"].slug}
            for name in (
                "group_detail",
                "group_calendar",
                "group_edit",
                "meeting_list",
                "meeting_create",
            )
        },
        "pillars:meeting_edit": {"slug": world["group"].slug, "pk": world["meeting"].pk},
        "pillars:meeting_attendance": {"slug": world["group"].slug, "pk": world["meeting"].pk},
        "partners:organization_detail": {"slug": world["item"].lead_organization.slug},
        **{
            f"approvals:{name}": {"pk": world["request"].pk}
            for name in ("request_detail", "request_vote", "request_conflict")
        },
        "approvals:request_meeting_vote": {"pk": world["request"].pk},
        "approvals:decision_detail": {"pk": world["decision"].pk},
        "reports:funder_csv": {"pk": world["period"].pk},
        "reports:funder_pdf": {"pk": world["period"].pk},
        **{f"reports:{name}": report_year for name in ("detail", "pdf", "items", "preview")},
        "reports:publish": {"fiscal_year": PAST.previous()},
        **{
            f"reports:{name}": {**report_year, "number": 1}
            for name in ("version_items", "version_detail", "version_pdf")
        },
        "reports:data_download": {**report_year, "dataset": dataset, "file_format": "csv"},
        "reports:versioned_package": {"major": 1},
        "reports:data_current": {"dataset": "plan", "file_format": "csv"},
        "reports:versioned_current": {"major": 1, "dataset": "plan", "file_format": "csv"},
        "reports:versioned_download": {
            **report_year,
            "major": 1,
            "dataset": dataset,
            "file_format": "csv",
        },
        "account_confirm_email": {"key": "MQ:not-a-real-key"},
        "account_reset_password_from_key": {"uidb36": "1", "key": "not-a-real-key"},
    }


def _admin_urls(world):
    """{pattern name: [URL]} for the back office: every registered model's list, add form,
    and change form and history of an object the world made."""
    urls = {}
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        prefix = f"admin:{opts.app_label}_{opts.model_name}"
        urls[f"{prefix}_changelist"] = [reverse(f"{prefix}_changelist")]
        if not any(p.name == f"{prefix[6:]}_add" for p in model_admin.get_urls()):
            continue  # an admin of counts only (following): no form, no page of one object
        urls[f"{prefix}_add"] = [reverse(f"{prefix}_add")]
        instance = model._default_manager.order_by("pk").first()
        if instance is None:
            continue
        for view in ("change", "history", "delete"):
            urls[f"{prefix}_{view}"] = [reverse(f"{prefix}_{view}", args=[instance.pk])]
        history = getattr(instance, "history", None)
        if isinstance(model_admin, SimpleHistoryAdmin) and history.exists():
            urls[f"{prefix}_simple_history"] = [
                reverse(f"{prefix}_simple_history", args=[instance.pk, history.first().history_id])
            ]
        if hasattr(model_admin, "user_change_password"):
            urls["admin:auth_user_password_change"] = [
                reverse("admin:auth_user_password_change", args=[instance.pk])
            ]
    urls["admin:app_list"] = [
        reverse("admin:app_list", args=[label])
        for label in sorted({model._meta.app_label for model in admin.site._registry})
    ]
    organization = world["item"].lead_organization
    urls["admin:view_on_site"] = [
        reverse(
            "admin:view_on_site",
            args=[ContentType.objects.get_for_model(organization).pk, organization.pk],
        )
    ]
    return urls


def every_url(world):
    """{pattern name: URL} for every pattern of the URL conf; fails on one it cannot fill."""
    site = _site_kwargs(world)
    admin_urls = _admin_urls(world)
    urls, unfilled = {}, []
    for route in fuzz.routes():
        if route.name in LEFT_OUT or route.name.endswith("_delete"):
            continue  # deleting the world's objects would leave the next pages nothing
        if route.name in admin_urls:
            for n, url in enumerate(admin_urls[route.name]):
                urls[f"{route.name}#{n}"] = url
            continue
        try:
            urls[route.name] = reverse(route.name, kwargs=site.get(route.name, {}))
        except NoReverseMatch:
            unfilled.append(route)
    assert not unfilled, f"the fuzz test cannot fill these patterns: {unfilled}"
    return urls


# --- The test -------------------------------------------------------------------------------


class Fuzzer:
    """Walks pages as personas, collects their forms, sends them values and checks answers."""

    def __init__(self, personas):
        self.personas = personas
        self.clients = {}
        self.tables = fuzz.watched_tables()
        self.seen_forms = set()
        self.forms = []
        self.query_names = set(QUERY_PARAMETERS)

    def client(self, persona):
        """The persona's client, signed in again if a form signed them out."""
        client = self.clients.get(persona)
        person = self.personas[persona]
        if client is None:
            client = self.clients[persona] = Client()
        session = client.cookies.get("sessionid")
        if person is not None and not (session and session.value):
            client.force_login(person)
        return client

    def check(self, response, what):
        assert response.status_code < 500, f"{response.status_code} for {what}"
        if "html" in response.get("Content-Type", ""):
            assert b"<script>alert('x')</script>" not in response.content, f"markup in {what}"

    def visit(self, persona, url):
        response = self.client(persona).get(url)
        self.check(response, f"GET {url} as {persona}")
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            return
        forms, query_names = fuzz.forms_on("http://testserver" + url, response.text)
        self.query_names.update(query_names)
        for form in forms:
            if urlsplit(form.action).netloc != "testserver":
                continue
            form.action = urlsplit(form.action)._replace(scheme="", netloc="").geturl()
            key = (persona, *form.signature)
            if key not in self.seen_forms:
                self.seen_forms.add(key)
                self.forms.append((persona, url, form))

    def send(self, persona, page, form, values):
        client = self.client(persona)
        what = f"{form.method.upper()} {form.action} (from {page}) as {persona}: " + ", ".join(
            f"{name}={str(value)[:60]!r}" for name, value in values.items()
        )
        if form.method != "post":
            try:
                response = client.get(form.action.split("?")[0] + "?" + fuzz.urlencoded(values))
            except Exception as error:
                raise AssertionError(f"{type(error).__name__}: {error} for {what}") from error
            self.check(response, what)
            return
        before = fuzz.fingerprint(self.tables)
        try:
            if form.multipart:
                response = client.post(form.action, values)
            else:
                response = client.post(
                    form.action,
                    fuzz.urlencoded(values),
                    content_type="application/x-www-form-urlencoded",
                )
        except Exception as error:
            raise AssertionError(f"{type(error).__name__}: {error} for {what}") from error
        self.check(response, what)
        if response.status_code not in (301, 302, 303):
            touched = fuzz.changed(before, fuzz.fingerprint(self.tables))
            assert not touched, f"refused ({response.status_code}) yet wrote {touched}: {what}"


FUZZ_SETTINGS = settings(
    # No shrinking: a failure is reported as found, which keeps a failing run short.
    phases=[Phase.explicit, Phase.generate],
    database=None,
    deadline=None,
    derandomize=False,
    suppress_health_check=list(HealthCheck),
    report_multiple_bugs=False,
)


def _hostile_sender(fuzzer, persona, page, form, examples):
    @seed(20261130)
    @settings(FUZZ_SETTINGS, max_examples=examples)
    @given(values=fuzz.form_values(form))
    @example(values=fuzz.nul_everywhere(form))
    def send_hostile_form(values):
        fuzzer.send(persona, page, form, values)

    return send_hostile_form


def test_no_form_answers_500_to_hostile_values_and_a_refused_post_saves_nothing(
    world, staff, superuser, partner_staff, other_partner_staff, council_member
):
    fuzzer = Fuzzer(
        {
            "anonymous": None,
            "partner_staff": partner_staff,
            "other_partner_staff": other_partner_staff,
            "council_member": council_member,
            "staff": staff,
            # Staff with every permission: the back office's forms for every model.
            "superuser": superuser,
        }
    )
    urls = every_url(world)
    for persona in fuzzer.personas:
        for name, url in urls.items():
            if name.startswith("admin:") and persona != "superuser":
                continue  # the others only meet a sign-in page or a refusal there
            fuzzer.visit(persona, url)

    failures = []
    tried = set()
    for persona, page, form in fuzzer.forms:
        # Each form in full once; the same form as another persona, with NUL everywhere.
        try:
            if form.signature in tried:
                fuzzer.send(persona, page, form, fuzz.nul_everywhere(form))
            else:
                _hostile_sender(fuzzer, persona, page, form, EXAMPLES_PER_FORM)()
        except Exception as error:  # noqa: BLE001 (every form's failure, reported together)
            failures.append(str(error).split("\nFailing test case")[0][:3000])
        tried.add(form.signature)

    # Every parameter any page reads from its address, on every page, out of range; then NUL.
    for name, url in urls.items():
        persona = "superuser" if name.startswith("admin:") else "anonymous"
        for value in ("99999999999999999999999", "Nul\x00byte"):
            query = fuzz.urlencoded(dict.fromkeys(sorted(fuzzer.query_names), value))
            try:
                response = fuzzer.client(persona).get(f"{url}?{query}")
                fuzzer.check(response, f"GET {url}?{query} as {persona}")
            except Exception as error:  # noqa: BLE001
                failures.append(f"{type(error).__name__}: {error} for GET {url}?{query}"[:3000])

    @seed(20261130)
    @settings(FUZZ_SETTINGS, max_examples=EXAMPLES_PER_PAGE * len(urls))
    @given(
        name=st.sampled_from(sorted(urls)),
        persona=st.sampled_from(sorted(fuzzer.personas)),
        query=st.dictionaries(
            st.sampled_from(sorted(fuzzer.query_names)), fuzz.hostile_text(), max_size=4
        ),
        headers=st.dictionaries(
            st.sampled_from(sorted(HOSTILE_HEADERS)),
            st.sampled_from(sorted({v for vs in HOSTILE_HEADERS.values() for v in vs})),
            max_size=2,
        ),
    )
    def get_hostile_query(name, persona, query, headers):
        url = urls[name]
        response = fuzzer.client(persona).get(
            url + ("&" if "?" in url else "?") + fuzz.urlencoded(query), headers=headers
        )
        fuzzer.check(response, f"GET {url} as {persona} with {query} and {headers}")

    try:
        get_hostile_query()
    except Exception as error:  # noqa: BLE001
        failures.append(str(error)[:3000])
    assert not failures, "\n\n".join(failures)
    assert len(fuzzer.forms) > 40, "the walk found too few forms: is every persona signed in?"
