"""The bench (bench/): how its figures are measured and combined. The whole run needs PostgreSQL,
gunicorn, Chromium and Locust and is `make bench`; here, its parts on the test database."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

from bench import __main__ as orkestra
from bench import cpu, instruksi
from bench.beban import hasil_csv
from bench.halaman import halaman


def _cpu(label, kelas, cpu_ms, rasio, query=5):
    return {
        "label": label,
        "url": "/x/",
        "user": "staf",
        "kelas": kelas,
        "cpu": cpu_ms,
        "rasio": rasio,
        "query": query,
    }


def test_summary_marks_what_misses_its_target():
    demo = [
        _cpu("polos", "polos", [2.0, 2.1], [1.4, 1.5]),
        _cpu("daftar", "daftar", [5.0, 5.2], [2.5, 2.6]),
        _cpu("dasbor", "dasbor", [8.0, 8.1], [4.0, 4.05]),
        _cpu("pdf", "lain", [900.0, 950.0], [450.0, 475.0]),  # not a main page: no target
    ]
    nasional = [dict(h, query=h["query"] + (h["label"] == "daftar")) for h in demo]
    baris = {b[0]: b for b in orkestra.ringkasan(demo, nasional, None, None, None)}
    utama = baris["CPU ms of each main page ÷ bare signed-in page"]
    assert utama[1] == "2.5–4.0 (highest: dasbor)" and utama[3] is False
    assert baris["bare signed-in page ÷ anonymous page of the same stack (CPU)"][3] is True
    assert baris["national ÷ demo, query counts (CPU)"][1].startswith("3 of 4 pages identical")


def test_summary_of_load_slow_links_and_import():
    lambat = [
        {"label": "a", "dingin": 1.1, "dingin_fcp": 1.2, "hangat": 0.5, "hangat_fcp": 0.55},
        {"label": "b", "dingin": 1.3, "dingin_fcp": 1.4, "hangat": 0.55, "hangat_fcp": 0.6},
    ]
    beban = {
        "operator": 200,
        "staf": 20,
        "hasil": [
            {"nama": "Aggregated", "jumlah": 1000, "gagal": 0, "p50": 90, "p95": 280, "p99": 400, "rps": 9}
        ],
    }
    proses = {
        "impor": {
            "baris": 100,
            "impor": 3.0,
            "bulk_create": 1.0,
            "unggah_ulang": 4.0,
            "bulk_update": 1.0,
            "baca": 1.5,
            "bulk_create_riwayat": 1.2,
        },
        "dokumen": [],
    }
    baris = {b[0]: b for b in orkestra.ringkasan(None, None, lambat, beban, proses)}
    dingin = baris["main pages at 400 kbps / 400 ms, cold → DOMContentLoaded"]
    assert dingin[1] == "1.10–1.30 s (first paint 1.20–1.40 s)" and dingin[3] is False
    assert baris["the same, warm"][3] is True
    assert baris["deadline-day load (200 operators + 20 staff), p95"][3] is True
    impor = baris["report import ÷ bulk_create / re-upload ÷ bulk_update"]
    assert impor[1].startswith("3.0 / 4.0") and impor[3] is False


@pytest.mark.django_db
@override_settings(DEBUG=True, ALLOWED_HOSTS=["127.0.0.1"])
def test_second_data_set_is_measured_on_the_first_sets_urls():
    """The national run takes the demo run's pages: left to choose, it picked another quarter's
    report (seed_scale adds a later one) and national ÷ demo compared two different pages."""
    call_command("seed_demo", "--quiet-logins", stdout=StringIO())
    pertama = [
        ["halaman polos (profil)", "/akun/", "staf_kaltim", "polos"],  # not taken over
        ["laporan operator", "/laporan/", "operator_paser", "daftar"],
    ]
    rows, sessions = halaman(urls=pertama)
    assert rows == [
        ("halaman polos (profil)", "/akun/", "operator_paser", "polos"),
        ("laporan operator", "/laporan/", "operator_paser", "daftar"),
    ]
    assert set(sessions) == {"operator_paser"}


@pytest.mark.django_db
@override_settings(DEBUG=True, ALLOWED_HOSTS=["127.0.0.1"])
def test_cpu_bench_measures_a_page_beside_its_users_bare_page():
    call_command("seed_demo", "--quiet-logins", stdout=StringIO())
    hasil = cpu.ukur(ulang=2, saring="daftar laporan operator")
    polos, halaman_ = hasil
    assert (polos["kelas"], polos["url"], halaman_["url"]) == ("polos", "/akun/", "/laporan/")
    assert all(c > 0 for c in halaman_["cpu"]) and halaman_["query"] > 0 and halaman_["gzip"] > 500
    assert halaman_["rasio"] == [c / halaman_["dasar"] for c in halaman_["cpu"]]
    assert "| daftar laporan operator | operator_paser |" in cpu.tabel(hasil, 2)


def test_load_results_are_read_from_locusts_csv(tmp_path):
    (tmp_path / "beban_stats.csv").write_text(
        "Type,Name,Request Count,Failure Count,Median Response Time,50%,95%,99%,Requests/s\n"
        "GET,/laporan/,10,1,80,80,250,300,2.5\n"
        ",Aggregated,10,1,80,80,250,300,2.5\n"
    )
    hasil = hasil_csv(tmp_path / "beban")
    assert hasil[0] == {
        "nama": "GET /laporan/",
        "jumlah": 10,
        "gagal": 1,
        "p50": 80,
        "p95": 250,
        "p99": 300,
        "rps": 2.5,
    }
    assert hasil[1]["nama"] == "Aggregated"


def test_server_timing_reports_cpu_only_when_the_bench_asks(client, settings, db):
    settings.SERVER_TIMING = False
    assert "Server-Timing" not in client.get("/akun/masuk/")
    settings.SERVER_TIMING = True
    header = client.get("/akun/masuk/")["Server-Timing"]
    assert header.startswith("cpu;dur=") and float(header.split("dur=")[1]) > 0


def test_summary_of_the_api_endpoints_and_the_national_export():
    demo = [
        _cpu("polos", "polos", [2.0, 2.1], [1.2, 1.3]),
        _cpu("daftar", "daftar", [5.0, 5.2], [2.5, 2.6]),
        _cpu("API potensi", "api", [4.0, 4.1], [2.0, 2.05]),
        _cpu("API laporan", "api", [7.0, 7.1], [3.5, 3.55]),
    ]
    ekspor = {
        "triwulan": "Triwulan I 2026", "status": "selesai", "provinsi": 38, "potensi": 9000, "kejadian": 800,
        "wall": 42.0, "cpu": 30.0, "query": 160, "progres": 40, "ukuran": 3_500_000,
    }  # fmt: skip
    baris = {b[0]: b for b in orkestra.ringkasan(demo, None, None, None, None, None, ekspor)}
    api = baris["CPU ms of each API list endpoint (50 rows, JSON) ÷ bare signed-in page"]
    assert api[1] == "2.0–3.5 (highest: API laporan)" and api[3] is False
    nasional = next(v for k, v in baris.items() if k.startswith("national export as a Celery task"))
    assert nasional[1].startswith("42.0 s (CPU 30.0 s, 160 queries, 40 progress steps, 3.5 MB xlsx)")
    assert nasional[3] is True


@pytest.mark.django_db
@override_settings(DEBUG=True, ALLOWED_HOSTS=["127.0.0.1"])
def test_cpu_bench_measures_the_api_lists_on_the_demo_data():
    call_command("seed_demo", "--quiet-logins", stdout=StringIO())
    hasil = cpu.ukur(ulang=2, saring="API potensi")
    _, api = hasil
    assert (api["kelas"], api["url"]) == ("api", "/api/v1/potensi/") and api["query"] > 0


def _instruksi(label, kelas, jumlah, dasar):
    return {"label": label, "url": "/x/", "user": "staf", "kelas": kelas, "instruksi": jumlah,
            "dasar": dasar, "rasio": jumlah / dasar}  # fmt: skip


def test_summary_of_the_instruction_counts_of_two_processes():
    pertama = [
        _instruksi("polos", "polos", 27e6, 18e6),
        _instruksi("daftar", "daftar", 81e6, 27e6),
        _instruksi("dasbor", "dasbor", 135e6, 27e6),
    ]
    kedua = [dict(h, instruksi=h["instruksi"] * f) for h, f in zip(pertama, (1.001, 1.0, 1.12), strict=True)]
    baris = {b[0]: b for b in orkestra.ringkasan(*[None] * 7, instruksi=[pertama, kedua])}
    setuju = baris["two runs agree (instructions per page, callgrind, two processes)"]
    assert setuju[1] == (
        "2 of 3 pages within 10 % (largest difference 12.0%); counted in instructions, "
        "main page ÷ bare 3.0–5.0, bare ÷ anonymous 1.50–1.50"
    )
    assert setuju[3] is False
    assert "| dasbor | staf | 135.0 / 151.2 (goyah) | 5.00 |" in instruksi.tabel(pertama, kedua)


class _Isi(list):
    def close(self):
        self.ditutup = True


def test_instruction_count_is_read_from_callgrinds_dump_which_is_then_removed(tmp_path):
    isi = _Isi([b"ok"])

    def aplikasi(environ, start_response):
        start_response("200 OK", [])
        return isi

    penghitung = instruksi.Penghitung(str(tmp_path / "p0"))
    # What callgrind writes after each operator.call; outside valgrind nothing does.
    with pytest.raises(RuntimeError, match="callgrind tidak menulis"):
        penghitung.hitung(aplikasi, instruksi._environ("/akun/", ""))
    (tmp_path / "p0.2").write_text("# callgrind format\nversion: 1\nevents: Ir\nsummary: 12345678\nfn=x\n")
    assert penghitung.hitung(aplikasi, instruksi._environ("/akun/", "")) == (12_345_678, "200 OK")
    assert not (tmp_path / "p0.2").exists() and isi.ditutup


@pytest.mark.django_db
@override_settings(DEBUG=True, ALLOWED_HOSTS=["127.0.0.1"])
def test_instruction_bench_asks_for_pages_as_gunicorn_does_with_the_users_session(settings):
    from django.core import signals
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import close_old_connections

    call_command("seed_demo", "--quiet-logins", stdout=StringIO())
    _, sessions = halaman(saring="daftar laporan operator")
    cookie = f"{settings.SESSION_COOKIE_NAME}={sessions['operator_paser']}"
    # As Django's test client does: the test's transaction must outlive the request.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        handler = WSGIHandler()
        assert instruksi._minta(handler, instruksi._environ("/laporan/", cookie)) == "200 OK"
        assert instruksi._minta(handler, instruksi._environ("/laporan/", "")) == "302 Found"
        assert instruksi._minta(handler, instruksi._environ(cpu.ANONIM, "")) == "200 OK"
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
