"""Recommendation pages per persona, the office page, dashboards, reminders and query counts."""

import datetime
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kesbangpol.models import Wilayah
from rakor.models import Peserta
from rekomendasi import tasks
from rekomendasi.models import Bidang, Penugasan, Rekomendasi
from tests import factories
from tests.conftest import perlu_postgresql, serentak

pytestmark = pytest.mark.django_db
HARI_INI = datetime.datetime(2026, 6, 1, 9, tzinfo=datetime.UTC)


@pytest.fixture
def rek(db):
    rakor = factories.rakor("64", judul="Rakor Rekomendasi Kaltim")
    return factories.rekomendasi(rakor, isi="Bentuk FKDM kecamatan", kode_kantor=("64.01", "64.09"))


def _urls(rek):
    r = rek.rakor
    return {
        "read": [
            reverse("rekomendasi:rakor", args=[r.pk]),
            reverse("rekomendasi:ekspor", args=[r.pk]),
            rek.get_absolute_url(),
        ],
        "write": [
            reverse("rekomendasi:tempel", args=[r.pk]),
            reverse("rekomendasi:impor", args=[r.pk]),
            reverse("rekomendasi:templat", args=[r.pk]),
            reverse("rekomendasi:tambah", args=[r.pk]),
            reverse("rekomendasi:ubah", args=[rek.pk]),
            reverse("rekomendasi:hapus", args=[rek.pk]),
        ],
    }


def test_staff_open_every_page(login, staf_kaltim, rek):
    client = login(staf_kaltim)
    for url in _urls(rek)["read"] + _urls(rek)["write"]:
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("persona", ["operator_paser", "pimpinan_kaltim"])
def test_readers_get_403_on_writes(request, login, persona, rek):
    factories.kesbangpol("64.01")
    from rakor.models import Peserta

    Peserta.objects.create(rakor=rek.rakor, instansi=factories.kesbangpol("64.01"), jabatan="Kepala")
    client = login(request.getfixturevalue(persona))
    for url in _urls(rek)["read"]:
        assert client.get(url).status_code == 200, url
    for url in _urls(rek)["write"]:
        assert client.post(url, {}).status_code == 403, url
    assert (
        client.post(reverse("rekomendasi:tugaskan", args=[rek.pk]), {"sasaran": "kabkota"}).status_code == 403
    )
    assert rek.penugasan.count() == 2


@pytest.mark.parametrize("persona", ["staf_kalbar", "tanpa_instansi"])
def test_other_province_gets_404_everywhere(request, login, persona, rek):
    client = login(request.getfixturevalue(persona))
    for url in _urls(rek)["read"] + _urls(rek)["write"] + [rek.penugasan.first().get_absolute_url()]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert "FKDM" not in response.content.decode()
    assert "Rakor Rekomendasi Kaltim" not in client.get(reverse("rekomendasi:dasbor")).content.decode()


def test_operator_reads_the_text_of_what_is_assigned_to_them_even_uninvited(login, operator_paser, rek):
    # Paser is not invited to the rakor, but item 1 is assigned to it.
    client = login(operator_paser)
    assert client.get(rek.get_absolute_url()).status_code == 200
    assert client.get(rek.rakor.get_absolute_url()).status_code == 404


def test_due_date_before_the_rakor_is_refused(login, staf_kaltim, rek):
    response = login(staf_kaltim).post(
        reverse("rekomendasi:tambah", args=[rek.rakor_id]),
        {"isi": "Terlambat sebelum mulai", "batas_waktu": "2020-01-01"},
    )
    assert "Batas waktu tidak boleh sebelum rakor dimulai." in response.content.decode()
    assert not Rekomendasi.objects.filter(isi="Terlambat sebelum mulai").exists()


