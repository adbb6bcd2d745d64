"""Tillit settings: one file, configured from environment variables.

Development defaults are safe to run on a laptop; ``TILLIT_ENV=production`` switches on the
hardening that ``manage.py check --deploy`` expects.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


TILLIT_ENV = env("TILLIT_ENV", "development")
PRODUCTION = TILLIT_ENV == "production"
TESTING = env_bool("TILLIT_TESTING", "pytest" in sys.modules)

# Off unless asked for (DEBUG=1 on a developer's laptop): the debug page lists every URL pattern and
# shows English technical details to anyone who finds a missing page, also in the demo.
DEBUG = env_bool("DEBUG", False) and not PRODUCTION
SECRET_KEY = env("SECRET_KEY", "" if PRODUCTION else "dev-only-insecure-key-change-me-0123456789abcdefghij")
if PRODUCTION and len(SECRET_KEY) < 50:
    raise RuntimeError("SECRET_KEY must be set (at least 50 characters) when TILLIT_ENV=production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "mozilla_django_oidc",
    "tillit.core",
    "tillit.audit",
    "tillit.org",
    "tillit.accounts",
    "tillit.workflow",
    "tillit.classification",
    "tillit.assessments",
    "tillit.events",
    "tillit.actions",
    "tillit.documents",
    "tillit.inbox",
    "tillit.reports",
    "tillit.kpis",
    "tillit.trends",
    "tillit.computed_kpis",
    "tillit.risks",
    "tillit.internal_control",
    "tillit.self_inspection",
    "tillit.overview",
    "tillit.surveys",
    "tillit.contracts",
    "tillit.integrations",
    "tillit.operations",
    "tillit.retention",
    "tillit.home",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "tillit.accounts.middleware.SessionLifetimeMiddleware",
    "tillit.accounts.middleware.RequireTwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "tillit.core.middleware.NoStoreMiddleware",
    "tillit.integrations.middleware.ApiNoStoreMiddleware",
    # Last, so that it sees a failed login only after django's auth has run.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "tillit.urls"
WSGI_APPLICATION = "tillit.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "tillit" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tillit.home.context_processors.navigation",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# SQLite is the embedded default; PostgreSQL is the production path (DATABASE_URL=postgres://…).
DATA_DIR = Path(env("TILLIT_DATA_DIR", str(BASE_DIR / "var")))
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{DATA_DIR / 'tillit.sqlite3'}"),
        conn_max_age=int(env("DB_CONN_MAX_AGE", "0")),
    )
}
# FULL syncs the WAL at every commit, so a committed case survives a power cut (NORMAL may lose
# the last commits); OFF/NORMAL/FULL/EXTRA as SQLite names them.
SQLITE_SYNCHRONOUS = env("SQLITE_SYNCHRONOUS", "FULL").strip().upper()
if SQLITE_SYNCHRONOUS not in {"OFF", "NORMAL", "FULL", "EXTRA"}:
    raise RuntimeError("SQLITE_SYNCHRONOUS must be one of OFF, NORMAL, FULL, EXTRA")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    # IMMEDIATE takes the write lock at BEGIN, so two writers never both read the audit chain
    # head and then race to append; WAL lets readers continue meanwhile.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (f"PRAGMA journal_mode=WAL; PRAGMA synchronous={SQLITE_SYNCHRONOUS}; PRAGMA foreign_keys=ON;"),
    }
    # Tests use a file (not shared-cache memory, whose table locks ignore the busy timeout), so
    # concurrency behaves as in production. Per process, so parallel runs never share one.
    DATABASES["default"]["TEST"] = {"NAME": str(Path(tempfile.gettempdir()) / f"tillit-test-{os.getpid()}.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The audit chain's HMAC key: a secret kept outside the database (environment, secret store), so
# that someone who can write to the database cannot rewrite the log and recompute its hashes.
# Unset: plain SHA-256 (chains written before a key was set still verify). Set it in production.
AUDIT_CHAIN_KEY = env("AUDIT_CHAIN_KEY")

# --- Authentication ---------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "tillit.accounts.oidc.TillitOIDCBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home:start"
LOGOUT_REDIRECT_URL = "accounts:login"

# Roles that must pass TOTP two-factor before they see anything (those who read others' cases).
TILLIT_2FA_ROLES = env_list("TILLIT_2FA_ROLES", "utredare,mas,kvalitetsutvecklare,systemadministrator")
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", "Tillit")

# Sessions live in the database (one row per session, carrying the user id), so any app server
# behind a load balancer can serve any request and deactivation can end a user's sessions.
SESSION_ENGINE = "tillit.accounts.sessions"
SESSION_IDLE_TIMEOUT = int(env("SESSION_IDLE_TIMEOUT_MINUTES", "30")) * 60
SESSION_ABSOLUTE_LIFETIME = int(env("SESSION_ABSOLUTE_LIFETIME_HOURS", "10")) * 3600
SESSION_COOKIE_AGE = SESSION_IDLE_TIMEOUT
SESSION_SAVE_EVERY_REQUEST = True  # sliding idle timeout
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_NAME = "tillit_session"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_NAME = "tillit_csrf"

# Behind a load balancer every request comes from its address: TRUSTED_PROXY_COUNT is the number of
# proxies in front of the app servers that append to X-Forwarded-For (see tillit/core/client_ip.py).
TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "0"))

# django-axes: throttle by username and client address together, so failures from one address
# never lock a named user out from another (the client address as resolved above).
AXES_CLIENT_IP_CALLABLE = "tillit.core.client_ip.client_ip"
AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(env("AXES_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = False

# --- OpenID Connect (federated login) ---------------------------------------------------------
# Enabled when OIDC_OP_ISSUER is set. Users are matched on (issuer, subject) only.
OIDC_OP_ISSUER = env("OIDC_OP_ISSUER")
OIDC_ENABLED = bool(OIDC_OP_ISSUER)
OIDC_RP_CLIENT_ID = env("OIDC_RP_CLIENT_ID")
OIDC_RP_CLIENT_SECRET = env("OIDC_RP_CLIENT_SECRET")
OIDC_RP_SIGN_ALGO = env("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_OP_AUTHORIZATION_ENDPOINT = env("OIDC_OP_AUTHORIZATION_ENDPOINT")
OIDC_OP_TOKEN_ENDPOINT = env("OIDC_OP_TOKEN_ENDPOINT")
OIDC_OP_USER_ENDPOINT = env("OIDC_OP_USER_ENDPOINT")
OIDC_OP_JWKS_ENDPOINT = env("OIDC_OP_JWKS_ENDPOINT")
OIDC_RP_SCOPES = env("OIDC_RP_SCOPES", "openid email profile")
OIDC_USE_NONCE = True
OIDC_CREATE_USER = False  # accounts are provisioned by systemadministratör with their subject
OIDC_STORE_ID_TOKEN = False
OIDC_SATISFIES_2FA = env_bool("OIDC_SATISFIES_2FA", True)
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc_authentication_callback"
LOGIN_REDIRECT_URL_FAILURE = "/konto/logga-in/?oidc=fel"
OIDC_LOGIN_LABEL = env("OIDC_LOGIN_LABEL", "Logga in med kommunens inloggning")

if TESTING:
    # Tests create many users; the real hasher would dominate the suite's run time.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# --- Cache -----------------------------------------------------------------------------------
# In the database, so that every app server and worker process shares it: the public form's rate
# limit counts all submissions, not one process's. The table is created by a migration
# (integrations 0003); MAX_ENTRIES is high so that culling never drops a counter of the minute.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "tillit_cache",
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    }
}

# --- Background tasks -------------------------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
ATTACHMENT_MAX_MB = int(env("ATTACHMENT_MAX_MB", "10"))
# Kolada (nyckeltal): the API and the municipality's own code (e.g. 1489 for Alingsås).
KOLADA_BASE_URL = env("KOLADA_BASE_URL", "https://api.kolada.se/v3")
KOLADA_MUNICIPALITY = env("KOLADA_MUNICIPALITY", "")
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
PUBLIC_FORM_RATE_PER_MINUTE = int(env("PUBLIC_FORM_RATE_PER_MINUTE", "30"))
REMINDER_INTERVAL_MINUTES = int(env("REMINDER_INTERVAL_MINUTES", "15"))
# The planned effect follow-up of a completed åtgärd, in days after completion (editable per action).
ACTION_EFFECT_FOLLOWUP_DAYS = int(env("ACTION_EFFECT_FOLLOWUP_DAYS", "90"))
if TESTING:
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# --- E-mail -----------------------------------------------------------------------------------
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "tillit@localhost")

# --- Internationalisation ---------------------------------------------------------------------
LANGUAGE_CODE = "sv"
# Swedish only until an English catalogue exists: otherwise an English browser would get Django's
# own strings in English beside Tillit's Swedish ones.
LANGUAGES = [("sv", "Svenska")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

# --- Static files -----------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Third-party front-end code comes from the npm registry into node_modules (git-ignored).
STATICFILES_DIRS = [
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
    ("vendor/axe-core", BASE_DIR / "node_modules" / "axe-core"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(DATA_DIR / "media")))
WHITENOISE_USE_FINDERS = not PRODUCTION

# --- Security ---------------------------------------------------------------------------------
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}
SESSION_COOKIE_SECURE = PRODUCTION or env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "WARNING")},
}
CSRF_FAILURE_VIEW = "tillit.core.views.csrf_failure"

# Counts of 1 … this-1 are shown as "<N" in the published kvalitetsberättelse and overviews for
# ledning and nämnd, with the complement where a total is shown (tillit.core.suppression).
SMALL_COUNT_THRESHOLD = int(env("SMALL_COUNT_THRESHOLD", "5"))
