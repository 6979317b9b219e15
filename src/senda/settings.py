"""Django settings for Senda: one module, every variable documented in docs/env.md."""

from __future__ import annotations

import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url

from senda.env import EnvError, env_bool, env_int, env_list, env_str
from senda.portal.messages import TEMPLATES as MESSAGE_TEMPLATES

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent

SENDA_ENV = env_str("SENDA_ENV", "development")
if SENDA_ENV not in {"development", "production"}:
    raise EnvError(f"SENDA_ENV={SENDA_ENV!r} must be 'development' or 'production'")
PRODUCTION = SENDA_ENV == "production"

DATA_DIR = Path(env_str("SENDA_DATA_DIR", str(PROJECT_DIR / ".senda")))


def _secret_key() -> str:
    """Production must supply a key; development makes one once and keeps it in DATA_DIR."""
    if PRODUCTION:
        return env_str("SENDA_SECRET_KEY")
    try:
        return env_str("SENDA_SECRET_KEY")
    except EnvError:
        key_file = DATA_DIR / "secret_key"
        if not key_file.exists():
            DATA_DIR.mkdir(parents=True, exist_ok=True)
            key_file.write_text(secrets.token_urlsafe(50), encoding="utf-8")
            key_file.chmod(0o600)
        return key_file.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("SENDA_DEBUG", default=not PRODUCTION)
ALLOWED_HOSTS = env_list("SENDA_ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "govuk_frontend_django",
    "django_tasks",
    "django_tasks_db",
    "senda.people",
    "senda.casework",
    "senda.audit",
    "senda.portal",
    "senda.quality",
    "senda.interchange",
    "senda.pathways",
    "senda.sufficiency",
    "senda.improvement",
    "senda.governance",
    "senda.retention",
    "senda.disclosure",
    "senda.performance",
    "senda.web",
    "senda.demo",
    "senda.backups",
]