def test_end_of_year_without_a_year_is_refused_not_saved_as_no_deadline(login, staf_kaltim, rek):
    client = login(staf_kaltim)
    url = reverse("rekomendasi:tambah", args=[rek.rakor_id])
    response = client.post(url, {"isi": "Akhir tahun tanpa tahun", "batas_akhir_tahun": "on"})
    assert response.status_code == 200
    assert "“Paling lambat akhir tahun” memerlukan tahunnya" in response.content.decode()
    assert not Rekomendasi.objects.filter(isi="Akhir tahun tanpa tahun").exists()
    client.post(url, {"isi": "Akhir tahun 2026", "batas_akhir_tahun": "on", "batas_waktu": "2026-06-01"})
    assert Rekomendasi.objects.get(isi="Akhir tahun 2026").batas_waktu == datetime.date(2026, 12, 31)


def test_adding_a_sub_point_and_assigning_all_kesbangpol_in_one_action(login, staf_kaltim, rek):
    client = login(staf_kaltim)
    client.post(
        reverse("rekomendasi:tambah", args=[rek.rakor_id]),
        {"isi": "FKDM Kecamatan", "induk": rek.pk, "sasaran": "kesbangpol"},
    )
    sub = Rekomendasi.objects.get(isi="FKDM Kecamatan")
    assert sub.label == "1a" and sub.penugasan.count() == 11  # province + 10 kab/kota
    client.post(reverse("rekomendasi:tugaskan", args=[rek.pk]), {"sasaran": "kabkota"})
    assert rek.penugasan.count() == 10  # the two existing ones are not duplicated


@time_machine.travel(HARI_INI)
def test_office_page_lists_overdue_first(login, operator_paser, staf_kaltim):
    rakor = factories.rakor(
        "64", tanggal_mulai=datetime.date(2026, 1, 5), tanggal_selesai=datetime.date(2026, 1, 5)
    )
    later = factories.rekomendasi(rakor, 1, "Belum jatuh tempo", batas_waktu=datetime.date(2026, 12, 31))
    none = factories.rekomendasi(rakor, 2, "Tanpa batas")
    late = factories.rekomendasi(rakor, 3, "Sudah terlambat", batas_waktu=datetime.date(2026, 2, 1))
    done = factories.rekomendasi(rakor, 4, "Terlambat tapi sesuai", batas_waktu=datetime.date(2026, 2, 1))
    done.penugasan.update(status=Penugasan.Status.SESUAI)
    paser = factories.kesbangpol("64.01")
    body = login(operator_paser).get(reverse("rekomendasi:instansi", args=[paser.pk])).content.decode()
    body = body.split("<tbody>", 1)[1]  # the rows, not the filter links above them
    order = [
        body.index(t)
        for t in ("Sudah terlambat", "Tanpa batas", "Belum jatuh tempo", "Terlambat tapi sesuai")
    ]
    assert order[0] == min(order)
    assert body.count('class="table-danger"') == 1  # one overdue row (the legend aside)
    assert login(operator_paser).get(reverse("rekomendasi:saya"))["Location"] == reverse(
        "rekomendasi:instansi", args=[paser.pk]
    )
    assert later and none and late


def test_operator_sees_their_own_status_on_items_and_sub_points_of_the_rakor_page(login, operator_paser, rek):
    from rakor.models import Peserta

    paser = factories.kesbangpol("64.01")
    Peserta.objects.create(rakor=rek.rakor, instansi=paser, jabatan="Kepala")
    sub = Rekomendasi.objects.create(rakor=rek.rakor, induk=rek, nomor=1, isi="FKDM kelurahan")
    Penugasan.objects.create(rekomendasi=sub, instansi=paser, status=Penugasan.Status.BELUM_SESUAI)
    Penugasan.objects.create(
        rekomendasi=sub, instansi=factories.kesbangpol("64.09"), status=Penugasan.Status.SESUAI
    )
    body = login(operator_paser).get(rek.rakor.get_absolute_url()).content.decode()
    assert '<span class="fw-semibold">1.</span> Bentuk FKDM kecamatan' in body
    assert '<span class="fw-semibold">a.</span> FKDM kelurahan' in body
    # Their own badges only: the item's (not yet followed up) and the sub-point's, never PPU's.
    assert body.count('class="badge tl-belum"') == 1 and body.count('class="badge tl-belum_sesuai"') == 1
    assert 'class="badge tl-sesuai"' not in body and "progress-bar" not in body


