"""Who may open each address of the portal: every URL pattern × every persona.

The tests are generated from the URL conf. `MATRIX` says, for each URL (by name; by route for
the admin's few unnamed ones), who is allowed; every other persona must be refused: 403, 404
for what they may not know exists, or sent to sign in. Allowed means the page answers, or the
change is made and the view sends the person on to a page that answers. A URL that is not in the
matrix fails with "add <name> to the permission matrix"; an entry whose URL is gone fails too.

Pages are asked with GET; views that change data with a valid POST, each in a transaction rolled
back after it, so that every request meets the same partnership: the demo one (`seed_demo`),
built once for the module.
"""

import io
from dataclasses import dataclass, field
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.options import ActionLocation
from django.contrib.auth.models import Group as Role
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client, RequestFactory, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from actionplans import csv_io
from actionplans.models import ActionItem, ApprovalStatus, ReportingPeriod
from approvals.models import ApprovalRequest, Decision
from consultations import services as consultation_services
from consultations.models import Answer, Consultation, Question
from core.fiscal import FiscalYear
from demo.seed import seed_demo
from equity.models import EquityReview, Invitation
from evaluation.models import HealthCheck
from evaluation.selectors import person_bodies
from following import tokens as follow_tokens
from following.models import Subscription
from lip_portal.celery import app as celery_app
from lip_portal.roles import ADMINISTRATION, COMMUNICATIONS, EQUITY_REVIEW, REPORTING
from partners.models import Organization, User
from pillars.models import Group, Meeting, Membership
from practices.models import Practice
from reports import datapackage, opendata
from reports.models import AnnualReport, ReportVersion
from tests.partners.factories import StaffFactory, UserFactory
from tests.practices.conftest import practice_data

# --- Personas ----------------------------------------------------------------------------------

ANONYMOUS = "anonymous"
RESIDENT = "resident"  # signed in, no organization
PARTNER = "partner"  # partner staff of the organization that leads the item below
OTHER_PARTNER = "other_partner"  # partner staff of an organization with no part in it
COUNCIL = "council"  # a council member, with their second factor, invited to the equity review
STAFF = "staff"  # backbone staff with no role
REPORTING_STAFF = "reporting"
COMMUNICATIONS_STAFF = "communications"
EQUITY_STAFF = "equity"
ADMINISTRATION_STAFF = "administration"
SUPERUSER = "superuser"

PERSONAS = (
    ANONYMOUS,
    RESIDENT,
    PARTNER,
    OTHER_PARTNER,
    COUNCIL,
    STAFF,
    REPORTING_STAFF,
    COMMUNICATIONS_STAFF,
    EQUITY_STAFF,
    ADMINISTRATION_STAFF,
    SUPERUSER,
)
ROLE_OF = {
    REPORTING_STAFF: REPORTING,
    COMMUNICATIONS_STAFF: COMMUNICATIONS,
    EQUITY_STAFF: EQUITY_REVIEW,
    ADMINISTRATION_STAFF: ADMINISTRATION,
}
EVERYONE = frozenset(PERSONAS)
SIGNED_IN = EVERYONE - {ANONYMOUS}
ALL_STAFF = frozenset({STAFF, *ROLE_OF, SUPERUSER})
NOBODY = frozenset()


def staff_with(*personas):
    """These role holders, and superusers, who hold every permission."""
    return frozenset({*personas, SUPERUSER})


# --- The matrix --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Check:
    allowed: frozenset
    method: str = "get"
    kwargs: object = None  # world -> URL kwargs
    data: object = None  # world -> POST data
    query: str = ""
    why_nobody: str = ""  # a URL open to no persona says why


def page(allowed, kwargs=None, query="", why_nobody=""):
    return Check(allowed, "get", kwargs, None, query, why_nobody)


def post(allowed, kwargs=None, data=None):
    return Check(allowed, "post", kwargs, data or (lambda w: {}))


def item(w):
    return {"pk": w.item.pk}


def period(w):
    return {"pk": w.open_period.pk}


def follow_link(action):
    def kwargs(w):
        subscription = w.subscription
        token = follow_tokens.make(
            action=action, subscription_id=subscription.pk, email=subscription.email
        )
        return {"token": token}

    return kwargs


def open_consultation(w):
    return {"slug": w.open_consultation.slug}


def published_consultation(w):
    return {"slug": w.published_consultation.slug}


def group(w):
    return {"slug": w.group.slug}


def approval(w):
    return {"pk": w.approval.pk}


def questionnaire(w):
    return {"token": w.token}


def draft_report(w):
    return {"fiscal_year": w.draft_report_year}


def published_report(w):
    return {"fiscal_year": w.published_report_year}


def published_version(w):
    return {"fiscal_year": w.published_report_year, "number": 1}


CATCH_ALL = "admin/(?P<url>.*)$"

