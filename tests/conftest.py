"""Personas and shared fixtures. Each persona is a role in a place; the outsiders are who must
see nothing."""

import contextlib
import importlib
import os
import re
import socket
import time
from urllib.parse import urlparse

import pytest
from django.test import override_settings

from kesbangpol.models import User
from tests import factories

# Playwright's sync API keeps an event loop in the main thread; Django would refuse ORM calls
# from the same thread without this. Tests only.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

IN_CI = os.environ.get("CI", "").lower() == "true"
P = User.Peran


def pytest_configure(config):
    override_settings(
        # The manifest storage needs collectstatic; tests use the plain one.
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        CELERY_TASK_ALWAYS_EAGER=True,
        # Off for the suite at large; tests/kesbangpol/test_dua_faktor.py turns it on.
        DUA_FAKTOR_WAJIB=False,
        # The walks open the public check hundreds of times from one address;
        # tests/kesbangpol/test_dokumen.py sets a real limit.
        VERIFIKASI_PER_MENIT=1_000_000,
        # Likewise the API walks; tests/kesbangpol/test_api.py sets a real limit.
        API_BATAS="1000000/hour",
    ).enable()


# The reference lists the migrations ship: regions and Kesbangpol offices, the fields of
# recommendations, the incident codebook.
DATA_MIGRASI = (
    "kesbangpol.migrations.0002_wilayah_dan_kesbangpol",
    "rekomendasi.migrations.0002_bidang",
    "laporan.migrations.0006_kodebuku_bawaan",
)


@pytest.fixture(autouse=True)
def _reference_after_flush(request):
    """Transactional tests (browser, Celery worker) empty every table when they end; the reference
    lists the migrations ship are loaded again for them by the same code."""
    marker = request.node.get_closest_marker("django_db")
    if not (marker and marker.kwargs.get("transaction")):
        return
    request.getfixturevalue("transactional_db")
    from django.apps import apps

    from kesbangpol.models import Wilayah

    if not Wilayah.objects.exists():
        for migrasi in DATA_MIGRASI:
            importlib.import_module(migrasi).muat(apps, None)