def test_office_page_counts_what_its_filter_keeps(login, operator_paser):
    rakor = factories.rakor("64")
    paser = factories.kesbangpol("64.01")
    items = Rekomendasi.objects.bulk_create(
        Rekomendasi(rakor=rakor, nomor=i + 1, isi=f"Butir {i + 1}") for i in range(30)
    )
    Penugasan.objects.bulk_create(
        Penugasan(rekomendasi=r, instansi=paser, provinsi_id=rakor.provinsi_id, status=status)
        for r, status in zip(
            items, [Penugasan.Status.SESUAI] * 4 + [Penugasan.Status.BELUM] * 26, strict=True
        )
    )
    client = login(operator_paser)
    url = reverse("rekomendasi:instansi", args=[paser.pk])
    assert "Halaman 1 dari 2 (30 penugasan)" in client.get(url).content.decode()
    assert "Halaman 1 dari 2 (26 penugasan)" in client.get(url, {"status": "terbuka"}).content.decode()
    body = client.get(url, {"status": "terbuka", "halaman": 2}).content.decode()
    assert body.count("<tr>") == 1 + 1  # the header and the 26th open assignment
    body = client.get(url, {"status": "sesuai"}).content.decode()
    assert body.count('<td><a href="/rekomendasi/penugasan/') == 4 and "Halaman 1 dari" not in body
    body = client.get(url, {"status": "tidak_dapat"}).content.decode()
    assert "Tidak ada penugasan dengan status ini." in body


@time_machine.travel(HARI_INI)
def test_dashboard_buckets_by_age_status_field_and_office(login, staf_kaltim):
    rakor = factories.rakor(
        "64", tanggal_mulai=datetime.date(2025, 1, 5), tanggal_selesai=datetime.date(2025, 1, 5)
    )
    today = datetime.date(2026, 6, 1)
    for nomor, hari in enumerate((-10, 30, 100, 400), start=1):
        factories.rekomendasi(
            rakor, nomor, f"Butir {nomor}", batas_waktu=today - datetime.timedelta(days=hari)
        )
    response = login(staf_kaltim).get(reverse("rekomendasi:dasbor"))
    umur = response.context["umur"]
    assert umur == {"belum_jatuh_tempo": 1, "terlambat_60": 1, "terlambat_180": 1, "terlambat_lebih": 1}
    assert "Kabupaten Paser" in response.content.decode()


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _isi(rakor, n, kode=("64.01", "64.09", "64.72")):
    items = Rekomendasi.objects.bulk_create(
        Rekomendasi(rakor=rakor, nomor=i + 1, isi=f"Butir {i}") for i in range(n)
    )
    subs = Rekomendasi.objects.bulk_create(
        Rekomendasi(rakor=rakor, induk=r, nomor=1, isi="Sub") for r in items
    )
    kantor = [factories.kesbangpol(k) for k in kode]
    Penugasan.objects.bulk_create(
        Penugasan(rekomendasi=r, instansi=k, provinsi_id=rakor.provinsi_id)
        for r in items + subs
        for k in kantor
    )


def test_pages_keep_their_query_count_with_hundreds_of_recommendations(login, staf_kaltim):
    lama = factories.rakor("64", judul="lama")
    baru = factories.rakor(
        "64", judul="baru", tanggal_mulai=datetime.date(2026, 4, 1), tanggal_selesai=datetime.date(2026, 4, 1)
    )
    _isi(lama, 2)
    _isi(baru, 2)
    staff = login(staf_kaltim)
    paser = factories.kesbangpol("64.01")
    pages = [
        reverse("rekomendasi:rakor", args=[baru.pk]),
        baru.get_absolute_url(),  # the rakor page, with the previous rakor's open items
        Rekomendasi.objects.filter(rakor=baru, induk=None).first().get_absolute_url(),
        reverse("rekomendasi:dasbor"),
        reverse("rekomendasi:instansi", args=[paser.pk]),
        reverse("rekomendasi:penugasan_list") + "?status=terbuka",
    ]
    before = [_queries(staff, u) for u in pages]
    Rekomendasi.objects.filter(rakor__in=[lama, baru], nomor__gt=0).delete()
    semua = [w.kode for w in Wilayah.objects.filter(provinsi__kode="64")]
    _isi(lama, 300, semua)
    _isi(baru, 300, semua)  # ten offices per item instead of three
    pages[2] = Rekomendasi.objects.filter(rakor=baru, induk=None).first().get_absolute_url()
    assert [_queries(staff, u) for u in pages] == before
    assert "Tindak lanjut rakor sebelumnya" in staff.get(baru.get_absolute_url()).content.decode()