MATRIX = {
    "healthz": page(EVERYONE),
    "home": page(EVERYONE),
    "dashboard": page(SIGNED_IN),
    # The equity review: the public reads what is published; only the invited person reaches
    # their questionnaire (superusers included in "nobody else"); staff of the role run it.
    "equity:review_list": page(EVERYONE),
    "equity:review_detail": page(EVERYONE, lambda w: {"fiscal_year": w.published_review_year}),
    "equity:questionnaire": post({COUNCIL}, questionnaire, lambda w: {"consent": "on"}),
    "equity:decline": post({COUNCIL}, questionnaire),
    "equity:withdraw": post({COUNCIL}, questionnaire),
    "equity:manage_list": page(staff_with(EQUITY_STAFF)),
    "equity:manage_detail": page(
        staff_with(EQUITY_STAFF), lambda w: {"fiscal_year": w.open_review_year}
    ),
    "equity:manage_transition": post(
        staff_with(EQUITY_STAFF),
        lambda w: {"fiscal_year": w.open_review_year, "transition": "invite"},
    ),
    # The partnership health check: the public reads closed years' results; members of a body
    # answer, once: the council member and the partner (who chairs an action group in the demo).
    "evaluation:health_check_results": page(
        EVERYONE, lambda w: {"fiscal_year": w.closed_health_check_year}
    ),
    "evaluation:health_check_answer": post(
        {COUNCIL, PARTNER}, None, lambda w: w.health_check_answer_data()
    ),
    # The plan and its progress.
    "actionplans:plan": page(EVERYONE),
    "actionplans:plan_year": page(EVERYONE, lambda w: {"fiscal_year": w.item_year}),
    "actionplans:item_detail": page(EVERYONE, item),
    "actionplans:item_update": post(
        staff_with(PARTNER, REPORTING_STAFF),
        item,
        lambda w: {
            "status": "at_risk",
            "percent": w.item.percent,
            "narrative": "Two partners left the table.",
            "version": w.item.version,
            "period": w.open_period.pk,
        },
    ),
    "actionplans:period_list": page(staff_with(REPORTING_STAFF)),
    "actionplans:period_detail": page(staff_with(REPORTING_STAFF), period),
    "actionplans:period_export": page(staff_with(REPORTING_STAFF), period),
    "actionplans:period_import": post(
        staff_with(REPORTING_STAFF), period, lambda w: {"file": w.empty_import()}
    ),
    "actionplans:period_open": post(
        staff_with(REPORTING_STAFF),
        lambda w: {"pk": w.locked_period.pk},
        lambda w: {"confirm": "on"},
    ),
    "actionplans:period_lock": post(
        staff_with(REPORTING_STAFF), period, lambda w: {"confirm": "on"}
    ),
    "actionplans:period_remind": post(staff_with(REPORTING_STAFF), period),
    # Consultations: anyone answers; Communications and publishing reads every response.
    # Following by email, no account needed: anyone asks; the links of the emails work for
    # whoever holds them (the signed token is the proof).
    "following:follow": post(
        EVERYONE,
        None,
        lambda w: {"email": "reader@example.org", "kind": "reports", "frequency": "weekly"},
    ),
    "following:requested": page(EVERYONE),
    "following:confirm": page(EVERYONE, follow_link("confirm")),
    "following:manage": page(EVERYONE, follow_link("manage")),
    "following:unsubscribe": page(EVERYONE, follow_link("unsubscribe")),
    "consultations:list": page(EVERYONE),
    "consultations:feed": page(EVERYONE),
    "consultations:detail": page(EVERYONE, open_consultation),
    "consultations:thanks": page(EVERYONE, open_consultation),
    "consultations:results": page(EVERYONE, published_consultation),
    "consultations:preview": page(staff_with(COMMUNICATIONS_STAFF), open_consultation),
    "consultations:staff_results": page(staff_with(COMMUNICATIONS_STAFF), published_consultation),
    "consultations:staff_results_csv": page(
        staff_with(COMMUNICATIONS_STAFF), published_consultation
    ),
    "consultations:staff_answers": page(staff_with(COMMUNICATIONS_STAFF), published_consultation),
    "consultations:staff_answer_quote": post(
        staff_with(COMMUNICATIONS_STAFF),
        lambda w: {"slug": w.published_consultation.slug, "pk": w.text_answer.pk},
        lambda w: {"approved": "1"},
    ),
    "consultations:staff_entry": post(
        staff_with(COMMUNICATIONS_STAFF), open_consultation, lambda w: w.paper_response()
    ),
    # Governance pages: the public reads them; the group's chair (none of the personas here),
    # Communications and publishing, and Partnership administration keep them.
    "pillars:about": page(EVERYONE),
    "pillars:pillar_detail": page(EVERYONE, lambda w: {"slug": "settle"}),
    "pillars:group_detail": page(EVERYONE, group),
    "pillars:group_calendar": page(EVERYONE, group),
    "pillars:calendar": page(EVERYONE),
    "actionplans:pillar_progress_feed": page(EVERYONE, lambda w: {"slug": "settle"}),
    "pillars:group_edit": post(
        staff_with(COMMUNICATIONS_STAFF, ADMINISTRATION_STAFF),
        group,
        lambda w: {"mandate_en": "Keeps belonging work on track.", "mandate_fr": "Veille."},
    ),
    "pillars:meeting_list": page(staff_with(COMMUNICATIONS_STAFF, ADMINISTRATION_STAFF), group),
    "pillars:meeting_create": post(
        staff_with(COMMUNICATIONS_STAFF, ADMINISTRATION_STAFF), group, lambda w: w.meeting_data()
    ),
    "pillars:meeting_edit": post(
        staff_with(COMMUNICATIONS_STAFF, ADMINISTRATION_STAFF),
        lambda w: {"slug": w.group.slug, "pk": w.meeting.pk},
        lambda w: w.meeting_data(),
    ),
    # Who attended a meeting: its group's chair (none of the personas here) and staff who keep
    # meetings.
    "pillars:meeting_attendance": post(
        staff_with(COMMUNICATIONS_STAFF, ADMINISTRATION_STAFF),
        lambda w: {"slug": w.group.slug, "pk": w.meeting.pk},
        lambda w: {"attended": []},
    ),
    # How well the partnership works: public.
    "evaluation:how_we_work": page(EVERYONE),
    "evaluation:how_we_work_year": page(EVERYONE, lambda w: {"fiscal_year": w.item_year}),
    "partners:organization_list": page(EVERYONE),
    "partners:organization_detail": page(EVERYONE, lambda w: {"slug": w.partner_org.slug}),
    # Council votes: the members of the body see the request and vote; Partnership
    # administration sees it and records a meeting's vote.
    "approvals:request_detail": page({COUNCIL, ADMINISTRATION_STAFF, SUPERUSER}, approval),
    "approvals:request_vote": post({COUNCIL}, approval, lambda w: {"choice": "approve"}),
    "approvals:request_conflict": post(
        {COUNCIL}, approval, lambda w: {"note": "I sit on the board of a partner."}
    ),
    "approvals:request_meeting_vote": post(
        staff_with(ADMINISTRATION_STAFF), approval, lambda w: w.meeting_vote()
    ),
    "approvals:decision_list": page(EVERYONE),
    "approvals:decision_feed": page(EVERYONE),
    "approvals:decision_detail": page(EVERYONE, lambda w: {"pk": w.decision.pk}),
    # Reports: the public reads published versions; Communications and publishing previews
    # and publishes; Reporting exports the funder's progress report.
    "reports:report_list": page(EVERYONE),
    "search:search": page(EVERYONE),
    # The practice library: the public reads published practices; partner staff of the item's
    # lead organization draft, edit and submit; Communications and publishing approve or return.
    "practices:list": page(EVERYONE),
    "practices:detail": page(EVERYONE, lambda w: {"pk": w.published_practice.pk}),
    "practices:create": post(
        staff_with(PARTNER, COMMUNICATIONS_STAFF),
        lambda w: {"item_pk": w.item.pk},
        lambda w: practice_data(),
    ),
    "practices:edit": post(
        staff_with(PARTNER, COMMUNICATIONS_STAFF),
        lambda w: {"pk": w.submitted_practice.pk},
        lambda w: practice_data(),
    ),
    "practices:review": post(
        staff_with(COMMUNICATIONS_STAFF),
        lambda w: {"pk": w.submitted_practice.pk},
        lambda w: {"decision": "publish"},
    ),
    # The network of portals: public, from stored copies.
    "network:index": page(EVERYONE),
    "reports:feed": page(EVERYONE),
    "reports:funder_list": page(staff_with(REPORTING_STAFF)),
    "reports:funder_csv": page(staff_with(REPORTING_STAFF), period),
    "reports:funder_pdf": page(staff_with(REPORTING_STAFF), period),
    "reports:detail": page(EVERYONE, published_report),
    "reports:pdf": page(EVERYONE, published_report),
    "reports:items": page(EVERYONE, published_report),
    "reports:version_items": page(EVERYONE, published_version),
    "reports:version_detail": page(EVERYONE, published_version),
    "reports:version_pdf": page(EVERYONE, published_version),
    "reports:preview": page(staff_with(COMMUNICATIONS_STAFF), draft_report),
    "reports:publish": post(staff_with(COMMUNICATIONS_STAFF), draft_report, lambda w: {"note": ""}),
    "reports:open_data": page(EVERYONE),
    "reports:popolo": page(EVERYONE),
    "reports:data_download": page(
        EVERYONE,
        lambda w: {
            "fiscal_year": w.published_report_year,
            "dataset": w.dataset,
            "file_format": "csv",
        },
    ),
    "reports:data_package": page(EVERYONE),
    "reports:versioned_package": page(EVERYONE, lambda w: {"major": datapackage.MAJOR}),
    "reports:data_current": page(EVERYONE, lambda w: {"dataset": "plan", "file_format": "csv"}),
    "reports:versioned_current": page(
        EVERYONE,
        lambda w: {"major": datapackage.MAJOR, "dataset": "directions", "file_format": "json"},
    ),
    "reports:versioned_download": page(
        EVERYONE,
        lambda w: {
            "major": datapackage.MAJOR,
            "fiscal_year": w.published_report_year,
            "dataset": w.dataset,
            "file_format": "csv",
        },
    ),
    # Each person's own account (allauth): sign-in pages for everyone, the rest once signed in.
    "account_login": page(EVERYONE),
    "account_logout": page(EVERYONE),
    "account_inactive": page(EVERYONE),
    "account_signup": page(EVERYONE),  # it says that accounts come by invitation only
    "account_reauthenticate": page(SIGNED_IN),
    "account_email": page(SIGNED_IN),
    "account_email_verification_sent": page(EVERYONE),
    "account_change_password": page(SIGNED_IN),
    "account_set_password": page(SIGNED_IN),
    "account_reset_password": page(EVERYONE),
    # No sign-in is under way to confirm with a code or a second factor: a signed-in person
    # is sent on to their dashboard, anyone else to sign in.
    "account_confirm_login_code": page(SIGNED_IN),
    "account_confirm_email": page(EVERYONE, lambda w: {"key": "not-a-key"}),
    "account_reset_password_from_key_done": page(EVERYONE),
    "account_reset_password_from_key": page(
        EVERYONE, lambda w: {"uidb36": "1", "key": "not-a-key"}
    ),
    "account_reset_password_done": page(EVERYONE),
    "mfa_index": page(SIGNED_IN),
    "mfa_authenticate": page(SIGNED_IN),
    "mfa_reauthenticate": page(SIGNED_IN),
    "mfa_activate_totp": page(SIGNED_IN),
    # Only someone with an authenticator app may remove it (404 for the others); only the
    # council member here has recovery codes to see.
    "mfa_deactivate_totp": page({COUNCIL, *ALL_STAFF}),
    "mfa_view_recovery_codes": page({COUNCIL}),
    "mfa_generate_recovery_codes": page(SIGNED_IN),
    "mfa_download_recovery_codes": page({COUNCIL}),
    # The back office: staff reach its index; all the rest comes with a role (the models'
    # pages are in ADMIN_MODELS below).
    "admin:index": page(ALL_STAFF),
    "admin:login": page(ALL_STAFF),  # staff are sent on to the index; others to sign in
    "admin:logout": post(ALL_STAFF),
    "admin:password_change": page(ALL_STAFF),  # their own
    "admin:password_change_done": page(ALL_STAFF),
    "admin:jsi18n": page(ALL_STAFF),
    "admin:view_on_site": page(
        staff_with(COMMUNICATIONS_STAFF, ADMINISTRATION_STAFF),  # who may view groups
        lambda w: {
            "content_type_id": ContentType.objects.get_for_model(Group).pk,
            "object_id": w.group.pk,
        },
    ),
    "admin:autocomplete": page(
        staff_with(REPORTING_STAFF, ADMINISTRATION_STAFF),  # who may view organizations
        query="app_label=actionplans&model_name=actionitem&field_name=lead_organization",
    ),
    "admin:app_list": page(
        staff_with(REPORTING_STAFF, ADMINISTRATION_STAFF), lambda w: {"app_label": "partners"}
    ),
    CATCH_ALL: page(NOBODY, why_nobody="the admin's answer to an unknown address"),
    "admin:partners_organization_import_csv": page(staff_with(ADMINISTRATION_STAFF)),
    "admin:auth_user_password_change": page(
        staff_with(ADMINISTRATION_STAFF), lambda w: {"id": w.users[PARTNER].pk}
    ),
}


