"""The bench: how its figures are measured and combined (the whole run needs gunicorn and the two
bench databases, and runs with `make bench`)."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings

from kesbangpol.management.commands.bench import Command, _terbaik, ukur_berselang


class _Halaman(BaseHTTPRequestHandler):
    jeda = {}  # port -> seconds each answer takes

    def do_GET(self):
        time.sleep(self.jeda[self.server.server_address[1]])
        status = 500 if self.path == "/rusak/" else 200
        self.send_response(status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


@pytest.fixture
def dua_server():
    servers = []
    for jeda in (0.0, 0.03):
        server = ThreadingHTTPServer(("127.0.0.1", 0), _Halaman)
        _Halaman.jeda[server.server_address[1]] = jeda
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
    yield [s.server_address[1] for s in servers]
    for server in servers:
        server.shutdown()
        server.server_close()


def test_interleaved_rates_tell_a_slower_server_apart(dua_server):
    cepat, lambat = ukur_berselang([(port, "/a/", {}) for port in dua_server], 0.6)
    # 30 ms an answer caps the slow one near 33 a second; the fast one answers in well under 10 ms.
    assert lambat < 40
    assert cepat > 3 * lambat


def test_interleaved_measuring_stops_at_an_error(dua_server):
    with pytest.raises(CommandError, match="500"):
        ukur_berselang([(port, "/rusak/", {}) for port in dua_server], 0.3)


def test_table_marks_a_page_under_a_target_or_with_other_query_counts():
    def halaman(query_nasional):
        pages = [
            {"label": "polos", "url": "/akun/", "user": "staf", "kelas": "polos", "query": 4},
            {"label": "daftar A", "url": "/a/", "user": "staf", "kelas": "daftar", "query": 6},
            {"label": "daftar B", "url": "/b/", "user": "staf", "kelas": "daftar", "query": query_nasional},
        ]
        return {"pages": pages}

    info = {"demo": halaman(6), "nasional": halaman(7)}
    hasil = {
        "demo": {0: (100, 1.0), 1: (50, 0.5), 2: (50, 0.5)},
        "nasional": {0: (100, 1.0), 1: (30, 0.3), 2: (50, 0.5)},
    }
    faktor = {1: 0.6, 2: 1.0}
    text = Command()._tabel(info, hasil, faktor, ["demo", "nasional"], 3.0, 2, 1)
    baris = {line.split(" | ")[0].lstrip("| "): line for line in text.splitlines() if line.startswith("| ")}
    assert baris["daftar A"].endswith("| 0.60 | 6 / 6 | **tidak** |")  # 0.3 < 0.35 and 0.6 < 0.85
    assert baris["daftar B"].endswith("| 1.00 | 6 / 7 | **tidak** |")  # query counts differ
    assert baris["polos"].endswith("| 4 / 4 | — |")


def test_best_round_is_the_one_with_the_best_ratio():
    assert _terbaik([(50, 0.5), (90, 0.9), (95, 0.45)]) == (90, 0.9)


@pytest.mark.django_db
@override_settings(DEBUG=True, ALLOWED_HOSTS=["127.0.0.1"])
def test_second_data_set_is_measured_on_the_first_sets_urls(tmp_path):
    """The national run takes the demo run's pages: left to choose, it picked another quarter's
    report (seed_scale adds a later one) and national ÷ demo compared two different pages."""
    call_command("seed_demo", "--quiet-logins", stdout=StringIO())
    daftar = tmp_path / "halaman.json"
    # The first run's output, as `bench` writes it: its bare page rows are not taken over.
    pertama = [
        {
            "label": "halaman polos (profil)",
            "url": "/akun/",
            "user": "staf_kaltim",
            "kelas": "polos",
            "query": 4,
        },
        {
            "label": "laporan operator",
            "url": "/laporan/",
            "user": "operator_paser",
            "kelas": "daftar",
            "query": 6,
        },
    ]
    daftar.write_text(json.dumps(pertama))
    out = StringIO()
    call_command("bench_halaman", "--halaman-dari", str(daftar), stdout=out)
    info = json.loads(out.getvalue().strip().splitlines()[-1])
    assert [(p["label"], p["url"], p["user"], p["kelas"]) for p in info["pages"]] == [
        ("halaman polos (profil)", "/akun/", "operator_paser", "polos"),
        ("laporan operator", "/laporan/", "operator_paser", "daftar"),
    ]
    assert all(p["query"] > 0 for p in info["pages"])
    assert set(info["sessions"]) == {"operator_paser"}


def test_server_timing_reports_cpu_only_when_the_bench_asks(client, settings, db):
    settings.SERVER_TIMING = False
    assert "Server-Timing" not in client.get("/akun/masuk/")
    settings.SERVER_TIMING = True
    header = client.get("/akun/masuk/")["Server-Timing"]
    assert header.startswith("cpu;dur=") and float(header.split("dur=")[1]) > 0