def service_missing(reason: str):
    """A test that needs a real service fails in CI (CI=true) and skips on a laptop."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: layanan wajib tersedia)")
    pytest.skip(reason)


def perlu_postgresql(alasan: str) -> None:
    """For a test that needs PostgreSQL as the database: skipped on the SQLite run, but a failure
    on a run that is meant to be PostgreSQL (CI's second run sets KESBANGPOL_EXPECT_POSTGRES=1)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    if IN_CI and os.environ.get("KESBANGPOL_EXPECT_POSTGRES") == "1":
        pytest.fail(f"{alasan}: run ini seharusnya PostgreSQL, tetapi {connection.vendor}")
    pytest.skip(f"{alasan} (hanya pada run PostgreSQL)")


def serentak(user, *permintaan) -> list:
    """Requests sent at the same moment (a double click, two officers of one office): each callable
    gets its own signed-in client in its own thread and database connection, all start together
    behind a barrier; returns what each returned, in order (None where it raised)."""
    import threading

    from django.db import connection
    from django.test import Client

    mulai, hasil = threading.Barrier(len(permintaan)), [None] * len(permintaan)

    def jalan(k, minta):
        client = Client()
        client.force_login(user, backend="kesbangpol.backends.PenggunaBackend")
        mulai.wait()
        try:
            hasil[k] = minta(client)
        finally:
            connection.close()

    threads = [threading.Thread(target=jalan, args=(k, m)) for k, m in enumerate(permintaan)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return hasil


def daftar_tugas(body: str) -> list[str]:
    """The home page's task list as the user reads it: label and title of each item, in order."""
    daftar = body.split('data-testid="daftar-tugas"', 1)[1].split("</section>", 1)[0]
    items = re.findall(r'<li class="tugas[^"]*">(.*?)</li>', daftar, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", i).split()) for i in items]


def reachable(url: str, default_port: int) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection(
            (parsed.hostname or "127.0.0.1", parsed.port or default_port), timeout=1
        ):
            return True
    except OSError:
        return False


@contextlib.contextmanager
def pekerja_celery():
    """A real Celery worker on the broker of CELERY_BROKER_URL/REDIS_URL for the block (fails in CI,
    skips on a laptop, without one). Tasks are then published, not run in the request."""
    from celery.contrib.testing.worker import start_worker

    from kesbangpol.celery import app

    broker = os.environ.get("CELERY_BROKER_URL") or os.environ.get("REDIS_URL")
    if not broker:
        service_missing("CELERY_BROKER_URL/REDIS_URL tidak diatur")
    if not reachable(broker, 6379):
        service_missing(f"Redis tidak dapat dihubungi di {broker}")
    before = app.conf.broker_url, app.conf.task_always_eager
    app.conf.update(broker_url=broker, task_always_eager=False)
    try:
        with start_worker(app, perform_ping_check=False, pool="solo", loglevel="WARNING"):
            yield
    finally:
        app.conf.update(broker_url=before[0], task_always_eager=before[1])


def tunggu_dokumen(job, detik: float = 30) -> None:
    """Wait until the worker has finished ``job`` (refreshed in place), at most ``detik``."""
    from django.db import OperationalError

    for _ in range(int(detik * 4)):
        try:
            job.refresh_from_db()
        except OperationalError:
            # SQLite's shared-cache test database: the worker's write transaction locks the table
            # for readers (no busy timeout there); ask again.
            time.sleep(0.25)
            continue
        if job.status == job.Status.SELESAI:
            return
        time.sleep(0.25)


# --- Personas -----------------------------------------------------------------------------------


@pytest.fixture
def operator_paser(db):
    """Kab/kota operator of Kabupaten Paser (64.01), Kalimantan Timur."""
    return factories.pengguna("operator_paser", P.OPERATOR_KABKOTA, "64.01")


@pytest.fixture
def operator_ppu(db):
    """Operator of Penajam Paser Utara (64.09): the outsider within the same province."""
    return factories.pengguna("operator_ppu", P.OPERATOR_KABKOTA, "64.09")


@pytest.fixture
def staf_kaltim(db):
    """Provincial staff of Kalimantan Timur (64): sees and acts on the whole province."""
    return factories.pengguna("staf_kaltim", P.STAF_PROVINSI, "64")


@pytest.fixture
def admin_kaltim(db):
    """Provincial admin of Kalimantan Timur: manages its offices and users in the Django admin."""
    return factories.pengguna("admin_kaltim", P.ADMIN_PROVINSI, "64")


@pytest.fixture
def pimpinan_kaltim(db):
    """Read-only leadership of Kalimantan Timur."""
    return factories.pengguna("pimpinan_kaltim", P.PIMPINAN, "64")


@pytest.fixture
def staf_kalbar(db):
    """Provincial staff of Kalimantan Barat (61): must see nothing of Kaltim."""
    return factories.pengguna("staf_kalbar", P.STAF_PROVINSI, "61")


@pytest.fixture
def tanpa_instansi(db):
    """A signed-in user nobody has placed in an office yet: sees nothing."""
    return factories.pengguna("tanpa_instansi", P.STAF_PROVINSI, None)


@pytest.fixture
def admin_nasional(db):
    """National admin: every province."""
    return factories.pengguna("admin_nasional", P.ADMIN_NASIONAL, None)


@pytest.fixture
def personas(
    operator_paser,
    operator_ppu,
    staf_kaltim,
    admin_kaltim,
    pimpinan_kaltim,
    staf_kalbar,
    tanpa_instansi,
    admin_nasional,
):
    return {
        "operator_paser": operator_paser,
        "operator_ppu": operator_ppu,
        "staf_kaltim": staf_kaltim,
        "admin_kaltim": admin_kaltim,
        "pimpinan_kaltim": pimpinan_kaltim,
        "staf_kalbar": staf_kalbar,
        "tanpa_instansi": tanpa_instansi,
        "admin_nasional": admin_nasional,
    }


@pytest.fixture
def login(client):
    """Sign a persona in on the test client: ``login(user)`` returns the client."""

    def _login(user):
        client.force_login(user, backend="kesbangpol.backends.PenggunaBackend")
        return client

    return _login


@pytest.fixture
def kabar_per_permintaan(monkeypatch):
    """Each test-client POST's on-commit work (notifications, signal recomputes) runs when the request
    ends, as after a real commit (the test's transaction never commits)."""
    from django.test import Client, TestCase

    post = Client.post

    def _post(self, *args, **kwargs):
        with TestCase.captureOnCommitCallbacks(execute=True):
            return post(self, *args, **kwargs)

    monkeypatch.setattr(Client, "post", _post)