@dataclass(frozen=True)
class ModelAccess:
    """Who may view, add, change and delete one model in the admin (the object in WORLD's
    `admin_objects`); superusers may whatever the model's admin lets anyone do."""

    view: frozenset = NOBODY
    add: frozenset = NOBODY
    change: frozenset = NOBODY
    delete: frozenset = NOBODY
    closed: tuple = field(default=())  # what the admin refuses everyone, superusers too

    def who(self, action):
        if action in self.closed:
            return NOBODY
        return frozenset({*getattr(self, action), SUPERUSER})


R, C, E, A = REPORTING_STAFF, COMMUNICATIONS_STAFF, EQUITY_STAFF, ADMINISTRATION_STAFF
READ_ONLY = ("add", "change", "delete")

ADMIN_MODELS = {
    # Roles themselves, addresses and second factors: superusers only.
    "auth.group": ModelAccess(),
    "account.emailaddress": ModelAccess(),
    # Never added nor edited; removed one at a time (the person is emailed).
    "mfa.authenticator": ModelAccess(closed=("add", "change")),
    # Followers by email: counts only (no list, no page of one follower), for communications.
    "following.subscription": ModelAccess(view={C}, closed=READ_ONLY),
    # The task outbox: read only, superusers only.
    "outbox.message": ModelAccess(closed=READ_ONLY),
    "partners.organization": ModelAccess(view={R, A}, add={A}, change={A}),
    "partners.user": ModelAccess(view={A}, add={A}, change={A}),
    "pillars.pillar": ModelAccess(view={A}, change={A}),
    "pillars.group": ModelAccess(view={C, A}, add={A}, change={C, A}),
    "pillars.membership": ModelAccess(view={A}, add={A}, change={A}, delete={A}),
    "pillars.termsofreference": ModelAccess(view={C, A}, add={C, A}, change={C, A}),
    "pillars.meeting": ModelAccess(view={C, A}, add={C, A}, change={C, A}),
    "evaluation.sectorreference": ModelAccess(view={A}, add={A}, change={A}, delete={A}),
    # Peer portals of the network: registered, edited and removed by Partnership administration.
    "network.peer": ModelAccess(view={A}, add={A}, change={A}, delete={A}),
    "actionplans.communityactionplan": ModelAccess(view={R}, add={R}, change={R}),
    "actionplans.strategicdirection": ModelAccess(view={R, A}, add={R}, change={R}),
    "actionplans.annualactionplan": ModelAccess(view={R, A}, add={R}, change={R}),
    # The item has progress reported: it keeps its record.
    "actionplans.actionitem": ModelAccess(view={R, C}, add={R}, change={R}, closed=("delete",)),
    "actionplans.progressupdate": ModelAccess(view={R}, closed=READ_ONLY),
    # The period has updates: it keeps its record.
    "actionplans.reportingperiod": ModelAccess(view={R}, add={R}, change={R}, closed=("delete",)),
    "actionplans.indicator": ModelAccess(view={R}, add={R}, change={R}, delete={R}),
    "approvals.approvalrequest": ModelAccess(view={A}, add={A}, change={A}, closed=("delete",)),
    "approvals.decision": ModelAccess(view={A}, closed=READ_ONLY),
    "reports.annualreport": ModelAccess(view={C}, add={C}, change={C}),
    "reports.reportversion": ModelAccess(view={C}, closed=READ_ONLY),
    "consultations.consultation": ModelAccess(view={C}, add={C}, change={C}),
    "consultations.response": ModelAccess(view={C}, delete={C}, closed=("add", "change")),
    # The review is published: part of the record.
    "equity.equityreview": ModelAccess(view={E}, add={E}, change={E}, closed=("delete",)),
    # The health check closed: part of the record; its statements were asked: they stay.
    "evaluation.healthcheck": ModelAccess(view={E}, add={E}, change={E}, closed=("delete",)),
    "evaluation.healthcheckstatement": ModelAccess(
        view={E}, add={E}, change={E}, closed=("delete",)
    ),
    # Comments are moderated through the two actions, never edited.
    "evaluation.healthcheckcomment": ModelAccess(view={E}, closed=READ_ONLY),
    # Practices are drawn from an action item on the site, never added in the back office.
    "practices.practice": ModelAccess(view={C}, change={C}, delete={C}, closed=("add",)),
    "practices.population": ModelAccess(view={C}, add={C}, change={C}, delete={C}),
}