@override_settings(PORTAL_URL="https://portal.contoh.go.id")
def test_reminder_digest_is_one_mail_per_office_with_the_right_items(operator_paser, operator_ppu):
    rakor = factories.rakor(
        "64", tanggal_mulai=datetime.date(2026, 1, 5), tanggal_selesai=datetime.date(2026, 1, 5)
    )
    today = datetime.date(2026, 6, 1)
    factories.rekomendasi(rakor, 1, "Terlambat satu", batas_waktu=datetime.date(2026, 5, 1))
    factories.rekomendasi(rakor, 2, "Jatuh tempo lima hari lagi", batas_waktu=datetime.date(2026, 6, 6))
    factories.rekomendasi(rakor, 3, "Masih jauh", batas_waktu=datetime.date(2026, 9, 1))
    selesai = factories.rekomendasi(rakor, 4, "Terlambat tapi sesuai", batas_waktu=datetime.date(2026, 5, 1))
    selesai.penugasan.update(status=Penugasan.Status.SESUAI)
    factories.rekomendasi(
        rakor, 5, "Untuk PPU", batas_waktu=datetime.date(2026, 5, 1), kode_kantor=("64.09",)
    )
    out = StringIO()
    call_command("kirim_pengingat", "--tanggal", today.isoformat(), stdout=out)
    assert "2 surel pengingat terkirim" in out.getvalue()
    assert len(mail.outbox) == 2
    paser = next(m for m in mail.outbox if "operator_paser@uji.localhost" in m.to)
    assert "1 terlambat, 1 jatuh tempo dalam 7 hari" in paser.subject
    assert "Terlambat satu" in paser.body and "Jatuh tempo lima hari lagi" in paser.body
    assert (
        "Masih jauh" not in paser.body
        and "Terlambat tapi sesuai" not in paser.body
        and "Untuk PPU" not in paser.body
    )
    assert "https://portal.contoh.go.id/rekomendasi/penugasan/" in paser.body


def test_the_daily_task_sends_the_same_digest(operator_paser):
    rakor = factories.rakor(
        "64", tanggal_mulai=datetime.date(2026, 1, 5), tanggal_selesai=datetime.date(2026, 1, 5)
    )
    factories.rekomendasi(rakor, 1, "Terlambat", batas_waktu=datetime.date(2026, 2, 1))
    with time_machine.travel(HARI_INI):
        assert tasks.kirim_pengingat() == 1
    assert len(mail.outbox) == 1


