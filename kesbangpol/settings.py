"""Settings of Portal Koordinasi Kesbangpol: one file, every difference between a laptop and a
server is an environment value (see README "Konfigurasi" and .env.example)."""

import json
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

from kesbangpol.env import env_bool, env_int, env_list, env_str, load_dotenv

BASE_DIR = Path(__file__).resolve().parent.parent
load_dotenv(BASE_DIR / ".env")
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

# Defaults serve a laptop. Servers run the Docker image, which sets DEBUG=false, and with DEBUG off
# an insecure SECRET_KEY stops the process below.
DEBUG = env_bool("DEBUG", True)

_DEV_SECRET_KEY = "django-insecure-hanya-untuk-pengembangan-lokal-jangan-dipakai-di-server"
SECRET_KEY = env_str("SECRET_KEY") or (_DEV_SECRET_KEY if DEBUG else "")
if not DEBUG and (
    len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure")
):
    raise ImproperlyConfigured(
        "SECRET_KEY tidak aman atau belum diatur: di server (DEBUG=false) isikan minimal 50 karakter acak, "
        "misalnya dari `python -c 'import secrets; print(secrets.token_urlsafe(64))'`. "
        "Untuk pengembangan lokal, jalankan dengan DEBUG=true (make run)."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "import_export",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "kesbangpol",
    "rakor",
    "rekomendasi",
    "laporan",
]

MIDDLEWARE = [
    # First, so it counts the CPU of everything below it; does nothing unless SERVER_TIMING is on.
    "kesbangpol.middleware.ServerTimingMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "kesbangpol.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages compress ~5:1 (a province's matrix, the rakor page); Django pads gzip output against
    # BREACH. Static files come precompressed from WhiteNoise above.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Deny by default: every view needs a login unless marked @login_not_required.
    "kesbangpol.middleware.LoginWajibMiddleware",
    "kesbangpol.middleware.SessionLimitsMiddleware",
    # Admins and provincial staff finish sign-in with a one-time code (TOTP) before anything else.
    "kesbangpol.middleware.DuaFaktorMiddleware",
    "kesbangpol.middleware.RegionTimezoneMiddleware",
    "kesbangpol.middleware.HanyaKirimanMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # A view that meets a dropped database connection: a GET is run once more, the rest answer 503.
    "kesbangpol.middleware.KoneksiPutusMiddleware",
    # Last, as django-axes requires.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kesbangpol.urls"
WSGI_APPLICATION = "kesbangpol.wsgi.application"

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
                "kesbangpol.context_processors.portal",
            ],
            "builtins": ["kesbangpol.templatetags.portal"],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'kesbangpol.sqlite3'}")