# Admin actions (besides "delete selected", which follows the delete permission).
ADMIN_ACTIONS = {
    "account.emailaddress.make_verified": staff_with(),
    "outbox.message.try_again": staff_with(),
    "partners.user.invite": staff_with(A),
    "network.peer.fetch_now": staff_with(A),
    "actionplans.annualactionplan.rebuild_rollups": staff_with(R),
    "actionplans.reportingperiod.open_periods": staff_with(R),
    "actionplans.reportingperiod.lock_periods": staff_with(R),
    "approvals.approvalrequest.cancel_requests": staff_with(A),
    "approvals.approvalrequest.decide_closed_requests": staff_with(A),
    "reports.annualreport.publish_first_version": staff_with(C),
    "reports.reportversion.build_missing_pdfs": staff_with(C),
    "consultations.consultation.make_open": staff_with(C),
    "consultations.consultation.make_closed": staff_with(C),
    "consultations.consultation.make_published": staff_with(C),
    "consultations.consultation.make_draft": staff_with(C),
    "equity.equityreview.open_reviews": staff_with(E),
    "equity.equityreview.invite_new_members": staff_with(E),
    "equity.equityreview.close_reviews": staff_with(E),
    "equity.equityreview.publish_reviews": staff_with(E),
    "evaluation.healthcheck.open_health_checks": staff_with(E),
    "evaluation.healthcheck.close_health_checks": staff_with(E),
    "evaluation.healthcheckcomment.approve_comments": staff_with(E),
    "evaluation.healthcheckcomment.reject_comments": staff_with(E),
    "practices.practice.publish_practices": staff_with(C),
}


