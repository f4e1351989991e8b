"""Settings of the LIP Portal: one module, every value from the environment.

The defaults suit a local run (SQLite, console email, tasks run inline unless a broker is set;
`make run` sets one that needs no server). Production sets DEBUG=false, SECRET_KEY,
ALLOWED_HOSTS, DATABASE_URL, REDIS_URL, PORTAL_BASE_URL and the EMAIL_* values.
"""

from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)

# A fixed key is fine on a laptop; `check --deploy` refuses it (lip_portal.E001).
DEVELOPMENT_SECRET_KEY = "django-insecure-local-development-key-never-use-in-production"  # noqa: S105
SECRET_KEY = env_str("SECRET_KEY") or DEVELOPMENT_SECRET_KEY

# Where the portal is reached from outside, for links in emails sent by background tasks.
PORTAL_BASE_URL = env_str("PORTAL_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The partnership's name, shown in every page's header, in each language.
PORTAL_NAME = {
    "en": env_str("PORTAL_NAME_EN", "Riverside Local Immigration Partnership"),
    "fr": env_str("PORTAL_NAME_FR", "Partenariat local d'immigration de Riverside"),
}

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it comes before it.
    "modeltranslation",
    "lip_portal.apps.PortalAdminConfig",  # django.contrib.admin, on the portal's own site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Full-text search on PostgreSQL (search/); harmless on SQLite, where search falls back.
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "rules.apps.AutodiscoverRulesConfig",
    "django_filters",
    "simple_history",
    "core",
    "outbox",
    "lip_portal",
    "partners",
    "pillars",
    "actionplans",
    "approvals",
    "reports",
    "consultations",
    "equity",
    "evaluation",
    "search",
    "following",
    "practices",
    "network",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside the page cache, so a page served from the cache carries the header too.
    "lip_portal.headers.PermissionsPolicyMiddleware",
    # A view that meets a database outage answers the portal's 503 page (handler500 does the
    # same for the middleware below): lip_portal/database_unavailable.py.
    "lip_portal.database_unavailable.DatabaseUnavailableMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions and authentication: an anonymous visitor's page comes from the shared
    # cache without touching the database (core/page_cache.py says what is stored).
    "core.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # An address with a NUL character (PostgreSQL refuses it) answers 400 before any view.
    "lip_portal.request_limits.RefuseNulInAddressMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Staff and council sessions end after STAFF_SESSION_IDLE_MINUTES idle or
    # STAFF_SESSION_MAX_HOURS in all.
    "partners.middleware.SessionLimitsMiddleware",
    # After authentication: council members and staff set up a second factor before anything else.
    "partners.middleware.SecondFactorRequiredMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "lip_portal.urls"
WSGI_APPLICATION = "lip_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lip_portal.context_processors.portal",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_health_checks=True,
    )
}
# A request waits at most this long for a database connection, then answers the 503 page
# (templates/503.html) instead of holding a worker while the database restarts.
DATABASE_TIMEOUT_SECONDS = env_int("DATABASE_TIMEOUT_SECONDS", 2)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # libpq counts at least 2 seconds.
    DATABASES["default"]["OPTIONS"] = {"connect_timeout": max(2, DATABASE_TIMEOUT_SECONDS)}
    if env_bool("DATABASE_POOL", True):
        # psycopg 3's pool replaces persistent connections (CONN_MAX_AGE must stay 0). It checks
        # each connection it hands out (CONN_HEALTH_CHECKS) and reconnects by itself.
        DATABASES["default"]["OPTIONS"]["pool"] = {
            "min_size": 1,
            "max_size": env_int("DATABASE_POOL_MAX_SIZE", 10),
            "timeout": DATABASE_TIMEOUT_SECONDS,
            # A reconnection that keeps failing stops after 5 s instead of backing off for
            # minutes: the next request then tries at once, so the portal is back as soon as
            # the database is.
            "reconnect_timeout": 5,
        }
        DATABASES["default"]["CONN_MAX_AGE"] = 0
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The portal, the worker and beat share the file (`make run`): readers never wait for a
    # writer (WAL), and a transaction takes the write lock when it begins, so two processes
    # never deadlock upgrading a read to a write; a writer waits up to 20 s for another.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, Celery --------------------------------------------------------------------------

REDIS_URL = env_str("REDIS_URL")
# A Redis that stops answering must not hold pages up: fail fast (cache and /healthz).
REDIS_TIMEOUT_SECONDS = env_int("REDIS_TIMEOUT_SECONDS", 2)

