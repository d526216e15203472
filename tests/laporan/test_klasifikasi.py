"""Classification (biasa, terbatas, rahasia) and who may read *rahasia* items: a province setting by
role and by named user, deny by default, in ``access.q_rahasia``. Pages, the admin and its exports,
the Excel template, notifications, mail, signals and PDFs omit a rahasia item or say
"[dirahasiakan]" for it; a PDF carries the highest classification it contains; grants, revocations
and readings are audited."""

import datetime
import io
import re

import openpyxl
import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse

from kesbangpol.models import Audit, Dokumen, IzinRahasia, Notifikasi, Wilayah
from laporan import sinyal
from laporan.models import KejadianKonflik, LaporanSegera, LaporanTriwulan, PotensiKonflik, Sinyal
from tests import factories
from tests.kesbangpol.test_dokumen import _diterima, _minta, _teks

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("kabar_per_permintaan")]
TANDA = "RAHASIAPASER"


def _izin(kode="64", **kwargs):
    return IzinRahasia.objects.create(provinsi=Wilayah.objects.get(kode=kode), **kwargs)


@pytest.fixture
def laporan_rahasia(db):
    """Paser's accepted Q1 2026 report with an open potensi and a rahasia potensi and kejadian."""
    lap = _diterima("64.01", "Sengketa lahan terbuka", "sedang", "baru")
    factories.potensi(
        lap, f"Potensi {TANDA}", tingkat="tinggi", klasifikasi="rahasia", pihak=f"Pihak {TANDA}"
    )
    k = KejadianKonflik(laporan=lap, tanggal=datetime.date(2026, 2, 1), uraian=f"Kejadian {TANDA}")
    k.klasifikasi = "rahasia"
    k.save(lewati_kunci=True)
    return lap


def test_without_a_grant_nobody_reads_a_rahasia_item_and_the_page_says_one_is_held_back(
    login, personas, laporan_rahasia
):
    rahasia = PotensiKonflik.objects.get(klasifikasi="rahasia")
    for nama in ("operator_paser", "staf_kaltim", "admin_kaltim", "pimpinan_kaltim"):
        client = login(personas[nama])
        page = client.get(laporan_rahasia.get_absolute_url()).content.decode()
        assert TANDA not in page, nama
        assert "[dirahasiakan] 1 potensi berklasifikasi Rahasia tidak ditampilkan" in page, nama
        assert "[dirahasiakan] 1 kejadian" in page, nama
        assert "Sengketa lahan terbuka" in page and "Klasifikasi laporan: <strong>Rahasia</strong>" in page
        assert client.get(reverse("laporan:potensi_riwayat", args=[rahasia.identitas])).status_code == 404
    client = login(personas["staf_kaltim"])
    agregat = client.get(reverse("laporan:agregat", args=[laporan_rahasia.periode.pk])).content.decode()
    assert TANDA not in agregat and "Sengketa lahan terbuka" in agregat
    assert TANDA not in client.get(reverse("kesbangpol:beranda")).content.decode()
    admin = login(personas["admin_kaltim"])
    assert TANDA not in admin.get(reverse("admin:laporan_potensikonflik_changelist")).content.decode()
    assert admin.get(reverse("admin:laporan_potensikonflik_change", args=[rahasia.pk])).status_code in (
        302,
        404,
    )
    response, _ = factories.ekspor_admin(admin, reverse("admin:laporan_potensikonflik_export"))
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    sel = " ".join(str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row)
    assert "Sengketa lahan terbuka" in sel and TANDA not in sel


def test_a_role_grant_opens_them_to_that_role_in_that_province_only_and_each_reading_is_audited(
    login, personas, laporan_rahasia
):
    _izin(peran="staf_provinsi", keterangan="SK Kaban 12/2026")
    page = login(personas["staf_kaltim"]).get(laporan_rahasia.get_absolute_url()).content.decode()
    assert f"Potensi {TANDA}" in page and f"Kejadian {TANDA}" in page and "[dirahasiakan]" not in page
    assert Audit.objects.filter(aksi="rahasia_dibaca", username="staf_kaltim").count() == 1
    # Other roles of the province, and staff of another province, still read nothing.
    assert (
        TANDA
        not in login(personas["pimpinan_kaltim"]).get(laporan_rahasia.get_absolute_url()).content.decode()
    )
    _izin("61", peran="staf_provinsi")
    assert login(personas["staf_kalbar"]).get(laporan_rahasia.get_absolute_url()).status_code == 404