def admin_entries():
    """The matrix entries of every registered model's admin pages."""
    entries = {}
    for model, model_admin in admin.site._registry.items():
        label = model._meta.label_lower
        access = ADMIN_MODELS.get(label)
        if access is None:
            continue  # reported by the completeness test
        info = f"{model._meta.app_label}_{model._meta.model_name}"
        seeing = access.who("view") | access.who("change")

        def obj(w, label=label):
            return {"object_id": w.admin_objects[label].pk}

        def version(w, label=label):
            instance = w.admin_objects[label]
            return [instance.pk, instance.history.order_by("history_id").first().history_id]

        entries[f"admin:{info}_changelist"] = page(seeing)
        if not any(p.name == f"{info}_change" for p in model_admin.get_urls()):
            continue  # an admin of counts only (following): no page of one object
        entries[f"admin:{info}_add"] = page(access.who("add"), why_nobody="its admin adds none")
        entries[f"admin:{info}_change"] = page(seeing, obj)
        entries[f"admin:{info}_history"] = page(seeing, obj)
        entries[f"admin:{info}_delete"] = page(
            access.who("delete"), obj, why_nobody="its admin deletes none (of these)"
        )
        # The old address of an object's page only sends on to its change page.
        entries[admin_object_route(model)] = page(seeing, obj)
        if hasattr(model_admin, "history_form_view"):  # django-simple-history
            entries[f"admin:{info}_simple_history"] = page(seeing, version)
    return entries