# allauth's rate limits need a cache shared by every process: the database is one. Without Redis
# it is the cache; with Redis it takes over while Redis fails (core/cache.py). `migrate`
# makes its table either way (lip_portal/migrations/0001).
DATABASE_CACHE = {
    "BACKEND": "django.core.cache.backends.db.DatabaseCache",
    "LOCATION": "lip_portal_cache",
}
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "core.cache.RedisWithFallbackCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "lip"),
            "OPTIONS": {
                "socket_connect_timeout": REDIS_TIMEOUT_SECONDS,
                "socket_timeout": REDIS_TIMEOUT_SECONDS,
                "FALLBACK": "database",
            },
        },
        "database": DATABASE_CACHE,
    }
else:
    CACHES = {"default": DATABASE_CACHE}

# Anonymous pages are cached this many seconds at most (0 turns the page cache off). Writes
# invalidate them at once; the limit only bounds what changes by the clock alone (a consultation
# that opens at its hour).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
# How long a reverse proxy or CDN may answer with a public page without asking again
# (Cache-Control s-maxage): the longest it can show a page stale after a write.
PAGE_CACHE_SHARED_MAX_AGE = env_int("PAGE_CACHE_SHARED_MAX_AGE", 10)

# The task broker: Redis in production. `filesystem://` keeps the queue in files under
# BROKER_FOLDER, which needs no server: `make run` (lip_portal/management/commands/runportal.py)
# runs a worker and beat on it. With no broker at all, tasks run inline, and beat never runs.
BROKER_URL = env_str("BROKER_URL") or REDIS_URL
BROKER_FOLDER = Path(env_str("BROKER_FOLDER") or BASE_DIR / "var" / "broker")
CELERY_BROKER_URL = BROKER_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env_int("TASK_TIME_LIMIT_SECONDS", 300)
CELERY_TASK_SOFT_TIME_LIMIT = CELERY_TASK_TIME_LIMIT * 4 // 5
# A task whose worker died (killed, out of memory) unacknowledged goes back to the queue once
# this many seconds pass: just above the longest a task may run, so none runs twice alive.
# Workers look for such tasks every 10 seconds (kombu's default: every 100).
BROKER_VISIBILITY_TIMEOUT = env_int(
    "BROKER_VISIBILITY_TIMEOUT_SECONDS", CELERY_TASK_TIME_LIMIT + 60
)
CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object] = {
    "visibility_timeout": BROKER_VISIBILITY_TIMEOUT,
    "unacked_restore_throttle": 1,
}
if CELERY_BROKER_URL.startswith("filesystem:"):
    # One folder for the queues, read and written by every process; one for the exchanges'
    # bindings (the workers' remote control). A message is taken off the queue when a worker
    # receives it: one lost with its worker is sent again by the outbox's relay.
    for folder in ("queue", "control"):
        (BROKER_FOLDER / folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS |= {
        "data_folder_in": str(BROKER_FOLDER / "queue"),
        "data_folder_out": str(BROKER_FOLDER / "queue"),
        "control_folder": str(BROKER_FOLDER / "control"),
    }
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_IGNORE_RESULT = True
# Side effects go through the transactional outbox (outbox/services.py): sent to the broker
# when their transaction commits, and by this relay every interval when that failed; one not
# done this long after it was sent (lost with a worker or with Redis) is sent again.
OUTBOX_RELAY_INTERVAL_SECONDS = env_int("OUTBOX_RELAY_INTERVAL_SECONDS", 60)
OUTBOX_REDELIVER_SECONDS = env_int("OUTBOX_REDELIVER_SECONDS", BROKER_VISIBILITY_TIMEOUT + 60)
CELERY_BEAT_SCHEDULE = {
    "outbox-relay": {
        "task": "outbox.tasks.relay",
        "schedule": OUTBOX_RELAY_INTERVAL_SECONDS,
    },
    # A published version's PDF that is missing (never built, or its file lost) is built.
    "reports-rebuild-missing-pdfs": {
        "task": "reports.tasks.rebuild_missing_pdfs",
        "schedule": crontab(minute="*/15"),
    },
    # Each reminder goes out once (see ReminderSent); running daily catches both dates.
    "actionplans-reporting-reminders": {
        "task": "actionplans.tasks.send_reporting_reminders",
        "schedule": env_int("REPORTING_REMINDER_INTERVAL_SECONDS", 6 * 60 * 60),
    },
    "equity-delete-expired-answers": {
        "task": "equity.tasks.delete_expired_answers",
        "schedule": crontab(hour=3, minute=17),
    },
    # Followers by email (following/): those who chose "as soon as something changes" hear
    # within this interval; the others on Monday morning.
    # Peer portals' data packages (network/), fetched again every interval (6 hours by
    # default); the /network/ page shows the last good copies.
    "network-fetch-all-peers": {
        "task": "network.tasks.fetch_all_peers",
        "schedule": env_int("NETWORK_FETCH_INTERVAL_SECONDS", 6 * 60 * 60),
    },
    "following-immediate-digests": {
        "task": "following.tasks.send_immediate_digests",
        "schedule": env_int("FOLLOW_IMMEDIATE_INTERVAL_SECONDS", 15 * 60),
    },
    "following-weekly-digests": {
        "task": "following.tasks.send_weekly_digests",
        "schedule": crontab(day_of_week="mon", hour=8, minute=0),
    },
    # Decides the votes that closed and sends the 48-hour reminders (each once).
    "approvals-clock": {
        "task": "approvals.tasks.run_approval_clock",
        "schedule": env_int("APPROVAL_CLOCK_INTERVAL_SECONDS", 5 * 60),
    },
}

# --- Authentication -------------------------------------------------------------------------

AUTH_USER_MODEL = "partners.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    # Django's, reading a person with their organization and all their permissions in one
    # query each (partners/backends.py).
    "partners.backends.ModelBackend",
    # allauth's, refusing an address its owner has not confirmed (partners/backends.py).
    "partners.backends.EmailAuthenticationBackend",
]
# OWASP ASVS 4.0.3 level 2 (2.1.1, 2.1.7): at least 12 characters, not a common password.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"