MIDDLEWARE = [
    "senda.web.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "senda.audit.context.RequestAddressMiddleware",
    "senda.web.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "senda.web.middleware.SessionSecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "senda.urls"
WSGI_APPLICATION = "senda.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'senda.sqlite3'}"),
        conn_max_age=env_int("SENDA_DB_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    # A database that does not answer fails /readyz/ (and a page) in seconds, not minutes.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Axes checks every sign-in first: a locked-out account is refused before its password is.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "web:sign-in"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:sign-in"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
if not PRODUCTION:  # collectstatic fills it in production; WhiteNoise wants it to exist
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
GOVUK_FRONTEND_DIST = PROJECT_DIR / "node_modules" / "govuk-frontend" / "dist"
STATICFILES_DIRS = [GOVUK_FRONTEND_DIST] if GOVUK_FRONTEND_DIST.exists() else []
WHITENOISE_USE_FINDERS = True

# Sign-in security (docs/security.md).
AXES_FAILURE_LIMIT = env_int("SENDA_LOCKOUT_ATTEMPTS", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("SENDA_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]  # the account from that address
AXES_RESET_ON_SUCCESS = True
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_LOCKOUT_CALLABLE = "senda.web.views.auth.locked_out"
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]  # a client cannot spoof X-Forwarded-For
AXES_VERBOSE = False

OTP_TOTP_ISSUER = "Senda"


def _sso_providers() -> list[dict[str, object]]:
    """Single sign-on providers (ADR 0035, docs/env.md): ``SENDA_SSO_PROVIDERS`` names them
    (lower-case letters, digits and hyphens: each is in a URL), and each name's variables
    ``SENDA_SSO_<NAME>_…`` say where its discovery document is and who Senda is there."""
    providers = []
    for name in env_list("SENDA_SSO_PROVIDERS", []):
        if not name.replace("-", "").isalnum() or name != name.lower() or not name.isascii():
            raise EnvError(f"SENDA_SSO_PROVIDERS: {name!r} must be lower-case letters, digits, -")
        prefix = f"SENDA_SSO_{name.upper().replace('-', '_')}_"
        discovery = env_str(prefix + "DISCOVERY_URL")
        if not discovery.startswith(("https://", "http://127.0.0.1", "http://localhost")):
            raise EnvError(f"{prefix}DISCOVERY_URL must be an https:// address")
        providers.append(
            {
                "name": name,
                "label": env_str(prefix + "LABEL", name),
                "discovery_url": discovery,
                "client_id": env_str(prefix + "CLIENT_ID"),
                "client_secret": env_str(prefix + "CLIENT_SECRET"),
                "mfa_amr": env_list(prefix + "MFA_AMR", ["mfa", "otp", "hwk", "swk", "sc", "fido"]),
                "mfa_acr": env_list(prefix + "MFA_ACR", []),
                "trust_email": env_bool(prefix + "TRUST_EMAIL", False),
            }
        )
    return providers


SENDA_SSO_PROVIDERS = _sso_providers()
SENDA_REQUIRE_MFA = env_bool("SENDA_REQUIRE_MFA", False)

SENDA_SESSION_HOURS = env_int("SENDA_SESSION_HOURS", 8)
SENDA_SESSION_IDLE_MINUTES = env_int("SENDA_SESSION_IDLE_MINUTES", 30)
SESSION_COOKIE_AGE = SENDA_SESSION_HOURS * 60 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = PRODUCTION
CSRF_FAILURE_VIEW = "senda.web.views.auth.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_HSTS_SECONDS = env_int("SENDA_HSTS_SECONDS", 365 * 24 * 60 * 60 if PRODUCTION else 0)
SECURE_SSL_REDIRECT = env_bool("SENDA_SSL_REDIRECT", PRODUCTION)
# The load balancer's health checks may come over plain http (docs/deploying.md).
SECURE_REDIRECT_EXEMPT = [r"^healthz/$", r"^readyz/$"]
if env_bool("SENDA_TLS_PROXY", False):  # a proxy in front ends TLS and says so in a header
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"

# Local standards that a local area may change (see docs/clock.md).
SENDA_REVIEW_LOGGED_WORKING_DAYS = env_int("SENDA_REVIEW_LOGGED_WORKING_DAYS", 5)
# A step recorded more than this many days ago may be corrected or withdrawn only by a
# team manager or service manager (docs/recording-steps.md).
SENDA_CORRECTION_MANAGER_AFTER_DAYS = env_int("SENDA_CORRECTION_MANAGER_AFTER_DAYS", 30)
if SENDA_CORRECTION_MANAGER_AFTER_DAYS < 0:
    raise EnvError(
        f"SENDA_CORRECTION_MANAGER_AFTER_DAYS={SENDA_CORRECTION_MANAGER_AFTER_DAYS} "
        "must be 0 or more"
    )
# Performance figures hide counts from 1 to this minus one (docs/suppression.md).
SENDA_SUPPRESS_BELOW = env_int("SENDA_SUPPRESS_BELOW", 5)
if SENDA_SUPPRESS_BELOW < 1:
    raise EnvError(f"SENDA_SUPPRESS_BELOW={SENDA_SUPPRESS_BELOW} must be 1 or more")
#: How the forecast counts a child's age from their year group (docs/forecast.md).
SENDA_FORECAST_AGE_RULE = env_str("SENDA_FORECAST_AGE_RULE", "august-31")
if SENDA_FORECAST_AGE_RULE not in {"august-31", "during-year"}:
    raise EnvError(
        f"SENDA_FORECAST_AGE_RULE={SENDA_FORECAST_AGE_RULE!r} must be 'august-31' or 'during-year'"
    )

# --- The portal (docs/portal.md) ------------------------------------------------------
# Uploaded files: stored through Django's storage API, under DATA_DIR unless told.
MEDIA_ROOT = Path(env_str("SENDA_FILES_DIR", str(DATA_DIR / "files")))
MEDIA_URL = "/files/"  # never served directly: the audited file view serves each file

# Invitations (portal/invitations.py).
# The address people reach Senda at: links in messages (invitations) start with it.
SENDA_SITE_URL = env_str("SENDA_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# An invitation link works for this many days, once.
SENDA_INVITATION_DAYS = env_int("SENDA_INVITATION_DAYS", 7)
if SENDA_INVITATION_DAYS < 1:
    raise EnvError(f"SENDA_INVITATION_DAYS={SENDA_INVITATION_DAYS} must be 1 or more")
# At most this many invitations by one person in an hour.
SENDA_INVITATIONS_PER_HOUR = env_int("SENDA_INVITATIONS_PER_HOUR", 30)
if SENDA_INVITATIONS_PER_HOUR < 1:
    raise EnvError(f"SENDA_INVITATIONS_PER_HOUR={SENDA_INVITATIONS_PER_HOUR} must be 1 or more")

# Uploads and the virus scanner (portal/uploads.py, portal/scanner.py; docs/portal/uploads.md).
SENDA_UPLOAD_MAX_MB = env_int("SENDA_UPLOAD_MAX_MB", 20)
if SENDA_UPLOAD_MAX_MB < 1:
    raise EnvError(f"SENDA_UPLOAD_MAX_MB={SENDA_UPLOAD_MAX_MB} must be 1 or more")
SENDA_CLAMD_SOCKET = env_str("SENDA_CLAMD_SOCKET", "")
SENDA_CLAMD_ADDRESS = env_str("SENDA_CLAMD_ADDRESS", "")
SENDA_CLAMSCAN = env_str("SENDA_CLAMSCAN", "")
SENDA_CLAMAV_DATABASE = env_str("SENDA_CLAMAV_DATABASE", "")
SENDA_SCAN_TIMEOUT = env_int("SENDA_SCAN_TIMEOUT", 30)
# A file bigger than this is written to a temporary file while it arrives, not held in
# memory; the form's other fields may not exceed the data limit. The upload limit handler
# stops reading a file once it passes SENDA_UPLOAD_MAX_MB, so a huge body is refused early.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_HANDLERS = [
    "senda.web.upload_limit.UploadLimitHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# Notifications (portal/notify.py, portal/backends.py; docs/portal/notifications.md).
# "outbox" (default) keeps each message in the database and marks it sent; "notify" sends
# it through GOV.UK Notify and needs the API key and one template id per message.
SENDA_NOTIFICATIONS = env_str("SENDA_NOTIFICATIONS", "outbox")
if SENDA_NOTIFICATIONS not in {"outbox", "notify"}:
    raise EnvError(f"SENDA_NOTIFICATIONS={SENDA_NOTIFICATIONS!r} must be outbox or notify")
SENDA_NOTIFY_API_KEY = env_str("SENDA_NOTIFY_API_KEY", "")
SENDA_NOTIFY_BASE_URL = env_str("SENDA_NOTIFY_BASE_URL", "https://api.notifications.service.gov.uk")
SENDA_NOTIFY_TEMPLATES = {
    key: env_str(f"SENDA_NOTIFY_TEMPLATE_{key.upper()}", "") for key in MESSAGE_TEMPLATES
}
if SENDA_NOTIFICATIONS == "notify":
    if len(SENDA_NOTIFY_API_KEY) < 74:
        raise EnvError("SENDA_NOTIFICATIONS=notify needs SENDA_NOTIFY_API_KEY (a Notify API key)")
    _missing = [
        f"SENDA_NOTIFY_TEMPLATE_{k.upper()}" for k, v in SENDA_NOTIFY_TEMPLATES.items() if not v
    ]
    if _missing:
        raise EnvError(f"SENDA_NOTIFICATIONS=notify needs {', '.join(_missing)}")
# Links in messages start with SENDA_SITE_URL (above).
# Reminders (portal/reminders.py): "review coming up" this many weeks before it is due.
SENDA_REVIEW_REMINDER_WEEKS = env_int("SENDA_REVIEW_REMINDER_WEEKS", 8)

# The received tray, support and challenge (portal/tray.py, portal/support.py): a setting
# whose share of late or missing review reports is above this is identified for support.
_late_share = env_str("SENDA_LATE_SETTING_SHARE", "0.3")
try:
    SENDA_LATE_SETTING_SHARE = float(_late_share)
except ValueError:
    raise EnvError(f"SENDA_LATE_SETTING_SHARE={_late_share!r} must be a number") from None
if not 0 <= SENDA_LATE_SETTING_SHARE < 1:
    raise EnvError(f"SENDA_LATE_SETTING_SHARE={_late_share} must be from 0 to less than 1")

# Families' surveys (portal/surveys.py): a survey stays open this many days after the review
# or the plan being issued it follows.
SENDA_SURVEY_DAYS = env_int("SENDA_SURVEY_DAYS", 56)
if SENDA_SURVEY_DAYS < 1:
    raise EnvError(f"SENDA_SURVEY_DAYS={SENDA_SURVEY_DAYS} must be 1 or more")

# The background queue (ADR 0017): django-tasks with its database backend; `senda worker`.
TASKS = {
    "default": {
        "BACKEND": env_str("SENDA_TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
# `senda worker` queues the nightly tick (after 02:00) and the reminders (after 07:00),
# Europe/London, once a day; off for a council that runs them from cron instead.
SENDA_SCHEDULE = env_bool("SENDA_SCHEDULE", True)

# Advice requests (portal/advice.py): how long a team still sees a child after answering.
SENDA_ADVICE_ACCESS_DAYS = env_int("SENDA_ADVICE_ACCESS_DAYS", 28)
if SENDA_ADVICE_ACCESS_DAYS < 0:
    raise EnvError(f"SENDA_ADVICE_ACCESS_DAYS={SENDA_ADVICE_ACCESS_DAYS} must be 0 or more")

# Logs (senda.web.logs, ADR 0038): one line per request and every warning, each with the
# request's id, scrubbed of personal data; "json" writes one JSON object a line.
SENDA_LOG_FORMAT = env_str("SENDA_LOG_FORMAT", "plain")
if SENDA_LOG_FORMAT not in {"plain", "json"}:
    raise EnvError(f"SENDA_LOG_FORMAT={SENDA_LOG_FORMAT!r} must be plain or json")
_LOG_LEVEL = env_str("SENDA_LOG_LEVEL", "WARNING").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "senda.web.logs.RequestIdFilter"},
        "scrub": {"()": "senda.web.logs.ScrubFilter"},
    },
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "senda.web.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id", "scrub"],
            "formatter": SENDA_LOG_FORMAT,
        }
    },
    "root": {"handlers": ["console"], "level": _LOG_LEVEL},
    # Django's own loggers write through the root's handler, so every line is scrubbed.
    "loggers": {
        "django": {"handlers": [], "propagate": True, "level": _LOG_LEVEL},
        "django.server": {"handlers": [], "propagate": True},
        "senda.request": {"level": "INFO" if env_bool("SENDA_REQUEST_LOG", True) else "WARNING"},
    },
}