def test_province_wide_list_filters_what_the_dashboard_counts(
    login, staf_kaltim, operator_paser, staf_kalbar
):
    rakor = factories.rakor("64", judul="Rakor Kaltim 2024")
    lain = factories.rakor("64", judul="Rakor lain")
    today = timezone.localdate()
    factories.rekomendasi(rakor, 1, "Butir-A", batas_waktu=today - datetime.timedelta(days=90))
    factories.rekomendasi(
        rakor, 2, "Butir-B", batas_waktu=today - datetime.timedelta(days=5), kode_kantor=("64.09",)
    )
    menunggu = factories.rekomendasi(rakor, 3, "Butir-C").penugasan.get()
    menunggu.usulan, menunggu.diusulkan_oleh = Penugasan.Status.SESUAI, operator_paser
    menunggu.save()
    factories.rekomendasi(lain, 1, "Butir-D", batas_waktu=today - datetime.timedelta(days=5))
    ormas, p4gn = Bidang.objects.get(nama="Ormas"), Bidang.objects.get(nama="P4GN")
    Rekomendasi.objects.filter(isi__in=["Butir-A", "Butir-B"]).update(bidang=ormas)
    Rekomendasi.objects.filter(isi="Butir-D").update(bidang=p4gn)
    staff = login(staf_kaltim)
    dasbor = staff.get(reverse("rekomendasi:dasbor")).content.decode()
    # Every count on the dashboard is a link to what it counts, the fields' rows too.
    assert 'href="/rekomendasi/penugasan/?status=menunggu">1</a>' in dasbor
    assert 'href="/rekomendasi/penugasan/?status=terlambat_60">2</a>' in dasbor
    assert 'href="/rekomendasi/penugasan/?status=terlambat_180">1</a>' in dasbor
    assert f'href="/rekomendasi/penugasan/?status=&amp;bidang={ormas.pk}">2</a>' in dasbor
    assert f'href="/rekomendasi/penugasan/?status=terlambat&amp;bidang={ormas.pk}"><span' in dasbor
    # On a phone each count names its column (the tables stack: .tabel-susun).
    terbuka = f'href="/rekomendasi/penugasan/?status=terbuka&amp;bidang={ormas.pk}"'
    assert f'<td class="text-end" data-label="Terbuka"><a {terbuka}>' in dasbor
    assert dasbor.count('<table class="table table-sm tabel-susun">') == 3

    def baris(client, query):
        body = client.get(reverse("rekomendasi:penugasan_list") + query).content.decode()
        return sorted(t for t in ["Butir-A", "Butir-B", "Butir-C", "Butir-D"] if t in body)

    assert baris(staff, "?status=terlambat") == ["Butir-A", "Butir-B", "Butir-D"]
    assert baris(staff, "?status=menunggu") == ["Butir-C"]
    assert baris(staff, "?status=terlambat_180") == ["Butir-A"]
    assert baris(staff, f"?status=terlambat&rakor={rakor.pk}") == ["Butir-A", "Butir-B"]
    assert baris(staff, f"?status=terlambat&bidang={ormas.pk}") == ["Butir-A", "Butir-B"]
    assert baris(staff, f"?bidang={p4gn.pk}") == ["Butir-D"] and baris(staff, "?bidang=999999") == []
    assert (
        "Bidang Ormas"
        in staff.get(reverse("rekomendasi:penugasan_list"), {"bidang": ormas.pk}).content.decode()
    )
    csv = staff.get(reverse("rekomendasi:penugasan_ekspor"), {"bidang": p4gn.pk, "format": "csv"})
    assert "Butir-D" in csv.content.decode("utf-8-sig") and "Butir-A" not in csv.content.decode("utf-8-sig")
    assert baris(staff, "?status=tidak-ada") == sorted(["Butir-A", "Butir-B", "Butir-C", "Butir-D"])
    # A kab/kota operator sees only their own office's; another province sees none, even by rakor id.
    assert baris(login(operator_paser), "?status=terlambat") == ["Butir-A", "Butir-D"]
    kalbar = login(staf_kalbar)
    assert baris(kalbar, "") == [] and baris(kalbar, f"?rakor={rakor.pk}") == []
    assert (
        "Rakor Kaltim 2024"
        not in kalbar.get(reverse("rekomendasi:penugasan_list") + f"?rakor={rakor.pk}").content.decode()
    )
    # The office page has the same filters.
    paser = factories.kesbangpol("64.01")
    body = (
        login(staf_kaltim)
        .get(reverse("rekomendasi:instansi", args=[paser.pk]) + "?status=terlambat")
        .content.decode()
    )
    assert "Butir-A" in body and "Butir-C" not in body and "Butir-B" not in body


def test_province_wide_list_needs_login(client):
    response = client.get(reverse("rekomendasi:penugasan_list"))
    assert response.status_code == 302 and response["Location"].startswith("/akun/masuk/")


