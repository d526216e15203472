"""The pages the bench measures and signed-in sessions for their users (as the sign-in view leaves
them, second factor included). Runs inside a process where Django is set up (``bench.setup``)."""

import time

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from kesbangpol import demo
from kesbangpol.middleware import _SESSION_KEY as MASUK_PADA
from kesbangpol.models import User

BARE = "/akun/"
PAGES = [
    ("beranda staf provinsi", "/", "staf_kaltim", "dasbor"),
    ("beranda operator", "/", "operator_paser", "dasbor"),
    ("beranda pimpinan", "/", "pimpinan_kaltim", "dasbor"),
    ("beranda admin provinsi", "/", "admin_kaltim", "dasbor"),
    ("notifikasi (staf provinsi)", "/notifikasi/", "staf_kaltim", "daftar"),
    ("daftar wilayah (provinsi)", "/wilayah/", "staf_kaltim", "daftar"),
    ("daftar wilayah nasional (50 dari 552 baris)", "/wilayah/", "admin_nasional", "daftar"),
    ("halaman provinsi", "/wilayah/64/", "staf_kaltim", "daftar"),
    ("halaman kabupaten", "/wilayah/64.01/", "operator_paser", "daftar"),
    # The read-only API's lists, first page of 50 rows, read with the same session as the pages.
    ("API wilayah nasional (50 baris)", "/api/v1/wilayah/", "admin_nasional", "api"),
    ("API laporan triwulan (50 baris)", "/api/v1/laporan/", "staf_kaltim", "api"),
    ("API potensi (50 baris)", "/api/v1/potensi/", "staf_kaltim", "api"),
    ("API kejadian (50 baris)", "/api/v1/kejadian/", "staf_kaltim", "api"),
    ("API penugasan (50 baris)", "/api/v1/penugasan/", "staf_kaltim", "api"),
    ("API rakor (50 baris)", "/api/v1/rakor/", "staf_kaltim", "api"),
    ("API sinyal (50 baris)", "/api/v1/sinyal/", "staf_kaltim", "api"),
]


class QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def sesi(user: User) -> str:
    """A session as the sign-in view leaves it, second factor included, so the server runs every
    middleware exactly as for a person (the TOTP device is the bench user's own)."""
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "kesbangpol.backends.PenggunaBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store[MASUK_PADA] = int(time.time())
    if user.perlu_dua_faktor:
        # Two bench processes may start together (bench.instruksi): a second device is harmless.
        device = TOTPDevice.objects.filter(user=user, name="bench").order_by("pk").first()
        device = device or TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
        store[DEVICE_ID_SESSION_KEY] = device.persistent_id
    store.create()
    return store.session_key


def halaman(saring: str = "", urls: list | None = None) -> tuple[list[tuple], dict[str, str]]:
    """The measured pages as (label, url, username, kelas), each user's bare page first, and a
    signed-in session per user. ``urls``: another data set's page list, so that both measure the
    same URLs (seed_scale adds a later quarter: "Paser's latest accepted report" would be another
    report there, with ten times the items)."""
    if urls is not None:
        pages = [tuple(p) for p in urls if p[3] != "polos"]
    else:
        pages = list(PAGES)
        # Each domain app adds its pages through bench_pages() in its bench.py; the core names none.
        for module in demo.app_demo_modules("bench"):
            if hasattr(module, "bench_pages"):
                pages += module.bench_pages()
    pages = [p for p in pages if saring.casefold() in p[0].casefold()]
    usernames = {p[2] for p in pages}
    users = {u.username: u for u in User.objects.select_related("instansi").filter(username__in=usernames)}
    if missing := usernames - set(users):
        raise RuntimeError(
            f"Pengguna demo belum ada ({', '.join(sorted(missing))}): jalankan seed_demo dulu."
        )
    sessions = {name: sesi(user) for name, user in users.items()}
    # The bare page of each user comes first: every page is compared with its own user's.
    rows = [("halaman polos (profil)", BARE, name, "polos") for name in sorted(usernames)] + pages
    return rows, sessions


def jumlah_query(client, url: str) -> int:
    """Queries one request makes, counted by an execute wrapper: it survives the connection being
    closed after each request, which CaptureQueriesContext's query log does not."""
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        client.get(url, secure=True)
    return counter.count


def klien(sessions: dict, username: str | None):
    """A browser behind the TLS proxy, signed in as ``username`` (None: anonymous)."""
    client = Client(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    if username:
        client.cookies[settings.SESSION_COOKIE_NAME] = sessions[username]
    return client