ACCOUNT_ADAPTER = "partners.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"  # accounts come by invitation to a known address
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
# Unused: core.mail.email_send names the partnership in each email's language instead.
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{PORTAL_NAME['en']}] "
# A person's password, email address and second factor changes are each emailed to them.
ACCOUNT_EMAIL_NOTIFICATIONS = True
# One address per account: a person changes it (the new one counts once they confirm it from
# its inbox, and the old one is removed then); they never add a second one. allauth counts the
# address being changed to, hence 2.
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_MAX_EMAIL_ADDRESSES = 2
ACCOUNT_FORMS = {
    "add_email": "partners.forms.ChangeEmailForm",
    "reset_password": "partners.forms.PasswordResetForm",
    # allauth's own forms, with the portal's labels.
    "login": "partners.forms.LoginForm",
    "reset_password_from_key": "partners.forms.ResetPasswordKeyForm",
    "change_password": "partners.forms.ChangePasswordForm",
    "set_password": "partners.forms.SetPasswordForm",
}
# Changing an email address asks for the password again (as changing a second factor does).
ACCOUNT_REAUTHENTICATION_REQUIRED = True
# Second factor (required of council members and staff: partners.rules.needs_second_factor).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# Second-factor secrets are encrypted at rest with a key of their own, not SECRET_KEY
# (partners/crypto.py); keys listed in the fallbacks still decrypt, for rotation.
MFA_ADAPTER = "partners.adapters.MFAAdapter"
DEVELOPMENT_MFA_SECRET_KEY = "local-development-mfa-key-never-use-in-production"  # noqa: S105
MFA_SECRET_KEY = env_str("MFA_SECRET_KEY") or DEVELOPMENT_MFA_SECRET_KEY
MFA_SECRET_KEY_FALLBACKS = env_list("MFA_SECRET_KEY_FALLBACKS")
MFA_TOTP_ISSUER = PORTAL_NAME["en"]
# One 30-second step either side, so a phone clock a little off still signs in.
MFA_TOTP_TOLERANCE = env_int("MFA_TOTP_TOLERANCE", 1)
# Behind a reverse proxy, rate limits (sign-in, consultations) need the visitor's own address.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# Sessions of staff and council members (who must have a second factor) end after this long
# without a request, and this long after signing in whatever happens (ASVS 3.3.2); other
# people's sessions last two weeks (SESSION_COOKIE_AGE). partners.middleware enforces them.
STAFF_SESSION_IDLE_MINUTES = env_int("STAFF_SESSION_IDLE_MINUTES", 30)
STAFF_SESSION_MAX_HOURS = env_int("STAFF_SESSION_MAX_HOURS", 12)
ACCOUNT_RATE_LIMITS = {
    "login_failed": env_str("LOGIN_FAILED_RATE_LIMIT", "10/m/ip,5/5m/key"),
    "reset_password": "20/m/ip,5/m/key",
    "change_password": "5/m/user",
}