def test_a_named_user_grant_reaches_that_user_only_even_a_national_admin(login, personas, laporan_rahasia):
    _izin(pengguna=personas["pimpinan_kaltim"])
    assert (
        TANDA in login(personas["pimpinan_kaltim"]).get(laporan_rahasia.get_absolute_url()).content.decode()
    )
    assert (
        TANDA not in login(personas["staf_kaltim"]).get(laporan_rahasia.get_absolute_url()).content.decode()
    )
    nasional = personas["admin_nasional"]
    url = reverse("admin:laporan_potensikonflik_changelist")
    assert TANDA not in login(nasional).get(url).content.decode()
    _izin(pengguna=nasional)
    assert f"Potensi {TANDA}" in login(nasional).get(url).content.decode()


def test_a_grant_names_a_role_or_a_user_never_both_nor_an_outsider(personas):
    with pytest.raises(IntegrityError), transaction.atomic():
        _izin(peran="staf_provinsi", pengguna=personas["staf_kaltim"])
    with pytest.raises(IntegrityError), transaction.atomic():
        _izin()
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="bukan dari provinsi"):
        IzinRahasia(provinsi=Wilayah.objects.get(kode="64"), pengguna=personas["staf_kalbar"]).full_clean()


def test_provincial_admins_grant_and_revoke_in_the_admin_and_both_are_audited(login, personas):
    client = login(personas["admin_kaltim"])
    response = client.post(
        reverse("admin:kesbangpol_izinrahasia_add"),
        {"provinsi": Wilayah.objects.get(kode="64").pk, "peran": "", "pengguna": personas["staf_kaltim"].pk,
         "keterangan": "Analis intelijen"},
    )  # fmt: skip
    assert response.status_code == 302
    izin = IzinRahasia.objects.get()
    assert Audit.objects.filter(aksi="izin_rahasia_beri", objek=f"izinrahasia:{izin.pk}").exists()
    # Another province's admin cannot see or revoke it.
    kalbar = factories.pengguna("admin_kalbar", "admin_provinsi", "61", is_staff=True)
    assert login(kalbar).get(reverse("admin:kesbangpol_izinrahasia_change", args=[izin.pk])).status_code in (
        302,
        404,
    )
    client = login(personas["admin_kaltim"])
    response = client.post(reverse("admin:kesbangpol_izinrahasia_delete", args=[izin.pk]), {"post": "yes"})
    assert response.status_code == 302 and not IzinRahasia.objects.exists()
    assert Audit.objects.filter(aksi="izin_rahasia_cabut").exists()


def test_rahasia_is_offered_only_to_a_cleared_operator(login, operator_paser):
    lap = factories.laporan("64.01", 2026, 1)
    data = {"judul": "Isu", "sumber": "sara", "bidang": "agama", "tingkat": "tinggi", "tren": "baru",
            "tahap": "pencegahan", "klasifikasi": "rahasia"}  # fmt: skip
    client = login(operator_paser)
    response = client.post(reverse("laporan:potensi_tambah", args=[lap.pk]), data)
    assert response.status_code == 200 and not PotensiKonflik.objects.exists()
    assert "Rahasia hanya dapat dipilih pengguna yang diberi izin" in response.content.decode()
    _izin(peran="operator_kabkota")
    client = login(operator_paser)
    assert client.post(reverse("laporan:potensi_tambah", args=[lap.pk]), data).status_code == 302
    assert PotensiKonflik.objects.get().klasifikasi == "rahasia"


def test_the_excel_template_never_carries_a_rahasia_item_and_an_import_keeps_it(
    login, operator_paser, laporan_rahasia
):
    LaporanTriwulan.objects.filter(pk=laporan_rahasia.pk).update(status="draf")
    _izin(peran="operator_kabkota")
    client = login(operator_paser)
    isi = client.get(reverse("laporan:templat", args=[laporan_rahasia.pk])).content
    wb = openpyxl.load_workbook(io.BytesIO(isi))
    sel = " ".join(str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for c in row)
    assert "Sengketa lahan terbuka" in sel and TANDA not in sel
    # Re-uploading the template as it came keeps the rahasia items untouched.
    berkas = io.BytesIO(isi)
    berkas.name = "laporan.xlsx"
    response = client.post(reverse("laporan:unggah", args=[laporan_rahasia.pk]), {"berkas": berkas})
    assert response.status_code == 302
    assert PotensiKonflik.objects.filter(laporan=laporan_rahasia, klasifikasi="rahasia").count() == 1
    assert KejadianKonflik.objects.filter(laporan=laporan_rahasia, klasifikasi="rahasia").count() == 1