def admin_object_route(model):
    return f"admin/{model._meta.app_label}/{model._meta.model_name}/<path:object_id>/"


MATRIX.update(admin_entries())


# --- The URL conf ------------------------------------------------------------------------------


def url_patterns(patterns=None, prefix="", namespace=None):
    """(key, pattern) for every URL pattern: its name with namespace, or its route if unnamed."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from url_patterns(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            if pattern.name:
                yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), route
            else:
                yield route, route


# Served only with DEBUG on (uploaded files), never in production.
NOT_IN_PRODUCTION = {f"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$"}
URL_KEYS = sorted({key for key, _route in url_patterns()} - NOT_IN_PRODUCTION)


def test_every_url_of_the_portal_is_in_the_permission_matrix():
    missing = [key for key in URL_KEYS if key not in MATRIX]

    assert not missing, "\n".join(f"add {key} to the permission matrix" for key in missing)


def test_every_entry_of_the_permission_matrix_is_a_url_of_the_portal():
    stale = sorted(set(MATRIX) - set(URL_KEYS))

    assert not stale, "\n".join(f"remove {key} from the permission matrix" for key in stale)


def test_a_url_open_to_nobody_says_why():
    unexplained = [
        key for key, check in MATRIX.items() if not check.allowed and not check.why_nobody
    ]

    assert not unexplained, unexplained


def test_every_registered_admin_model_and_action_is_in_the_permission_matrix():
    labels = {model._meta.label_lower for model in admin.site._registry}
    actions = {
        f"{model._meta.label_lower}.{name}"
        for model, model_admin in admin.site._registry.items()
        for name in declared_actions(model_admin)
    }

    assert labels == set(ADMIN_MODELS), labels ^ set(ADMIN_MODELS)
    assert actions == set(ADMIN_ACTIONS), actions ^ set(ADMIN_ACTIONS)


def declared_actions(model_admin):
    return [
        action if isinstance(action, str) else action.__name__
        for action in model_admin.actions or ()
    ]


# --- The partnership and the personas ----------------------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo partnership and one account per persona, made once for the module inside a
    transaction that is rolled back at its end; each test's own changes are rolled back after
    each request on top of it."""
    media = tmp_path_factory.mktemp("media")
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media),
        transaction.atomic(),
    ):
        # What the demo leaves to do on commit (building the reports' PDFs) never runs.
        seed_demo()
        yield build_world()
        transaction.set_rollback(True)
    celery_app.conf.task_always_eager = eager