# --- Internationalisation -------------------------------------------------------------------

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# One way to write a date per language, everywhere: "Nov. 29, 2026", "29 novembre 2026".
FORMAT_MODULE_PATH = ["lip_portal.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env_str("TIME_ZONE", "America/Toronto")
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "fr")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)

# Consultations are offered in English and French always, and in any of these languages too
# (codes named in consultations/languages.py, each with a catalogue in locale/; a system check
# refuses any other).
CONSULTATION_LANGUAGES = env_list(
    "CONSULTATION_LANGUAGES", ["ar", "zh-hans", "es", "pa", "tl", "uk", "fa", "so", "ur"]
)
# A visitor's address may submit this many responses per window (seconds), counted in the
# database (consultations.SubmissionWindow), where the address is only ever a keyed hash.
CONSULTATION_RATE_LIMIT = env_int("CONSULTATION_RATE_LIMIT", 10)
CONSULTATION_RATE_WINDOW = env_int("CONSULTATION_RATE_WINDOW", 3600)

# Following by email (following/), no account needed. Sign-ups from one network address, and
# requests for one email address, per window (seconds); a request over the address's limit is
# answered as any other, and sends nothing.
FOLLOW_RATE_LIMIT_IP = env_int("FOLLOW_RATE_LIMIT_IP", 20)
FOLLOW_RATE_LIMIT_ADDRESS = env_int("FOLLOW_RATE_LIMIT_ADDRESS", 3)
FOLLOW_RATE_WINDOW = env_int("FOLLOW_RATE_WINDOW", 3600)
# A mailbox whose "unsubscribe" emails staff honour, offered in List-Unsubscribe beside the
# one-click link (none by default: the link alone is what RFC 8058 asks).
FOLLOW_UNSUBSCRIBE_MAILTO = env_str("FOLLOW_UNSUBSCRIBE_MAILTO")
# Who sends (Canada's anti-spam law asks that every email say it): a postal address and a
# contact address, printed at the foot of every email to followers.
PORTAL_POSTAL_ADDRESS = env_str("PORTAL_POSTAL_ADDRESS")
PORTAL_CONTACT_EMAIL = env_str("PORTAL_CONTACT_EMAIL")

# --- Open data and the network of portals ---------------------------------------------------
# /data/datapackage.json names the partnership, where it works and under which licence its data
# is published ("OGL-Canada-2.0", the Open Government Licence – Canada, or "CC-BY-4.0").
OPEN_DATA_PARTNERSHIP_ID = env_str("OPEN_DATA_PARTNERSHIP_ID", "ca-on-riverside-lip")
OPEN_DATA_REGION = env_str("OPEN_DATA_REGION", "Riverside, Ontario, Canada")
OPEN_DATA_LICENCE = env_str("OPEN_DATA_LICENCE", "OGL-Canada-2.0")
if OPEN_DATA_LICENCE not in {"OGL-Canada-2.0", "CC-BY-4.0"}:
    raise ImproperlyConfigured("OPEN_DATA_LICENCE must be OGL-Canada-2.0 or CC-BY-4.0.")
# Peer portals' packages (network/): each fetch gives up after this many seconds or bytes, and
# refuses private and loopback addresses unless allowed (tests and local demos allow them).
NETWORK_FETCH_TIMEOUT_SECONDS = env_int("NETWORK_FETCH_TIMEOUT_SECONDS", 10)
NETWORK_MAX_RESPONSE_BYTES = env_int("NETWORK_MAX_RESPONSE_BYTES", 5_000_000)
NETWORK_MAX_REDIRECTS = env_int("NETWORK_MAX_REDIRECTS", 3)
NETWORK_ALLOW_PRIVATE_ADDRESSES = env_bool("NETWORK_ALLOW_PRIVATE_ADDRESSES", False)
# Single addresses allowed even when private ones are refused (a peer on this machine).
NETWORK_ALLOWED_ADDRESSES = env_list("NETWORK_ALLOWED_ADDRESSES")

# --- Request sizes --------------------------------------------------------------------------