_db = dj_database_url.parse(DATABASE_URL)
if _db["ENGINE"] == "django.db.backends.postgresql":
    # Persistent connections, checked before reuse so a restarted PostgreSQL is survived.
    _db["CONN_MAX_AGE"] = env_int("DB_CONN_MAX_AGE", 600)
    _db["CONN_HEALTH_CHECKS"] = True
    # PostgreSQL's default random_page_cost (4) prices an index lookup as a spinning disk would; on
    # SSDs or a cached working set it picks hash joins over whole tables instead of index lookups
    # (an office's 378 assignments: 10.8 ms with a scan of 49 000 recommendations, 0.8 ms with the
    # index, measured on the national data). 1.1 is the usual SSD value; set 4 for spinning disks.
    _db.setdefault("OPTIONS", {})["options"] = f"-c random_page_cost={env_str('DB_RANDOM_PAGE_COST', '1.1')}"
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Users, sign-in and sessions ----------------------------------------------------------------
AUTH_USER_MODEL = "kesbangpol.User"
AUTHENTICATION_BACKENDS = [
    "kesbangpol.backends.KunciAkunBackend",
    "kesbangpol.backends.PenggunaBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "kesbangpol:beranda"
LOGOUT_REDIRECT_URL = "login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 2
# Two-factor sign-in (TOTP) for national and provincial admins and provincial staff (who accept
# reports and verify follow-ups). On by default in production; a laptop demo may leave it off.
DUA_FAKTOR_WAJIB = env_bool("DUA_FAKTOR_WAJIB", not DEBUG)
OTP_TOTP_ISSUER = env_str("PORTAL_NAMA", "Portal Koordinasi Kesbangpol")

# Idle timeout, enforced by kesbangpol.middleware.SessionLimitsMiddleware from a last-activity stamp
# it saves at most once a minute; the stored session outlives that by the one-minute step.
SESSION_IDLE_SECONDS = env_int("SESSION_IDLE_SECONDS", 30 * 60)
SESSION_COOKIE_AGE = SESSION_IDLE_SECONDS + 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Absolute limit, enforced by kesbangpol.middleware.SessionLimitsMiddleware.
SESSION_ABSOLUTE_SECONDS = env_int("SESSION_ABSOLUTE_SECONDS", 12 * 60 * 60)

# Lockout per username *and* address: an office behind one NAT address must not lock out its
# colleagues because one of them mistyped, and a guesser cannot lock out a user from elsewhere.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 30))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/terkunci.html"
AXES_IPWARE_PROXY_COUNT = env_int("AXES_PROXY_COUNT", 0) or None
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = True
# And per username across addresses (kesbangpol.backends.KunciAkunBackend): guessing spread over
# many addresses is stopped after 10 failures in 15 minutes, and the lock lasts only as long as the
# guessing goes on.
AKUN_GAGAL_BATAS = env_int("AKUN_GAGAL_BATAS", 10)
AKUN_GAGAL_MENIT = env_int("AKUN_GAGAL_MENIT", 15)
# The public document check, per address (kesbangpol.batas).
VERIFIKASI_PER_MENIT = env_int("VERIFIKASI_PER_MENIT", 20)

# --- Language and time --------------------------------------------------------------------------
LANGUAGE_CODE = "id"
# Indonesian for third-party strings that ship none (import/export buttons in the admin).
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGES = [("id", "Bahasa Indonesia")]
USE_I18N = True
TIME_ZONE = "Asia/Jakarta"
USE_TZ = True

# --- Static and uploaded files ------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "staticfiles")))
# Uploaded files are never served from a public URL: they go out through access-checked views.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
MEDIA_URL = "/media-tidak-publik/"
try:
    _media_options = json.loads(env_str("MEDIA_STORAGE_OPTIONS", "{}"))
except json.JSONDecodeError as exc:
    raise ImproperlyConfigured(f"MEDIA_STORAGE_OPTIONS bukan JSON yang sah: {exc}") from None
STORAGES = {
    "default": {
        "BACKEND": env_str("MEDIA_STORAGE_BACKEND", "kesbangpol.penyimpanan.PenyimpananBerkas"),
        "OPTIONS": _media_options,
    },
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# The attendance form of a 500-person rakor posts a few fields per row.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10000
# Largest upload (documents, photos, slides, evidence, Excel sheets), checked on the file itself.
UNGGAH_MAKS_MB = env_int("UNGGAH_MAKS_MB", 10)

# --- Email --------------------------------------------------------------------------------------
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Portal Kesbangpol <noreply@kesbangpol.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_SUBJECT_PREFIX = "[Portal Kesbangpol] "

# --- Redis, cache and Celery --------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}
# The CPU bench's per-request figure (a Server-Timing header); off in normal use.
SERVER_TIMING = env_bool("SERVER_TIMING", False)
# With Redis, sessions are read from the cache (and still kept in the database).
SESSION_ENGINE = "django.contrib.sessions.backends." + ("cached_db" if REDIS_URL else "db")
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL") or REDIS_URL
# Without a broker (a laptop, `make run`) tasks run in-process, in the request that enqueues them.
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env_str("CELERY_RESULT_BACKEND") or None
CELERY_TASK_IGNORE_RESULT = not CELERY_RESULT_BACKEND
# A killed worker's task runs again (tasks are idempotent); one task at a time per process so a
# long PDF does not hold others hostage.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# When the broker connection drops, a running late-ack task cannot be acknowledged any more: cancel
# it so it is redelivered (our tasks are idempotent) instead of finishing unacknowledged.
CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS = True
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A task whose worker died (a node lost, not just a pool process: that one is requeued at once) is
# delivered again once it has been unacknowledged this long. Keep it above the longest task: a PDF
# is stopped at CELERY_TASK_TIME_LIMIT (300 s), and the largest measured takes ~10 s. kombu looks
# for such tasks every 10 s, but by default scans only every 10th look (~100 s); every look here.
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 300)
# A running document job whose worker has not reported for the time limit and this much more is
# handed out again by the sweep (kesbangpol.dokumen.sapu).
DOKUMEN_MACET_DETIK = env_int("DOKUMEN_MACET_DETIK", 60)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 600),
    "unacked_restore_throttle": 1,
    "socket_connect_timeout": 2,
    "socket_timeout": 5,
}
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    # The document outbox: jobs requested while the broker was down are enqueued once it is back.
    "sapu-dokumen": {"task": "kesbangpol.sapu_dokumen", "schedule": 60.0},
    # Files no record references (a commit lost after the write), nightly.
    "bersihkan-berkas": {"task": "kesbangpol.bersihkan_berkas", "schedule": crontab(hour=2, minute=30)},
    # One digest per office of overdue and soon-due recommendations, every morning (WIB).
    "pengingat-rekomendasi-harian": {
        "task": "rekomendasi.kirim_pengingat",
        "schedule": crontab(hour=env_int("PENGINGAT_JAM", 7), minute=0),
    },
    # Operators of unsubmitted reports (7 and 1 days before the due date, then weekly after it) and
    # the province's staff (a digest of late kab/kota).
    "pengingat-laporan-harian": {
        "task": "laporan.kirim_pengingat",
        "schedule": crontab(hour=env_int("PENGINGAT_JAM", 7), minute=15),
    },
    # After the reminders, so the digest carries them: one mail to whoever chose the daily digest.
    "ringkasan-notifikasi-harian": {
        "task": "kesbangpol.ringkasan_notifikasi",
        "schedule": crontab(hour=env_int("PENGINGAT_JAM", 7), minute=30),
    },
    "bersihkan-notifikasi": {
        "task": "kesbangpol.bersihkan_notifikasi",
        "schedule": crontab(hour=2, minute=0),
    },
    # Early-warning signals of every province: a new quarter changes which quarters count.
    "hitung-sinyal": {"task": "laporan.hitung_sinyal", "schedule": crontab(hour=1, minute=0)},
}