def test_an_urgent_rahasia_report_is_announced_without_its_content(login, personas):
    import time_machine

    _izin(peran="operator_kabkota")
    with time_machine.travel(datetime.datetime(2026, 5, 12, 2, tzinfo=datetime.UTC), tick=False):
        login(personas["operator_paser"]).post(
            reverse("laporan:segera_baru"),
            {"judul": f"Penyerangan {TANDA}", "tanggal": "2026-05-11", "uraian": f"Uraian {TANDA}",
             "meninggal": "2", "luka": "0", "mengungsi": "0", "klasifikasi": "rahasia"},
        )  # fmt: skip
        segera = LaporanSegera.objects.get()
        assert segera.klasifikasi == "rahasia"
        kabar = list(Notifikasi.objects.filter(jenis="laporan_segera"))
        assert kabar and all(TANDA not in n.judul + n.isi and "[dirahasiakan]" in n.judul for n in kabar)
        assert mail.outbox and all(TANDA not in m.subject + m.body for m in mail.outbox)
        sinyal.hitung_ulang(Wilayah.objects.get(kode="64"))
        kalimat = " ".join(Sinyal.objects.values_list("kalimat", flat=True))
        assert "[dirahasiakan]" in kalimat and TANDA not in kalimat
        # An update's own text stays out of the mail and the notification too.
        mail.outbox.clear()
        login(personas["operator_paser"]).post(
            reverse("laporan:segera_perbarui", args=[segera.pk]), {"isi": f"Korban bertambah {TANDA}"}
        )
        assert mail.outbox and all(TANDA not in m.subject + m.body for m in mail.outbox)
        assert not Notifikasi.objects.filter(isi__contains=TANDA).exists()
        # The cleared operator's reading is audited.
        assert login(personas["operator_paser"]).get(segera.get_absolute_url()).status_code == 200
        assert Audit.objects.filter(aksi="rahasia_dibaca", objek=f"laporansegera:{segera.pk}").exists()
        # Staff without clearance get no page for it; the list leaves it out.
        staf = login(personas["staf_kaltim"])
        assert staf.get(segera.get_absolute_url()).status_code == 404
        assert TANDA not in staf.get(reverse("laporan:segera")).content.decode()