def test_rakor_page_carries_over_open_items_of_every_earlier_rakor(login, staf_kaltim, operator_paser):
    def rakor(judul, bulan):
        tanggal = datetime.date(2025, bulan, 1)
        return factories.rakor("64", judul=judul, tanggal_mulai=tanggal, tanggal_selesai=tanggal)

    r2023, r2024, sekarang = rakor("Rakor A", 1), rakor("Rakor B", 6), rakor("Rakor C", 11)
    factories.rekomendasi(r2023, 1, "Butir lama terbuka")
    selesai = factories.rekomendasi(r2024, 1, "Butir sudah selesai")
    selesai.penugasan.update(status=Penugasan.Status.SESUAI)
    factories.rekomendasi(r2024, 2, "Butir PPU terbuka", kode_kantor=("64.09",))
    body = login(staf_kaltim).get(sekarang.get_absolute_url()).content.decode()
    assert "Tindak lanjut rakor sebelumnya (2 butir belum selesai)" in body
    assert "Butir lama terbuka" in body and "Butir PPU terbuka" in body and "Butir sudah selesai" not in body
    assert body.index("Rakor B") < body.index("Rakor A")  # the latest first
    # Paser's operator (invited to both) counts only their office's open items.
    for r in (sekarang, r2023):
        Peserta.objects.create(rakor=r, instansi=factories.kesbangpol("64.01"), jabatan="Kepala Badan")
    body = login(operator_paser).get(sekarang.get_absolute_url()).content.decode()
    assert "Tindak lanjut rakor sebelumnya (1 butir belum selesai untuk instansi Anda)" in body


def test_nothing_an_operator_sees_moves_when_another_office_finishes(login, operator_paser):
    """The carry-over list, progress blocks and detail pages are computed from the operator's own
    office's rows: PPU finishing its part changes none of the pages Paser's operator reads."""
    import re

    def rakor(judul, bulan):
        tanggal = datetime.date(2025, bulan, 1)
        r = factories.rakor("64", judul=judul, tanggal_mulai=tanggal, tanggal_selesai=tanggal)
        Peserta.objects.create(rakor=r, instansi=factories.kesbangpol("64.01"), jabatan="Kepala Badan")
        return r

    lama, sekarang = rakor("Rakor Lama", 1), rakor("Rakor Sekarang", 11)
    bersama = factories.rekomendasi(lama, 1, "Butir bersama", kode_kantor=("64.01", "64.09"))
    Rekomendasi.objects.create(rakor=lama, induk=bersama, nomor=1, isi="Sub butir")
    hanya_ppu = factories.rekomendasi(sekarang, 1, "Butir PPU saja", kode_kantor=("64.09",))
    factories.rekomendasi(sekarang, 2, "Butir bersama baru", kode_kantor=("64.01", "64.09"))
    pages = [
        sekarang.get_absolute_url(),
        lama.get_absolute_url(),
        bersama.get_absolute_url(),
        hanya_ppu.get_absolute_url(),
        reverse("rekomendasi:rakor", args=[lama.pk]),
        reverse("rekomendasi:rakor", args=[sekarang.pk]),
    ]
    client = login(operator_paser)

    def baca():
        hasil = {}
        for url in pages:
            response = client.get(url)
            assert response.status_code == 200, url
            hasil[url] = re.sub(r'(csrfmiddlewaretoken" value=|nonce=)"[^"]*"', "", response.content.decode())
        return hasil

    sebelum = baca()
    assert "Tindak lanjut rakor sebelumnya (1 butir belum selesai untuk instansi Anda)" in sebelum[pages[0]]
    # An item assigned only to another office shows no progress block at all.
    blok = sebelum[pages[0]].split("Butir PPU saja")[1].split("Butir bersama baru")[0]
    assert "progres-butir" not in blok
    Penugasan.objects.filter(instansi__wilayah__kode="64.09").update(status=Penugasan.Status.SESUAI)
    assert baca() == sebelum
    # Paser finishing its own part is what takes the item off its carry-over list.
    Penugasan.objects.filter(instansi__wilayah__kode="64.01").update(status=Penugasan.Status.SESUAI)
    assert "Tindak lanjut rakor sebelumnya" not in baca()[pages[0]]


