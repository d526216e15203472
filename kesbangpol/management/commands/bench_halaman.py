"""The in-database half of `make bench` (run by `manage.py bench`, once per data set, with the same
settings as the gunicorn server it measures): signed-in sessions for the benchmark users, the list
of pages with their query counts, and on request the document and import figures. Prints JSON."""

import json
import time
from pathlib import Path

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.core.management.base import BaseCommand, CommandError
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
        device, _ = TOTPDevice.objects.get_or_create(user=user, name="bench", defaults={"confirmed": True})
        store[DEVICE_ID_SESSION_KEY] = device.persistent_id
    store.create()
    return store.session_key


def halaman(halaman_dari: str | None = None) -> tuple[list[tuple], dict[str, str]]:
    """The measured pages as (label, url, username, kelas), each user's bare page first, and a
    signed-in session per user."""
    if halaman_dari:
        # The national set is measured on the demo's URLs: its own choice would pick other
        # objects (seed_scale adds a later quarter, so "Paser's latest accepted report" was
        # another report with ten times the items), and national ÷ demo would compare two pages.
        pages = [
            (p["label"], p["url"], p["user"], p["kelas"])
            for p in json.loads(Path(halaman_dari).read_text())
            if p["kelas"] != "polos"  # the bare pages are added below, one per user
        ]
    else:
        pages = list(PAGES)
        # Each domain app adds its pages through bench_pages() in its bench.py; the core names none.
        for module in demo.app_demo_modules("bench"):
            if hasattr(module, "bench_pages"):
                pages += module.bench_pages()
    usernames = {p[2] for p in pages}
    users = {u.username: u for u in User.objects.select_related("instansi").filter(username__in=usernames)}
    if missing := usernames - set(users):
        raise CommandError(
            f"Pengguna demo belum ada ({', '.join(sorted(missing))}): jalankan seed_demo dulu."
        )
    sessions = {name: sesi(user) for name, user in users.items()}
    # The bare page of each user comes first: every page is compared with its own user's.
    rows = [("halaman polos (profil)", BARE, name, "polos") for name in sorted(usernames)] + pages
    return rows, sessions


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--dokumen", action="store_true", help="Juga ukur PDF dan impor.")
        parser.add_argument(
            "--halaman-dari",
            help="Berkas JSON halaman dari data set pertama (keluaran perintah ini): URL yang sama.",
        )

    def handle(self, *args, dokumen, halaman_dari, **options):
        rows, sessions = halaman(halaman_dari)
        out = {"cookie": settings.SESSION_COOKIE_NAME, "sessions": sessions, "pages": []}
        for label, url, username, kelas in rows:
            client = Client(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
            client.cookies[settings.SESSION_COOKIE_NAME] = sessions[username]
            status = client.get(url, secure=True).status_code
            if status != 200:
                raise CommandError(f"{url} sebagai {username}: {status}, bukan 200")
            counter = QueryCounter()
            # Counted by an execute wrapper: it survives the connection being closed after each
            # request, which CaptureQueriesContext's query log does not.
            with connection.execute_wrapper(counter):
                client.get(url, secure=True)
            out["pages"].append(
                {"label": label, "url": url, "user": username, "kelas": kelas, "query": counter.count}
            )
        if dokumen:
            out["dokumen"] = []
            for module in demo.app_demo_modules("bench"):
                for hook in ("bench_dokumen", "bench_impor"):
                    if hasattr(module, hook):
                        out["dokumen"] += getattr(module, hook)()
        self.stdout.write(json.dumps(out))
