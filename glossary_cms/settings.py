"""Settings for Glossary CMS, read from environment variables.

Defaults are safe for local use (SQLite in the project folder, DEBUG on only when
asked for). Nothing insecure is assumed outside DEBUG: without a strong SECRET_KEY the
settings refuse to load. Production sets SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL and
DEBUG=0 and then passes `manage.py check --deploy` (our own checks: glossary_cms/checks.py).
"""

import ipaddress
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from glossary_cms.secret_key import local_secret_key, production_secret_key

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    """Read a boolean environment variable written as 1/0, true/false, yes/no or on/off."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {raw!r}")


def env_list(name: str, default: str) -> list[str]:
    """Read a comma-separated list from the environment."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_networks(name: str) -> list[str]:
    """Read a comma-separated list of IP addresses and networks (CIDR), refusing what is neither."""
    networks = []
    for item in env_list(name, ""):
        try:
            networks.append(str(ipaddress.ip_network(item, strict=False)))
        except ValueError as error:
            raise ImproperlyConfigured(f"{name}: {item!r} is not an IP address or network ({error})") from error
    return networks


DEBUG = env_bool("DEBUG", default=False)

# No fallback key: with DEBUG off a missing or weak SECRET_KEY stops the start (it signs preview
# tokens); local use gets a random key kept in a git-ignored file (see glossary_cms/secret_key.py).
if DEBUG:
    SECRET_KEY = os.environ.get("SECRET_KEY") or local_secret_key(BASE_DIR / ".local" / "secret_key")
else:
    SECRET_KEY = production_secret_key(os.environ.get("SECRET_KEY"))

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "glossary_cms.apps.GlossaryCmsConfig",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "corsheaders",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "markdownx",
    "adminsortable2",
    "simple_history",
    "publishing",
    "media_library",
    "terms",
    "faqs",
    "api",
    "editorial",
    "health",
    "django_tasks",
    "django_tasks_db",
    "scheduling",
    "webhooks",
    "interchange",
    "manage_api",
    "answers",
    "cdn",
]

MIDDLEWARE = [
    # Outermost, so that it stores delivery answers as the other middleware finished them.
    "api.caching.DeliveryCacheMiddleware",
    # Next, to see every error answered for an /api/ path (api/errors.py); errors are never stored.
    "api.errors.JsonErrorsUnderApi",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "editorial.middleware.EditorTimeZoneMiddleware",
]

# The delivery API is anonymous JSON (read-only but for POST /api/v1/ask/): its requests skip
# sessions, CSRF, authentication, messages, history and static files (see api/handler.py).
API_MIDDLEWARE = [
    # Outermost, so that it stores delivery answers as the other middleware finished them.
    "api.caching.DeliveryCacheMiddleware",
    # Next, to see every error answered for an /api/ path (api/errors.py); errors are never stored.
    "api.errors.JsonErrorsUnderApi",
    "django.middleware.security.SecurityMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "glossary_cms.urls"

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
            ],
        },
    },
]

WSGI_APPLICATION = "glossary_cms.wsgi.application"
ASGI_APPLICATION = "glossary_cms.asgi.application"


