"""EDI Tracker settings: one module, read from the environment with strict parsers.

Every value has a safe default for the embedded mode (SQLite, Celery tasks in-process). A value that
cannot be parsed stops the process at start with a message naming the variable; with DEBUG off, a
missing SECRET_KEY does the same.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}.")


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None
    if value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, not {value}.")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
TESTING = env_bool("EDI_TESTING", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment (DEBUG is off, so there is no default)."
        )
    SECRET_KEY = "insecure-development-key-only-for-debug-and-tests"

# The key for pseudonymising employee identifiers (HMAC-SHA256). It must stay the same for the
# life of an organisation's data, or the same person gets a new pseudonym.
PSEUDONYM_KEY = env_str("PSEUDONYM_KEY")
if not PSEUDONYM_KEY:
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured("PSEUDONYM_KEY is not set. Set it in the environment.")
    PSEUDONYM_KEY = "insecure-development-pseudonym-key"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG or TESTING else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "api.apps.StaticFilesConfig",  # django.contrib.staticfiles, leaving out what the API docs do not use
    "django_filters",
    "django_htmx",
    "axes",
    "edi_tracker",
    "plans",
    "workforce",
    "metrics",
    "networks",
    "reports",
    # Django REST framework is not an installed app: the API renders JSON and CSV only (no browsable API, so
    # none of its templates or static files), and as an app its template tags, which the template engine
    # imports for every page and PDF, would load its optional extras with it (requests, PyYAML, Pygments):
    # about 0.1 s for each process that renders anything (design.md §11, bench/startup.py).
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "sso",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Organisation pages, the signed report link and downloads: Cache-Control: private, no-store.
    "edi_tracker.middleware.PrivateNoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    # DEBUG only (make run): the product's 404 and 500 pages rather than Django's debug pages.
    "edi_tracker.middleware.ProductErrorPagesMiddleware",
]
PRODUCT_ERROR_PAGES = env_bool("PRODUCT_ERROR_PAGES", True)

ROOT_URLCONF = "edi_tracker.urls"
WSGI_APPLICATION = "edi_tracker.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "edi_tracker.context_processors.organisation",
                "networks.context_processors.networks",
            ],
            # Plurals, articles and "30 April 2023" in every template without a {% load %}.
            "builtins": ["edi_tracker.templatetags.words"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update({"timeout": 20, "transaction_mode": "IMMEDIATE"})
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "edi_tracker.User"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Single sign-on (sso/): an organisation's OpenID Connect provider, chosen when the sign-in starts.
    "sso.backend.OrganisationOIDCBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Sign-in guessing (edi_tracker.signin): wrong passwords are counted per (user name, client address)
# pair and per client address. AXES_FAILURE_LIMIT failures for one user name from one address lock that
# pair only, so a stranger elsewhere cannot lock a named user out; AXES_ADDRESS_FAILURE_LIMIT failures
# from one address, whatever the user names, lock that address. Both last AXES_COOLOFF_MINUTES.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_ADDRESS_FAILURE_LIMIT = env_int("AXES_ADDRESS_FAILURE_LIMIT", 20, minimum=1)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15, minimum=1) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "edi_tracker.signin.SignInAttemptHandler"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# The client's address: REMOTE_ADDR when nothing stands in front of the app; behind TRUSTED_PROXY_COUNT
# reverse proxies that each append to X-Forwarded-For, the entry the outermost trusted proxy added
# (edi_tracker.signin.client_address). Entries a client sends itself are to the left of it, so ignored.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "edi_tracker.signin.client_address"

# Members join by an emailed invitation whose one-time link expires after this many days.
INVITATION_MAX_AGE_DAYS = env_int("INVITATION_MAX_AGE_DAYS", 7, minimum=1)

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j F Y, H:i"

STATIC_URL = "/static/"
# Where collectstatic writes and WhiteNoise serves from with DEBUG off (the suite's production smoke
# test builds into a temporary folder).
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(choices)}, not {raw!r}.")
    return value


def env_required(name: str, why: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"{name} is not set. It is needed {why}.")
    return value


def env_url(name: str, default: str = "") -> str:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    from urllib.parse import urlsplit

    parts = urlsplit(raw)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ImproperlyConfigured(f"{name} must be an http:// or https:// address, not {raw!r}.")
    return raw.rstrip("/")


def file_storage() -> dict:
    """The storage every kept file goes through (evidence, staged workforce uploads and rows, report
    PDFs): the local disk (MEDIA_ROOT) unless STORAGE_BACKEND names an object store that every web node
    and worker shares. Files are private in every backend: they are streamed to the user by views that
    check membership, never linked to. The SDKs are imported only when a file is first stored or read."""
    backend = env_choice("STORAGE_BACKEND", "local", ("local", "azure", "s3"))
    if backend == "local":
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if backend == "azure":
        options = {
            "azure_container": env_required("AZURE_CONTAINER", "when STORAGE_BACKEND is azure (the blob container "
                                                               "that holds the files, private)"),
            "overwrite_files": False,
            "expiration_secs": None,
            "timeout": env_int("AZURE_TIMEOUT_SECONDS", 20, minimum=1),
        }
        connection_string = env_str("AZURE_CONNECTION_STRING").strip()
        if connection_string:
            if "AccountName=" not in connection_string and "BlobEndpoint=" not in connection_string:
                raise ImproperlyConfigured("AZURE_CONNECTION_STRING is not a storage connection string: it has no "
                                           "AccountName= or BlobEndpoint= part.")
            options["connection_string"] = connection_string
        else:
            why = "when STORAGE_BACKEND is azure and AZURE_CONNECTION_STRING is not set"
            options["account_name"] = env_required("AZURE_ACCOUNT_NAME", why)
            options["account_key"] = env_required("AZURE_ACCOUNT_KEY", why)
        return {"BACKEND": "storages.backends.azure_storage.AzureStorage", "OPTIONS": options}
    options = {
        "bucket_name": env_required("S3_BUCKET", "when STORAGE_BACKEND is s3 (the bucket that holds the files, "
                                                 "private)"),
        "default_acl": None,  # the bucket's own policy: private, objects never made public-read
        "querystring_auth": True,
        "file_overwrite": False,
        "endpoint_url": env_url("S3_ENDPOINT_URL") or None,  # an S3-compatible store; empty for AWS
        "region_name": env_str("S3_REGION").strip() or None,
        "addressing_style": env_choice("S3_ADDRESSING_STYLE", "auto", ("auto", "path", "virtual")),
    }
    key_id, secret = env_str("S3_ACCESS_KEY_ID").strip(), env_str("S3_SECRET_ACCESS_KEY").strip()
    if bool(key_id) != bool(secret):
        missing = "S3_SECRET_ACCESS_KEY" if key_id else "S3_ACCESS_KEY_ID"
        raise ImproperlyConfigured(f"{missing} is not set. S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together "
                                   "(leave both empty to use the machine's role).")
    if key_id:
        options.update(access_key=key_id, secret_key=secret)
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


STORAGE_BACKEND = env_choice("STORAGE_BACKEND", "local", ("local", "azure", "s3"))
# Uploaded files are never served from a public URL: evidence and reports go through views that
# check membership. MEDIA_URL is deliberately unused.
STORAGES = {
    "default": file_storage(),
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not (DEBUG or TESTING)
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Uploads (edi_tracker.uploads): a request's form fields may hold at most DATA_UPLOAD_MAX_MEMORY_SIZE in
# memory (Django refuses more); every file is streamed to a temporary file on disk, never memory, and
# stops being stored once it passes its upload kind's limit (EVIDENCE_MAX_BYTES, PLAN_IMPORT_MAX_BYTES,
# WORKFORCE_MAX_BYTES), which the form then states in words.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 0
FILE_UPLOAD_HANDLERS = ["edi_tracker.uploads.LimitedUploadHandler"]
EVIDENCE_MAX_BYTES = env_int("EVIDENCE_MAX_BYTES", 10 * 1024 * 1024, minimum=1024)

# Celery. Without REDIS_URL, tasks run in-process (eager) so the embedded default still works.
REDIS_URL = env_str("REDIS_URL")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_QUEUE", "edi_tracker")
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600, minimum=1),
    # A broker that is down is noticed in seconds, so the user is told at once (edi_tracker.queueing).
    "socket_connect_timeout": 3,
    "socket_timeout": 5,
}
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_TIMEZONE = TIME_ZONE
# The beat schedule (daily reports, the staging sweep) is in edi_tracker/celery.py, so that only Celery
# processes import Celery.
# Highlight reports: a report running longer than this (seconds) has lost its worker and can be retried.
REPORT_RUNNING_TIMEOUT = env_int("REPORT_RUNNING_TIMEOUT", 15 * 60, minimum=1)
# A report's PDF larger than this is emailed as a signed link that expires after REPORT_LINK_MAX_AGE_DAYS,
# since many mail servers refuse large attachments.
REPORT_ATTACHMENT_MAX_BYTES = env_int("REPORT_ATTACHMENT_MAX_BYTES", 5 * 1024 * 1024, minimum=0)
REPORT_LINK_MAX_AGE_DAYS = env_int("REPORT_LINK_MAX_AGE_DAYS", 14, minimum=1)
# Only for the test that kills a worker mid-report: seconds report_generate sleeps before the PDF.
REPORT_TEST_DELAY_SECONDS = env_int("EDI_REPORT_TEST_DELAY_SECONDS", 0) if TESTING else 0

CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL and not TESTING
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    ),
    # Charts' drawings, cached by the figures they are drawn from (edi_tracker.caching.by_content): in Redis
    # where it is configured, otherwise in files on this machine, so that another process (a management
    # command, a worker, the next web worker) finds a chart that one has drawn instead of importing
    # matplotlib to draw it again. The same figures and the same drawing code give the same bytes, so a
    # drawing can never be out of date; it is a cache all the same (lost files are drawn again).
    "drawings": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": "drawings"}
        if REDIS_URL and not TESTING
        else {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
              "LOCATION": env_str("DRAWINGS_CACHE_DIR", str(BASE_DIR / "var" / "cache" / "drawings")),
              "OPTIONS": {"MAX_ENTRIES": 2000}}
    ),
}

# Email
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mail"))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "EDI Tracker <edi-tracker@localhost>")

# Security. Production (DEBUG off) gets HTTPS-only cookies and HSTS; `manage.py check --deploy` is clean.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 60 * 60, minimum=60)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not (DEBUG or TESTING))
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not (DEBUG or TESTING))
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not (DEBUG or TESTING))
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if (DEBUG or TESTING) else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not (DEBUG or TESTING)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# Submitting a domain to the browsers' HSTS preload list binds every subdomain of it for years: that is
# the council's decision, not ours, so the check that asks for it is silenced unless preload is on.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
if env_bool("BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        # The storage SDKs log every request at INFO.
        "azure": {"level": "WARNING"},
        "botocore": {"level": "WARNING"},
        "boto3": {"level": "WARNING"},
    },
}
CSRF_FAILURE_VIEW = "edi_tracker.views.csrf_failure"

# In debug and tests WhiteNoise serves straight from the app's static folders.
WHITENOISE_USE_FINDERS = DEBUG or TESTING
WHITENOISE_AUTOREFRESH = DEBUG or TESTING

if TESTING:
    # Fast hashing for the suite's many throwaway users; never in a real deployment.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Plan import (Word, Excel, CSV): the largest file accepted.
PLAN_IMPORT_MAX_BYTES = env_int("PLAN_IMPORT_MAX_BYTES", 10 * 1024 * 1024, minimum=1024)
# …what a Word document or workbook may unpack to (checked before it is opened), and its rows.
PLAN_IMPORT_MAX_UNPACKED_BYTES = env_int("PLAN_IMPORT_MAX_UNPACKED_BYTES", 50 * 1024 * 1024, minimum=1024)
PLAN_IMPORT_MAX_ROWS = env_int("PLAN_IMPORT_MAX_ROWS", 20_000, minimum=10)
# A confirmed import with more actions than this is stored by a Celery task, with a progress bar,
# so that it never runs into gunicorn's timeout.
PLAN_IMPORT_TASK_THRESHOLD_ACTIONS = env_int("PLAN_IMPORT_TASK_THRESHOLD_ACTIONS", 300, minimum=0)

# Workforce extracts: size limits. (What runs after an extract is confirmed is registered by the metrics
# app: workforce.hooks.register_after_confirm.)
WORKFORCE_MAX_BYTES = env_int("WORKFORCE_MAX_BYTES", 50 * 1024 * 1024, minimum=1024)
WORKFORCE_MAX_ROWS = env_int("WORKFORCE_MAX_ROWS", 250_000, minimum=10)
WORKFORCE_MAX_UNPACKED_BYTES = env_int("WORKFORCE_MAX_UNPACKED_BYTES", 250 * 1024 * 1024, minimum=1024)
# A large upload still "being checked" after this long has lost its worker: the sweep fails it.
WORKFORCE_CHECK_TIMEOUT_SECONDS = env_int("WORKFORCE_CHECK_TIMEOUT_SECONDS", 2 * 60 * 60, minimum=60)
# Uploads above this many bytes are checked by a Celery task, with a progress bar.
WORKFORCE_TASK_THRESHOLD_BYTES = env_int("WORKFORCE_TASK_THRESHOLD_BYTES", 1024 * 1024, minimum=0)

# The read-only API (api/, design.md §10a): tokens only (Authorization: Bearer), JSON and ?format=csv,
# limit/offset pages, requests per token limited in the shared cache (429 with Retry-After).
API_RATE = env_str("API_RATE", "600/minute")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.authentication.BearerTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["api.authentication.HasApiToken"],
    "DEFAULT_THROTTLE_CLASSES": ["api.authentication.TokenRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"api_token": API_RATE},
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer", "api.renderers.CSVRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "EDI Tracker API",
    "DESCRIPTION": "Read-only: an organisation's plans, actions, progress updates, published metrics and reports. "
                   "Send `Authorization: Bearer <token>`; tokens are made by the organisation's admin.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1/o/\{org_slug\}",  # tags by what is read: plans, actions, …
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Registers the bearer token and the views' methods' schemas, loaded only when a schema is generated
    # (api/docs.py says why).
    "DEFAULT_GENERATOR_CLASS": "api.schema.SchemaGenerator",
}

# Single sign-on (sso/, mozilla-django-oidc): the provider is the organisation's (sso.models), not one
# set here; these are the library's settings that apply to all of them.
OIDC_AUTHENTICATION_CALLBACK_URL = "sso:callback"
OIDC_RP_SCOPES = "openid email profile"
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 10
OIDC_CREATE_USER = False