def test_assignment_exports_follow_the_list_its_filter_and_scope(
    login, operator_paser, operator_ppu, staf_kaltim
):
    import io

    import openpyxl

    from kesbangpol.models import Audit
    from rekomendasi.models import TindakLanjut

    rakor = factories.rakor("64", judul="Rakor ekspor")
    late = factories.rekomendasi(rakor, 1, "Sudah terlambat", batas_waktu=datetime.date(2026, 2, 1))
    factories.rekomendasi(rakor, 2, "Belum jatuh tempo", batas_waktu=datetime.date(2026, 12, 31))
    p = late.penugasan.get()
    TindakLanjut.objects.create(
        penugasan=p, tanggal=datetime.date(2026, 3, 2), narasi="Rapat", oleh=operator_paser
    )
    paser = factories.kesbangpol("64.01")
    with time_machine.travel(HARI_INI, tick=False):
        client = login(operator_paser)
        halaman = client.get(reverse("rekomendasi:instansi", args=[paser.pk])).content.decode()
        url = reverse("rekomendasi:instansi_ekspor", args=[paser.pk])
        assert url + "?format=xlsx" in halaman
        wb = openpyxl.load_workbook(io.BytesIO(client.get(url).content))
        kepala, *baris = list(wb["Penugasan"].iter_rows(values_only=True))
        assert kepala[:3] == ("No", "Rekomendasi", "Rakor")
        pertama = dict(zip(kepala, baris[0], strict=True))
        assert (pertama["Rekomendasi"], pertama["Terlambat"], pertama["Hari lewat batas"]) == (
            "Sudah terlambat",
            "Ya",
            120,
        )
        assert pertama["Tindak lanjut terakhir"] == datetime.datetime(2026, 3, 2) and len(baris) == 2
        # The list's filter: overdue only.
        csv = client.get(url + "?status=terlambat&format=csv").content.decode("utf-8-sig")
        assert "Sudah terlambat" in csv and "Belum jatuh tempo" not in csv
        assert Audit.objects.filter(aksi="ekspor_penugasan", username="operator_paser").count() == 2
        # Another kab/kota's office is not found; the province list exports every office's rows.
        assert login(operator_ppu).get(url).status_code == 404
        staf = login(staf_kaltim)
        assert (
            reverse("rekomendasi:penugasan_ekspor")
            in staf.get(reverse("rekomendasi:dasbor")).content.decode()
        )
        semua = staf.get(reverse("rekomendasi:penugasan_ekspor") + "?format=csv").content.decode("utf-8-sig")
        assert semua.count("Rakor ekspor") == 2
        assert "Rakor ekspor" not in login(operator_ppu).get(
            reverse("rekomendasi:penugasan_ekspor") + "?format=csv"
        ).content.decode("utf-8-sig")


def test_assignment_export_queries_do_not_grow_with_the_rows(login, staf_kaltim):
    rakor = factories.rakor("64", judul="Rakor hitung")
    client = login(staf_kaltim)

    def ukur():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("rekomendasi:penugasan_ekspor")).status_code == 200
        return len(ctx)

    induk = factories.rekomendasi(rakor, 1, "Induk", kode_kantor=("64.01", "64.09"))
    sedikit = ukur()
    for i in range(2, 12):
        factories.rekomendasi(rakor, i, f"Butir {i}", kode_kantor=("64.01", "64.09", "64.72"))
        factories.rekomendasi(
            rakor, i, f"Sub {i}", kode_kantor=("64.01",), induk=induk
        )  # labels read the parent
    assert ukur() == sedikit


@pytest.mark.django_db(transaction=True)
def test_two_staff_adding_items_at_once_get_the_next_two_numbers(staf_kaltim):
    """Two staff enter recommendations on the same rakor at the same moment (or one double clicks
    without JavaScript): each item gets its own number, none a server error."""
    perlu_postgresql("dua permintaan serentak butuh PostgreSQL")
    rakor = factories.rakor("64", judul="Rakor Kaltim")
    factories.rekomendasi(rakor, isi="Butir pertama")

    def tambah(isi):
        url = reverse("rekomendasi:tambah", args=[rakor.pk])
        return lambda client: client.post(url, {"isi": isi}).status_code

    hasil = serentak(staf_kaltim, tambah("Butir A"), tambah("Butir B"))
    assert hasil == [302, 302]
    nomor = dict(Rekomendasi.objects.filter(rakor=rakor).values_list("isi", "nomor"))
    assert nomor["Butir pertama"] == 1 and {nomor["Butir A"], nomor["Butir B"]} == {2, 3}