def database_from_url(url: str) -> dict:
    """A DATABASES entry for a database URL, with the connection options below."""
    database = dj_database_url.parse(
        url,
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        # Off by default: the check costs a round trip on every request. Without it, the
        # first request after a database restart fails and Django drops that connection.
        conn_health_checks=env_bool("DATABASE_CONN_HEALTH_CHECKS", default=False),
    )
    if database["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets the web server and the worker read while the other writes.
        database["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    elif database["ENGINE"] == "django.db.backends.postgresql":
        # Server-side parameters let psycopg prepare a query after a few runs, so PostgreSQL
        # stops planning the same delivery reads again on every request (half their time).
        database["OPTIONS"] = {
            "server_side_binding": env_bool("DATABASE_SERVER_SIDE_BINDING", default=True),
            "prepare_threshold": 2,
            "options": os.environ.get("DATABASE_PG_OPTIONS", "-c plan_cache_mode=force_generic_plan"),
        }
    return database


DATABASES = {"default": database_from_url(os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"))}
# A read replica answers the public API's anonymous GETs; the admin, previews, the management
# API, the worker and all writes use the primary (publishing/replica.py).
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = database_from_url(os.environ["DATABASE_REPLICA_URL"])
    DATABASE_ROUTERS = ["publishing.replica.ReplicaRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
# Times are stored in UTC; the admin shows them in this zone.
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True
# Our date formats name the time zone next to every date and time in the admin.
FORMAT_MODULE_PATH = ["glossary_cms.formats"]

STATIC_URL = "/static/"
# Where `collectstatic` (run by `make serve`) puts the admin's and the API docs' files for WhiteNoise.
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Uploaded images: the local media folder, or S3-compatible object storage (AWS S3, MinIO,
# Cloudflare R2, ...) with MEDIA_STORAGE=s3; README "How images are stored in production".
MEDIA_STORAGE = os.environ.get("MEDIA_STORAGE", "local")
if MEDIA_STORAGE == "local":
    MEDIA_FILE_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
elif MEDIA_STORAGE == "s3":
    # Keys come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (or an instance role), read by boto3.
    MEDIA_FILE_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ.get("AWS_STORAGE_BUCKET_NAME", ""),
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            # A CDN or public bucket host serving the files, e.g. media.example.com.
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "location": os.environ.get("AWS_LOCATION", ""),
            # Published pages keep image URLs: plain public URLs, never signed ones that expire.
            "querystring_auth": False,
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }
    if not MEDIA_FILE_STORAGE["OPTIONS"]["bucket_name"]:
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME.")
else:
    raise ImproperlyConfigured(f"MEDIA_STORAGE must be 'local' or 's3', not {MEDIA_STORAGE!r}")
# Absolute URLs of images in published content start with this (for local files; S3 URLs are absolute).
GLOSSARY_MEDIA_BASE_URL = os.environ.get("GLOSSARY_MEDIA_BASE_URL", "http://127.0.0.1:8000")
# The app serves the local media folder under MEDIA_URL itself: under DEBUG (`make run`), or
# when set (a small deployment without a web server in front of the media folder).
GLOSSARY_SERVE_MEDIA = env_bool("GLOSSARY_SERVE_MEDIA", default=DEBUG) and MEDIA_STORAGE == "local"
# The largest image file accepted into the library (bytes); images are scaled down when re-encoded.
GLOSSARY_IMAGE_MAX_UPLOAD_BYTES = int(os.environ.get("GLOSSARY_IMAGE_MAX_UPLOAD_BYTES", str(10 * 1024 * 1024)))
STORAGES = {
    "default": MEDIA_FILE_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Serve static files from the app folders without collectstatic during development and tests.
WHITENOISE_USE_FINDERS = DEBUG or env_bool("WHITENOISE_USE_FINDERS", default=True)

# --- Caching -------------------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"IGNORE_EXCEPTIONS": True},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Glossary ------------------------------------------------------------------------
# Where the frontend renders pages; used for sitemap URLs, canonical URLs and JSON-LD.
GLOSSARY_SITE_NAME = os.environ.get("GLOSSARY_SITE_NAME", "AI Glossary")
# One line about the glossary: the summary of /api/v1/llms.txt.
GLOSSARY_SITE_SUMMARY = os.environ.get(
    "GLOSSARY_SITE_SUMMARY", "Plain-language definitions, explanations and FAQs of the glossary's terms."
)
GLOSSARY_FRONTEND_BASE_URL = os.environ.get("GLOSSARY_FRONTEND_BASE_URL", "http://localhost:3000")
GLOSSARY_TERM_URL_PATTERN = os.environ.get(
    "GLOSSARY_TERM_URL_PATTERN", GLOSSARY_FRONTEND_BASE_URL + "/glossary/{slug}/"
)
GLOSSARY_COMPARISON_URL_PATTERN = os.environ.get(
    "GLOSSARY_COMPARISON_URL_PATTERN", GLOSSARY_FRONTEND_BASE_URL + "/glossary/compare/{slug}/"
)
GLOSSARY_INDEX_URL = os.environ.get("GLOSSARY_INDEX_URL", GLOSSARY_FRONTEND_BASE_URL + "/glossary/")
GLOSSARY_CATEGORY_URL_PATTERN = os.environ.get(
    "GLOSSARY_CATEGORY_URL_PATTERN", GLOSSARY_FRONTEND_BASE_URL + "/glossary/category/{slug}/"
)
# Greeting of the chat widget; {term} is replaced by the term's name.
GLOSSARY_WIDGET_GREETING = os.environ.get(
    "GLOSSARY_WIDGET_GREETING",
    "Hey! Browsing {term} questions. Tap any to get instant answers.",
)
GLOSSARY_WORDS_PER_MINUTE = 200
# Link the first mention of each live term in an explanation to its page (terms can opt out one by one).
GLOSSARY_AUTOLINK = env_bool("GLOSSARY_AUTOLINK", default=True)
# The longest Markdown an explanation or FAQ answer may have (characters); longer is a form error.
GLOSSARY_MARKDOWN_MAX_CHARS = int(os.environ.get("GLOSSARY_MARKDOWN_MAX_CHARS", "100000"))
# Request bodies Django parses: well above the Markdown limit, so an over-long text reaches the
# form and comes back with an error and the editor's text, instead of a bare 400 page.
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("DATA_UPLOAD_MAX_MEMORY_SIZE", str(5 * 1024 * 1024)))
# Delivery responses: Cache-Control max-age in seconds (cut short before scheduled changes).
GLOSSARY_CACHE_MAX_AGE = int(os.environ.get("GLOSSARY_CACHE_MAX_AGE", "300"))
# Server-side cache of API answers. Entries are copies: each request checks them against
# the content clock in the database, so any backend and any number of processes are exact.
GLOSSARY_SERVER_CACHE = env_bool("GLOSSARY_SERVER_CACHE", default=True)
# Upper bound on an entry's life (memory use only: correctness does not depend on it).
GLOSSARY_SERVER_CACHE_SECONDS = int(os.environ.get("GLOSSARY_SERVER_CACHE_SECONDS", "3600"))

# --- Editorial workflow ---------------------------------------------------------------
# Publishing needs an approved item; a reviewer may not approve their own submission.
GLOSSARY_REQUIRE_APPROVAL = env_bool("GLOSSARY_REQUIRE_APPROVAL", default=True)
GLOSSARY_ALLOW_SELF_APPROVAL = env_bool("GLOSSARY_ALLOW_SELF_APPROVAL", default=False)
GLOSSARY_PREVIEW_TOKEN_SECONDS = int(os.environ.get("GLOSSARY_PREVIEW_TOKEN_SECONDS", "3600"))
# Links to the frontend's draft preview; {slug} and {token} are filled in.
GLOSSARY_TERM_PREVIEW_URL_PATTERN = os.environ.get(
    "GLOSSARY_TERM_PREVIEW_URL_PATTERN", GLOSSARY_TERM_URL_PATTERN + "?preview_token={token}"
)
GLOSSARY_COMPARISON_PREVIEW_URL_PATTERN = os.environ.get(
    "GLOSSARY_COMPARISON_PREVIEW_URL_PATTERN", GLOSSARY_COMPARISON_URL_PATTERN + "?preview_token={token}"
)

# --- Content health (health/checks.py) ---------------------------------------------------
# Fewer words than these make a definition (or comparison summary) and an explanation "thin".
GLOSSARY_HEALTH_MIN_DEFINITION_WORDS = int(os.environ.get("GLOSSARY_HEALTH_MIN_DEFINITION_WORDS", "12"))
GLOSSARY_HEALTH_MIN_EXPLANATION_WORDS = int(os.environ.get("GLOSSARY_HEALTH_MIN_EXPLANATION_WORDS", "150"))
# Longer FAQ answers overflow the chat widget's bubble (about four short sentences).
GLOSSARY_HEALTH_MAX_FAQ_ANSWER_WORDS = int(os.environ.get("GLOSSARY_HEALTH_MAX_FAQ_ANSWER_WORDS", "50"))
# Trigram similarity (pg_trgm's measure, 0-1) from which two quick definitions count as near-duplicates.
GLOSSARY_HEALTH_NEAR_DUPLICATE_SIMILARITY = float(os.environ.get("GLOSSARY_HEALTH_NEAR_DUPLICATE_SIMILARITY", "0.5"))
# Items not approved or published for this many months are due for a review.
GLOSSARY_HEALTH_REVIEW_MONTHS = int(os.environ.get("GLOSSARY_HEALTH_REVIEW_MONTHS", "12"))

# --- Background work and webhooks --------------------------------------------------------
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A schedule whose side effects have not run this long after its time is shown as overdue.
GLOSSARY_OVERDUE_GRACE_SECONDS = int(os.environ.get("GLOSSARY_OVERDUE_GRACE_SECONDS", "120"))
# A task claimed this long ago that no live worker says it is running was abandoned by a
# worker that died: it is re-queued (or failed, if not safe to repeat). Keep it longer
# than the longest task runs.
GLOSSARY_TASK_LEASE_SECONDS = float(os.environ.get("GLOSSARY_TASK_LEASE_SECONDS", "600"))
# How often each worker writes its heartbeat (well under the lease).
GLOSSARY_WORKER_HEARTBEAT_SECONDS = float(os.environ.get("GLOSSARY_WORKER_HEARTBEAT_SECONDS", "10"))
# While the database is unreachable the worker retries after 0.5 s, doubling up to 30 s.
GLOSSARY_WORKER_RETRY_MIN_SECONDS = float(os.environ.get("GLOSSARY_WORKER_RETRY_MIN_SECONDS", "0.5"))
GLOSSARY_WORKER_RETRY_MAX_SECONDS = float(os.environ.get("GLOSSARY_WORKER_RETRY_MAX_SECONDS", "30"))
# Housekeeping the worker runs on every sweep, after due schedules: dotted paths to
# functions that take no arguments and return how many things they did. (Webhook retries
# are not among them: GLOSSARY_WORKER_POLLS below sends every due attempt on each poll.)
GLOSSARY_WORKER_SWEEPS: list[str] = []
# Webhooks to loopback/private addresses are refused unless this is on (local development, tests).
GLOSSARY_WEBHOOKS_ALLOW_PRIVATE_NETWORKS = env_bool("GLOSSARY_WEBHOOKS_ALLOW_PRIVATE_NETWORKS", default=DEBUG)
# Seconds one webhook attempt may take in all (connect, send, status); a slower receiver is retried later.
GLOSSARY_WEBHOOKS_DEADLINE_SECONDS = float(os.environ.get("GLOSSARY_WEBHOOKS_DEADLINE_SECONDS", "10"))
# Endpoints the worker sends to at once (one attempt per endpoint at a time).
GLOSSARY_WEBHOOKS_SENDING_THREADS = int(os.environ.get("GLOSSARY_WEBHOOKS_SENDING_THREADS", "8"))
# Called by `run_worker` on every poll, as poll(wait=<--once>): delivery apps plug in here,
# so the worker (scheduling, a workflow app) does not import them.
GLOSSARY_WORKER_POLLS = [
    "webhooks.services.work_outbox",
    "cdn.services.work_purges",
    "editorial.notifications.send_pending_notifications",
]

# --- Email (review notifications, sent by the worker) --------------------------------
# SMTP once EMAIL_HOST is set; until then emails are printed on the worker's output.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
EMAIL_TIMEOUT = 10
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Glossary CMS <glossary@localhost>")
# Where the admin is reached, for links in emails.
GLOSSARY_ADMIN_BASE_URL = os.environ.get("GLOSSARY_ADMIN_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

# --- CDN purging by tag (cdn/) -----------------------------------------------------------
# Delivery answers carry Cache-Tag and Surrogate-Key headers; content changes purge theirs
# through one of: "cloudflare", "fastly", "url" (a purge endpoint of your own), or "" (none).
GLOSSARY_CDN_PURGER = os.environ.get("GLOSSARY_CDN_PURGER", "").strip().lower()
# Cloudflare: an API token with the zone's Cache Purge permission; Fastly: an API token (Fastly-Key).
# "url": sent as a bearer token if set.
GLOSSARY_CDN_API_TOKEN = os.environ.get("GLOSSARY_CDN_API_TOKEN", "")
# Cloudflare: the zone id; Fastly: the service id.
GLOSSARY_CDN_ZONE = os.environ.get("GLOSSARY_CDN_ZONE", "")
# Cloudflare and Fastly: their API's address (their public API unless set).
GLOSSARY_CDN_API_URL = os.environ.get("GLOSSARY_CDN_API_URL", "")
# "url": where to POST {"tags": [...]}.
GLOSSARY_CDN_PURGE_URL = os.environ.get("GLOSSARY_CDN_PURGE_URL", "")
# Seconds one purge request may take before it counts as failed (and is retried).
GLOSSARY_CDN_PURGE_DEADLINE_SECONDS = float(os.environ.get("GLOSSARY_CDN_PURGE_DEADLINE_SECONDS", "10"))

# --- Markdown editor (markdownx) ----------------------------------------------------
# The live preview uses the same sanitising renderer as publication, library images resolved;
# references (`[text](term:42)`) link to their targets' admin pages in the preview.
MARKDOWNX_MARKDOWNIFY_FUNCTION = "editorial.internal_links.render_preview"
MARKDOWNX_URLS_PATH = "/markdownx/markdownify/"
MARKDOWNX_UPLOAD_URLS_PATH = "/markdownx/upload/"
MARKDOWNX_MEDIA_PATH = "markdownx/"
MARKDOWNX_UPLOAD_MAX_SIZE = 2 * 1024 * 1024
MARKDOWNX_UPLOAD_CONTENT_TYPES = ["image/jpeg", "image/png", "image/gif", "image/webp"]
MARKDOWNX_SVG_JAVASCRIPT_PROTECTION = True

# --- API -----------------------------------------------------------------------------
# Addresses (or CIDR networks) of our own reverse proxies. Only a request arriving from one
# of them has its X-Forwarded-For read; the rate limit then counts the right-most address
# there that is not a trusted proxy. None by default: X-Forwarded-For is the client's to write.
TRUSTED_PROXIES = env_networks("TRUSTED_PROXIES")
API_THROTTLE_ANON = os.environ.get("API_THROTTLE_ANON", "" if DEBUG else "120/minute")
# POST /api/v1/ask/ has its own rate per client (each ask is a search, never a cached answer).
API_THROTTLE_ASK = os.environ.get("API_THROTTLE_ASK", "" if DEBUG else "20/minute")
# Ask: an answer scoring below this (0 to 1) is not given; a question with none is recorded for editors.
GLOSSARY_ASK_MIN_SCORE = float(os.environ.get("GLOSSARY_ASK_MIN_SCORE", "0.5"))
# Distinct unanswered questions kept; beyond it new ones are not recorded (asked ones still count).
GLOSSARY_ASK_UNANSWERED_MAX = int(os.environ.get("GLOSSARY_ASK_UNANSWERED_MAX", "5000"))
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.AnonymousThrottle"],
    "EXCEPTION_HANDLER": "api.errors.json_exception_handler",
    "DEFAULT_PAGINATION_CLASS": "api.params.StrictPageNumberPagination",
    "DEFAULT_FILTER_BACKENDS": ["api.params.GivenFiltersBackend"],
    # JSON is the only format: `?format=` is an unknown parameter (400), not a 404 from negotiation.
    "URL_FORMAT_OVERRIDE": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Glossary CMS delivery API",
    "DESCRIPTION": "Read-only JSON API serving live glossary terms, comparisons and FAQs.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "TAGS": [
        {
            "name": "management",
            "description": "Working copies (drafts included), edited and moved through the workflow with a personal "
            "API token (`Authorization: Bearer …`), as its user's role allows. Updates and deletes need "
            "`If-Match` with the item's ETag. Never cached.",
        }
    ],
}

CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS", "http://localhost:3000")
CORS_URLS_REGEX = r"^/api/.*$"
# POST and Content-Type: the chat widget (/widget.js) sends readers' questions to POST /api/v1/ask/ (the one
# write-like call; other paths answer POST with 405). No credentials are ever allowed, so no cookie rides along.
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS", "POST"]
CORS_ALLOW_HEADERS = ["accept", "content-type", "if-none-match", "if-modified-since", "x-preview-token"]
CORS_EXPOSE_HEADERS = ["etag", "last-modified"]

# --- Security (production) -----------------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = not DEBUG and env_bool("SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=False)
# Load balancers probe over plain HTTP: a redirect to HTTPS would read as "down".
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0
SECURE_CONTENT_TYPE_NOSNIFF = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_preview_tokens": {"()": "editorial.logging.RedactPreviewTokens"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact_preview_tokens"]},
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["redact_preview_tokens"],
        },
    },
    "formatters": {
        "django.server": {"()": "django.utils.log.ServerFormatter", "format": "[{server_time}] {message}", "style": "{"}
    },
    "loggers": {"django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}