# What one request may carry; more answers a 413 page that says the limit
# (lip_portal.request_limits). Form text, in bytes (uploaded files do not count):
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 2_621_440)
# Fields in one form (the back office's largest inline forms stay well below):
DATA_UPLOAD_MAX_NUMBER_FIELDS = env_int("DATA_UPLOAD_MAX_NUMBER_FIELDS", 2000)
DATA_UPLOAD_MAX_NUMBER_FILES = env_int("DATA_UPLOAD_MAX_NUMBER_FILES", 10)
# An uploaded file larger than this goes to a temporary file instead of memory:
FILE_UPLOAD_MAX_MEMORY_SIZE = env_int("FILE_UPLOAD_MAX_MEMORY_SIZE", 2_621_440)
# The largest CSV file an import reads (progress updates, organizations), shown on its form.
CSV_IMPORT_MAX_BYTES = env_int("CSV_IMPORT_MAX_BYTES", 2_097_152)

# --- Static and media files -----------------------------------------------------------------

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # The image runs collectstatic and turns this on for hashed, compressed files.
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("STATIC_MANIFEST", False)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not env_bool("STATIC_MANIFEST", False)

# --- Email ----------------------------------------------------------------------------------


def _mailer():
    backend = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
    options = {}
    if backend.endswith("smtp.EmailBackend"):
        options = {
            "host": env_str("EMAIL_HOST", "localhost"),
            "port": env_int("EMAIL_PORT", 25),
            "username": env_str("EMAIL_HOST_USER"),
            "password": env_str("EMAIL_HOST_PASSWORD"),
            "use_tls": env_bool("EMAIL_USE_TLS", False),
            "timeout": env_int("EMAIL_TIMEOUT", 20),
        }
    elif backend.endswith("filebased.EmailBackend"):
        options = {"file_path": env_str("EMAIL_FILE_PATH", str(BASE_DIR / "sent-emails"))}
    return {"BACKEND": backend, "OPTIONS": options}


MAILERS = {"default": _mailer()}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "LIP Portal <no-reply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Error reports to the ADMINS (Django's own "[Django] " otherwise); every other email is named
# in its reader's language by core.mail.email_send.
EMAIL_SUBJECT_PREFIX = f"[{PORTAL_NAME['en']}] "
# Every email the portal sends carries it (RFC 2919), so mail programs can file and filter them:
# by default the partnership's name and an identifier under the sender's domain.
EMAIL_LIST_ID = env_str("EMAIL_LIST_ID") or (
    f"{PORTAL_NAME['en']} <notifications.{DEFAULT_FROM_EMAIL.rpartition('@')[2].strip(' >')}>"
)

# --- Published figures ---------------------------------------------------------------------

# Counts of people under this many are never published (small-cell suppression): the pages'
# "fewer than N" and the code that hides the cells both read it.
SUPPRESSION_THRESHOLD = env_int("SUPPRESSION_THRESHOLD", 5)
if SUPPRESSION_THRESHOLD < 2:
    raise ImproperlyConfigured("SUPPRESSION_THRESHOLD must be 2 or more.")

# --- Equity review --------------------------------------------------------------------------

# Confidential self-identification answers are deleted this many years after publication.
EQUITY_RETENTION_YEARS = env_int("EQUITY_RETENTION_YEARS", 3)
# The key that links a person's personal link to their answers (equity.models.response_key):
# a key of its own, so that changing SECRET_KEY leaves everyone's answers within their reach.
# To change it, put the old value first in the fallbacks (answers found under an old key move
# to the new one when saved, or all at once with `manage.py rotate_equity_answer_key`). Unset,
# it falls back to SECRET_KEY, as before it existed; `check --deploy` refuses that (equity.E001).
EQUITY_ANSWER_KEY = env_str("EQUITY_ANSWER_KEY") or SECRET_KEY
EQUITY_ANSWER_KEY_FALLBACKS = env_list("EQUITY_ANSWER_KEY_FALLBACKS")

# --- Security -------------------------------------------------------------------------------

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
if env_bool("SECURE_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SESSION_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
# Browser features the portal never uses, denied to every page (lip_portal/headers.py).
PERMISSIONS_POLICY: dict[str, list[str]] = {
    feature: []
    for feature in [
        "accelerometer",
        "autoplay",
        "bluetooth",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    ]
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "filters": {
        "quiet_database_outage": {"()": "lip_portal.database_unavailable.QuietDatabaseOutage"},
        "quiet_refusal": {"()": "lip_portal.database_unavailable.QuietRefusal"},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # One line per request during a database outage, not a traceback each; one line too for
        # a refused request (403).
        "django.request": {"filters": ["quiet_database_outage", "quiet_refusal"]},
        "django.db.backends": {"level": "INFO"},
        # WeasyPrint logs every step of every PDF at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