def test_the_governor_summary_holds_rahasia_items_only_for_a_cleared_requester_and_says_so_on_every_page(
    login, personas, laporan_rahasia, django_capture_on_commit_callbacks
):
    staf, pimpinan = personas["staf_kaltim"], personas["pimpinan_kaltim"]
    agregat = reverse("laporan:agregat", args=[laporan_rahasia.periode.pk])
    assert "Sertakan butir rahasia" not in login(pimpinan).get(agregat).content.decode()
    # An uncleared requester cannot ask for them: the field does not exist for them.
    _minta(login(pimpinan), laporan_rahasia.periode, django_capture_on_commit_callbacks, rahasia="on")
    biasa = Dokumen.objects.get()
    teks = _teks(biasa.berkas.read())
    assert TANDA not in teks and "Sengketa lahan terbuka" in teks and biasa.klasifikasi == "terbatas"
    _izin(pengguna=staf)
    # A cleared requester chooses, ticked by default: with the rahasia items, or a version without.
    formulir = login(staf).get(agregat).content.decode()
    assert re.search(r'<input type="checkbox" name="rahasia"[^>]* checked>', formulir)
    _minta(login(staf), laporan_rahasia.periode, django_capture_on_commit_callbacks)
    tanpa = Dokumen.objects.exclude(pk=biasa.pk).get()
    assert tanpa.klasifikasi == "terbatas" and TANDA not in _teks(tanpa.berkas.read())
    _minta(login(staf), laporan_rahasia.periode, django_capture_on_commit_callbacks, rahasia="on")
    rahasia = Dokumen.objects.exclude(pk__in=[biasa.pk, tanpa.pk]).get()
    assert rahasia.klasifikasi == "rahasia"
    import pypdf

    halaman = [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(rahasia.berkas.read())).pages]
    assert all("RAHASIA" in h for h in halaman) and len(halaman) >= 3
    teks = " ".join(" ".join(halaman).split())
    assert f"Potensi {TANDA}" in teks and "Sifat : Rahasia" in teks and "Klasifikasi: Rahasia" in teks
    # The public verification page states it; an uncleared reader of the province cannot download it.
    assert "Rahasia" in login(pimpinan).get(reverse("verifikasi", args=[rahasia.kode])).content.decode()
    assert login(pimpinan).get(rahasia.get_absolute_url()).status_code == 404
    halaman = login(staf).get(rahasia.get_absolute_url()).content.decode()
    assert '<dd class="col-sm-9">Rahasia <span class="hint">— hanya pengguna yang diberi izin' in halaman
    # The pimpinan's document list says one is held back and lists the two it may open.
    daftar = login(pimpinan).get(reverse("kesbangpol:dokumen_list")).content.decode()
    assert "[dirahasiakan] 1 dokumen berklasifikasi Rahasia tidak ditampilkan" in daftar
    assert daftar.count('data-label="Kode"') == 2 and rahasia.kode not in daftar
    daftar = login(staf).get(reverse("kesbangpol:dokumen_list")).content.decode()
    assert "[dirahasiakan]" not in daftar
    assert daftar.count('<span class="badge text-bg-danger">Rahasia</span>') == 1


def test_a_rahasia_rakor_document_is_held_back_from_the_page_the_download_and_the_rakor_report(
    login, personas, django_capture_on_commit_callbacks
):
    from django.core.files.base import ContentFile

    from rakor.models import Dokumentasi
    from tests.test_kebocoran import PNG

    rakor = factories.rakor("64", judul="Rakor Forkopimda tertutup")
    for keterangan, klasifikasi in ((f"Peta sebaran {TANDA}", "rahasia"), ("Pembukaan rakor", "terbatas")):
        dok = Dokumentasi(
            rakor=rakor, nama_asli="f.png", jenis_berkas="png", ukuran=len(PNG), keterangan=keterangan
        )
        dok.klasifikasi = klasifikasi
        dok.berkas.save("f.png", ContentFile(PNG), save=False)
        dok.save()
    rahasia = Dokumentasi.objects.get(klasifikasi="rahasia")
    staf = login(personas["staf_kaltim"])
    page = staf.get(rakor.get_absolute_url()).content.decode()
    assert "Pembukaan rakor" in page and TANDA not in page and "[dirahasiakan] 1 dokumen" in page
    assert staf.get(reverse("rakor:dokumentasi_unduh", args=[rahasia.pk])).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        staf.post(reverse("rakor:laporan_hasil", args=[rakor.pk]))
    teks = _teks(Dokumen.objects.get(jenis="laporan_rakor").berkas.read())
    assert "Pembukaan rakor" in teks and TANDA not in teks
    # Uploading: Rahasia is refused to the uncleared, accepted from the cleared.
    from django.core.files.uploadedfile import SimpleUploadedFile

    unggah = reverse("rakor:dokumentasi_unggah", args=[rakor.pk])
    data = {"keterangan": "Baru", "klasifikasi": "rahasia"}
    response = staf.post(unggah, data | {"berkas": SimpleUploadedFile("b.png", PNG, "image/png")})
    assert response.status_code == 200 and Dokumentasi.objects.count() == 2
    _izin(pengguna=personas["staf_kaltim"])
    staf = login(personas["staf_kaltim"])
    assert (
        staf.post(unggah, data | {"berkas": SimpleUploadedFile("b.png", PNG, "image/png")}).status_code == 302
    )
    assert Dokumentasi.objects.filter(klasifikasi="rahasia").count() == 2
    page = staf.get(rakor.get_absolute_url()).content.decode()
    assert TANDA in page and "[dirahasiakan]" not in page
    assert staf.get(reverse("rakor:dokumentasi_unduh", args=[rahasia.pk])).status_code == 200