def build_world():
    w = SimpleNamespace()
    w.users = {
        RESIDENT: UserFactory(email="resident@matrix.test", organization=None),
        PARTNER: User.objects.get(email="partner@demo.lip"),
        COUNCIL: User.objects.get(email="council@demo.lip"),
        STAFF: StaffFactory(email="staff@matrix.test"),
        SUPERUSER: StaffFactory(email="superuser@matrix.test", is_superuser=True),
    }
    for persona, role in ROLE_OF.items():
        w.users[persona] = StaffFactory(email=f"{persona}@matrix.test", roles=[role])
    RecoveryCodes.activate(w.users[COUNCIL])
    w.partner_org = w.users[PARTNER].organization
    w.item = (
        ActionItem.objects.filter(
            lead_organization=w.partner_org,
            annual_plan__status=ApprovalStatus.APPROVED,
            updates__isnull=False,
        )
        .distinct()
        .order_by("-annual_plan__fiscal_year", "pk")
        .first()
    )
    w.item_year = FiscalYear(w.item.annual_plan.fiscal_year)
    other_org = Organization.objects.exclude(pk=w.partner_org.pk).exclude(
        pk__in=w.item.partner_organizations.values("pk")
    )[0]
    w.users[OTHER_PARTNER] = UserFactory(email="other@matrix.test", organization=other_org)
    w.sessions = {}
    for persona, user in w.users.items():
        client = Client()
        client.force_login(user)
        w.sessions[persona] = client.cookies[settings.SESSION_COOKIE_NAME].value

    w.open_period = ReportingPeriod.objects.get(state=ReportingPeriod.State.OPEN)
    w.locked_period = ReportingPeriod.objects.filter(state=ReportingPeriod.State.LOCKED).last()
    header = csv_io.export_period_items([]).encode()
    w.empty_import = lambda: io_file(header)

    w.open_consultation = Consultation.objects.get(status=Consultation.Status.OPEN)
    w.published_consultation = Consultation.objects.get(status=Consultation.Status.PUBLISHED)
    w.text_answer = Answer.objects.filter(
        question__consultation=w.published_consultation,
        question__kind__in=Question.TEXT_KINDS,
    ).first()
    w.paper_response = lambda: paper_response(w.open_consultation)

    # A group that none of the personas chairs, with a meeting.
    chaired = Membership.objects.filter(
        person__in=w.users.values(), role=Membership.Role.CHAIR
    ).values("group")
    w.meeting = Meeting.objects.exclude(group__in=chaired).select_related("group").first()
    w.group = w.meeting.group
    w.meeting_data = lambda: {
        "held_on": "2026-05-12",
        "agenda_en": "Work plan.",
        "agenda_fr": "Plan de travail.",
        "minutes_en": "Reviewed.",
        "minutes_fr": "Revu.",
        "decisions_en": "None.",
        "decisions_fr": "Aucune.",
    }

    w.approval = ApprovalRequest.objects.get(status=ApprovalRequest.Status.OPEN)
    w.decision = Decision.objects.order_by("pk").first()
    voters = list(w.approval.eligible_voters.values_list("person", flat=True)[:2])
    w.meeting_vote = lambda: {
        "mover": voters[0],
        "seconder": voters[1],
        "approve": len(voters),
        "object": 0,
        "abstain": 0,
    }

    open_review = EquityReview.objects.get(status=EquityReview.Status.OPEN)
    w.open_review_year = FiscalYear.from_label(open_review.fiscal_year)
    w.published_review_year = FiscalYear.from_label(
        EquityReview.objects.get(status=EquityReview.Status.PUBLISHED).fiscal_year
    )
    invitation = Invitation.objects.get(review=open_review, person=w.users[COUNCIL])
    w.token = invitation.get_absolute_url().rstrip("/").rsplit("/", 1)[-1]

    w.closed_health_check_year = FiscalYear.from_label(
        HealthCheck.objects.get(status=HealthCheck.Status.CLOSED).fiscal_year
    )
    open_check = HealthCheck.objects.get(status=HealthCheck.Status.OPEN)
    w.health_check_answer_data = lambda: {
        **{f"statement_{s.pk}": "4" for s in open_check.statements.all()},
        "body": str(person_bodies(user=w.users[COUNCIL]).first().pk),
        "comment": "",
    }

    w.draft_report_year = FiscalYear(AnnualReport.objects.get(versions__isnull=True).fiscal_year)
    w.published_report_year = FiscalYear(
        AnnualReport.objects.filter(versions__number=1).order_by("fiscal_year").first().fiscal_year
    )
    w.dataset = opendata.available_datasets()[0].slug
    w.published_practice = Practice.objects.filter(status=Practice.Status.PUBLISHED).first()
    w.submitted_practice = Practice.objects.get(
        status=Practice.Status.SUBMITTED, lead_organization=w.partner_org
    )
    for version in ReportVersion.objects.all():  # as if built: the PDFs take seconds
        version.pdf_en.save("report-en.pdf", ContentFile(b"%PDF-1.7\n%%EOF\n"), save=False)
        version.pdf_fr.save("report-fr.pdf", ContentFile(b"%PDF-1.7\n%%EOF\n"), save=False)
        version.save(update_fields=["pdf_en", "pdf_fr"])
    EmailAddress.objects.get_or_create(
        user=w.users[PARTNER], email=w.users[PARTNER].email, defaults={"primary": True}
    )

    w.subscription = Subscription.objects.create(
        email="follower@example.org",
        kind=Subscription.Kind.REPORTS,
        target="reports",
        language="en",
        consent_text="I agree.",
        consent_language="en",
        consent_source="/reports/",
    )
    w.admin_objects = {
        model._meta.label_lower: admin_object(model, w) for model in admin.site._registry
    }
    return w


def admin_object(model, w):
    """The object whose admin pages each persona opens."""
    chosen = {
        "partners.user": w.users[PARTNER],
        "partners.organization": w.partner_org,
        "actionplans.actionitem": w.item,
        "actionplans.reportingperiod": w.open_period,
        "equity.equityreview": EquityReview.objects.get(fiscal_year=w.published_review_year.label),
        "auth.group": Role.objects.get(name=REPORTING),
    }.get(model._meta.label_lower)
    if chosen is None:
        chosen = model._default_manager.order_by("pk").first()
    if chosen is None and model._meta.label_lower == "following.subscription":
        chosen = w.subscription
    if chosen is None and model._meta.label_lower == "outbox.message":
        chosen = model.objects.create(task="lip_portal.tasks.send_email", done_at=timezone.now())
    assert chosen is not None, f"the demo has no {model._meta.label}"
    if hasattr(chosen, "history") and not chosen.history.exists():
        chosen.save()  # loaded in bulk by the demo: give it the version its history page shows
    return chosen


def io_file(content):
    upload = io.BytesIO(content)
    upload.name = "progress.csv"
    return upload


def paper_response(consultation):
    """A valid paper response to every question of the consultation, with a fresh token."""
    data = {
        "token": consultation_services.form_token_issue(consultation=consultation),
        "channel": "paper",
    }
    for question in consultation.questions.all():
        name = f"q_{question.pk}"
        if question.kind == Question.Kind.SEVERAL_CHOICES:
            data[name] = ["1"]
        elif question.kind in Question.TEXT_KINDS:
            data[name] = "More evening classes, please."
        else:
            data[name] = "1"
    return data


# --- Asking --------------------------------------------------------------------------------

SIGN_IN_PATHS = {"/accounts/login/", "/admin/login/"}
ALLOWED, REFUSED = "allowed", "refused"