# A kab/kota's quarter is a peak signal only from this many incidents (or casualties) upward.
SINYAL_MIN_KEJADIAN = env_int("SINYAL_MIN_KEJADIAN", 3)
SINYAL_MIN_KORBAN = env_int("SINYAL_MIN_KORBAN", 5)

# --- Security headers and cookies (production when DEBUG is off) --------------------------------
SECURE_COOKIES = env_bool("SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
if SECURE_COOKIES:
    # __Host-: the browser only accepts them over HTTPS, for this exact host and path "/".
    SESSION_COOKIE_NAME = "__Host-sesi"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("TRUST_X_FORWARDED_PROTO", False):
    # Only behind a proxy that sets this header itself (see docker-compose.yml).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Forms, import/export -----------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False

# --- Read-only API (/api/v1/, kesbangpol.api) ----------------------------------------------------
# Calls per token (or per signed-in user in the API's browser page), e.g. "1000/hour" or "60/min".
API_BATAS = env_str("API_BATAS", "1000/hour")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "kesbangpol.api.akses.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["kesbangpol.api.akses.BacaSaja"],
    "DEFAULT_THROTTLE_CLASSES": ["kesbangpol.api.akses.BatasToken"],
    "DEFAULT_PAGINATION_CLASS": "kesbangpol.api.akses.Kursor",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # Nothing is ever parsed for use (the API only reads), but a posted form must reach the CSRF
    # check and the read-only refusal (403), not stop at 415.
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DATETIME_FORMAT": "iso-8601",
    "COERCE_DECIMAL_TO_STRING": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API Portal Koordinasi Kesbangpol",
    "DESCRIPTION": (
        "API baca-saja. Setiap panggilan memakai token akses pribadi (buat di halaman Akun saya) di "
        "header `Authorization: Bearer <token>`, hanya melihat data dalam lingkup pengguna pemilik "
        "token, dan tercatat di jejak audit."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # One name per choice set that several fields share a field name with.
    "ENUM_NAME_OVERRIDES": {
        "StatusRakor": "rakor.models.Rakor.Status",
        "JenisRakor": "rakor.models.Rakor.Jenis",
        "StatusPenugasan": "rekomendasi.models.Penugasan.Status",
        "StatusLaporan": "laporan.models.LaporanTriwulan.Status",
        "JenisInstansi": "kesbangpol.models.Instansi.Jenis",
        "JenisSinyal": "laporan.models.Sinyal.Jenis",
    },
}

# --- Portal -------------------------------------------------------------------------------------
PORTAL_NAMA = env_str("PORTAL_NAMA", "Portal Koordinasi Kesbangpol")
# Map tiles for the report map (e.g. an internal tile server "https://peta.example.go.id/{z}/{x}/{y}.png").
# Empty: the map shows points and region labels on a plain background (closed networks).
PETA_TILE_URL = env_str("PETA_TILE_URL", "")
PETA_TILE_ATRIBUSI = env_str("PETA_TILE_ATRIBUSI", "")
# The portal's public address, for links in emails sent outside a request (reminders) and the QR
# code in PDFs. Unset, a PDF's QR code uses the address its requester had open (never 127.0.0.1 on
# a server), and `check --deploy` warns.
PORTAL_URL_DIATUR = bool(env_str("PORTAL_URL", ""))
PORTAL_URL = env_str("PORTAL_URL", "http://127.0.0.1:8000")
# A less guessable admin path keeps scanners off the admin login (it is protected either way).
ADMIN_URL = env_str("ADMIN_URL", "admin/")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
