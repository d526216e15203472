"""`make bench`: requests per second of the main pages as a ratio to a bare page, through the
full middleware stack, signed in as the same user, plus queries per page.

It runs against the configured database (SQLite under var/ after `make run`, or DATABASE_URL),
in-process through Django's test client, so the figures compare pages with each other; they are
not a server's throughput. Results go to stdout and bench/RESULTS.md.
"""

import os
import platform
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.utils import timezone

from kesbangpol import demo
from kesbangpol.models import User

PAGES = [
    ("bare page (profil)", "/akun/", "staf_kaltim"),
    ("beranda staf provinsi", "/", "staf_kaltim"),
    ("beranda operator", "/", "operator_paser"),
    ("daftar wilayah (provinsi)", "/wilayah/", "staf_kaltim"),
    ("daftar wilayah nasional (50 dari 552 baris)", "/wilayah/", "admin_nasional"),
    ("halaman provinsi", "/wilayah/64/", "staf_kaltim"),
    ("halaman kabupaten", "/wilayah/64.01/", "operator_paser"),
]


class QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


class Command(BaseCommand):
    help = "Mengukur laju halaman utama dibanding halaman polos dan jumlah query per halaman."

    def add_arguments(self, parser):
        parser.add_argument("--seconds", type=float, default=2.0, help="Lama pengukuran per halaman.")

    def handle(self, *args, seconds, **options):
        pages = list(PAGES)
        # Each domain app may add its pages through bench_pages() in its demo.py; the core names none.
        for module in demo.app_demo_modules():
            if hasattr(module, "bench_pages"):
                pages += module.bench_pages()
        users = {u.username: u for u in User.objects.filter(username__in={p[2] for p in pages})}
        missing = {p[2] for p in pages} - set(users)
        if missing:
            raise CommandError(
                f"Pengguna demo belum ada ({', '.join(sorted(missing))}): jalankan seed_demo dulu."
            )
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
        rows = []
        for label, url, username in pages:
            client = Client()
            client.force_login(users[username], backend="kesbangpol.backends.PenggunaBackend")
            assert client.get(url).status_code == 200, url
            counter = QueryCounter()
            # Counted by an execute wrapper: it survives the connection being closed after each
            # request, which CaptureQueriesContext's query log does not.
            with connection.execute_wrapper(counter):
                client.get(url)
            count, start = 0, time.perf_counter()
            while time.perf_counter() - start < seconds:
                client.get(url)
                count += 1
            rows.append((label, url, count / (time.perf_counter() - start), counter.count))
        bare = rows[0][2]
        lines = [
            f"# Benchmark {timezone.localtime():%Y-%m-%d %H:%M} · {platform.node()} · {platform.machine()}"
            f" · {os.cpu_count()} core · {connection.vendor}",
            "",
            "| halaman | URL | permintaan/detik | rasio ke halaman polos | query |",
            "|---|---|---:|---:|---:|",
        ]
        lines += [
            f"| {label} | `{url}` | {rate:.0f} | {rate / bare:.2f} | {q} |" for label, url, rate, q in rows
        ]
        dokumen_rows = []
        for module in demo.app_demo_modules():
            if hasattr(module, "bench_dokumen"):
                dokumen_rows += module.bench_dokumen()
        if dokumen_rows:
            lines += ["", "| dokumen PDF | hasil |", "|---|---:|"]
            lines += [f"| {label} | {nilai} |" for label, nilai in dokumen_rows]
        text = "\n".join(lines) + "\n"
        self.stdout.write(text)
        out = Path(settings.BASE_DIR) / "bench" / "RESULTS.md"
        out.parent.mkdir(exist_ok=True)
        out.write_text(text, encoding="utf-8")