def answer(w, persona, check, url):
    """How the portal answers this persona: ALLOWED or REFUSED, with what was seen."""
    client = Client()
    if persona != ANONYMOUS:
        client.cookies[settings.SESSION_COOKIE_NAME] = w.sessions[persona]
    with transaction.atomic():
        post = check.method == "post"
        response = client.post(url, check.data(w)) if post else client.get(url)
        seen = [str(response.status_code)]
        for _hop in range(4):
            if response.status_code not in (301, 302, 303, 307, 308):
                break
            location = urlsplit(response["Location"])
            seen.append(f"to {location.path}")
            if location.path in SIGN_IN_PATHS:
                transaction.set_rollback(True)
                return REFUSED, " ".join(seen)
            response = client.get(response["Location"])
            seen.append(f"then {response.status_code}")
        transaction.set_rollback(True)
    status = response.status_code
    seen = " ".join(seen)
    if 200 <= status < 300:
        return ALLOWED, seen
    if status in (403, 404):
        return REFUSED, seen
    return f"neither ({status})", seen


def url_of(key, check, w):
    if key == CATCH_ALL:
        return "/admin/no-such-page/"
    if key.startswith("admin/"):  # an object's old address: its route, filled in
        return "/" + key.replace("<path:object_id>", str(check.kwargs(w)["object_id"]))
    kwargs = check.kwargs(w) if check.kwargs else None
    url = reverse(key, args=kwargs) if isinstance(kwargs, list) else reverse(key, kwargs=kwargs)
    return f"{url}?{check.query}" if check.query else url


@pytest.mark.parametrize("key", URL_KEYS)
def test_each_url_answers_each_persona_as_the_matrix_says(key, world, db):
    if key not in MATRIX:
        pytest.fail(f"add {key} to the permission matrix")
    check = MATRIX[key]
    url = url_of(key, check, world)

    wrong = []
    for persona in PERSONAS:
        expected = ALLOWED if persona in check.allowed else REFUSED
        got, seen = answer(world, persona, check, url)
        if got != expected:
            wrong.append(f"  {persona}: expected {expected}, got {got} ({seen})")

    assert not wrong, f"{check.method.upper()} {url}\n" + "\n".join(wrong)


# --- HEAD --------------------------------------------------------------------------------------

# Django's own: its admin sign-in sends someone already signed in on to the index for GET only.
HEAD_LIKE_GET_EXCEPT = {"admin:login"}
PAGE_KEYS = [
    key
    for key in URL_KEYS
    if key in MATRIX and MATRIX[key].method == "get" and key not in HEAD_LIKE_GET_EXCEPT
]


@pytest.mark.parametrize("key", PAGE_KEYS)
def test_each_page_answers_head_as_it_answers_get(key, world, db):
    """HTTP clients and link checkers ask with HEAD: every page that answers GET answers it the
    same way (as someone allowed to open it, or anonymously if nobody is)."""
    check = MATRIX[key]
    url = url_of(key, check, world)
    persona = next((p for p in PERSONAS if p in check.allowed), ANONYMOUS)
    client = Client()
    if persona != ANONYMOUS:
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[persona]
    with transaction.atomic():
        head = client.head(url)  # first, so that no cached page answers it
        get = client.get(url)
        transaction.set_rollback(True)

    assert head.status_code == get.status_code, f"HEAD {url} as {persona}"


# --- Admin actions -----------------------------------------------------------------------------


def offered(model_admin, name, w):
    """The staff personas who see the action in the list of objects (reaching that list
    needs the view or change permission)."""
    offered_to = set()
    for persona in ALL_STAFF:
        request = RequestFactory().get("/admin/")
        request.user = User.objects.get(pk=w.users[persona].pk)
        if model_admin.has_view_or_change_permission(request) and name in (
            model_admin.get_actions(request, action_location=ActionLocation.CHANGE_LIST)
        ):
            offered_to.add(persona)
    return offered_to


@pytest.mark.parametrize("action", sorted(ADMIN_ACTIONS))
def test_each_admin_action_is_offered_to_the_roles_the_matrix_says(action, world, db):
    label, name = action.rsplit(".", 1)
    model_admin = next(
        ma for model, ma in admin.site._registry.items() if model._meta.label_lower == label
    )

    assert offered(model_admin, name, world) == ADMIN_ACTIONS[action]


@pytest.mark.parametrize("label", sorted(ADMIN_MODELS))
def test_deleting_selected_objects_is_offered_to_those_who_may_delete(label, world, db):
    model_admin = next(
        ma for model, ma in admin.site._registry.items() if model._meta.label_lower == label
    )

    offered_to = offered(model_admin, "delete_selected", world)
    access = ADMIN_MODELS[label]
    expected = set(access.who("delete")) if "delete" not in access.closed else set()
    # A model whose admin refuses deleting one object may still allow it for others.
    if label in ("actionplans.actionitem", "actionplans.reportingperiod"):
        expected = {SUPERUSER, REPORTING_STAFF}
    if label == "equity.equityreview":
        expected = set()  # bulk deletion would sidestep the rule on drafts
    if label == "mfa.authenticator":
        expected = set()  # one at a time, so that each person is emailed
    assert offered_to == expected
