"""Rakor pages through HTTP as each persona: who sees, who edits, what is stored."""

import datetime

import pytest
from django.urls import reverse

from kesbangpol.models import Instansi
from rakor.models import Agenda, Arahan, Narasumber, Orang, Peserta, Rakor
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def rakor_kaltim(db):
    """A Kaltim rakor to which Kesbangpol Paser (not PPU) is invited, with one of each part."""
    rakor = factories.rakor("64", judul="Rakor Kewaspadaan Kaltim")
    paser = factories.kesbangpol("64.01")
    orang = Orang.objects.create(nama="Nonding, S.Sos., M.M.", jabatan="Kepala Badan", instansi=paser)
    Peserta.objects.create(rakor=rakor, instansi=paser, orang=orang, jabatan="Kepala Badan")
    narasumber = Narasumber.objects.create(rakor=rakor, orang=orang, materi="Peta Konflik Paser")
    Agenda.objects.create(
        rakor=rakor, tanggal=rakor.tanggal_mulai, jam_mulai=datetime.time(9), acara="Pembukaan"
    )
    Arahan.objects.create(rakor=rakor, isi="Deteksi dini menjelang Pilkada", disampaikan_oleh="Sekda")
    rakor.narasumber_uji = narasumber
    return rakor


def _read_urls(r):
    return [
        reverse("rakor:detail", args=[r.pk]),
        reverse("rakor:peserta_ekspor", args=[r.pk]),
        reverse("rakor:daftar_hadir", args=[r.pk]),
    ]


def _write_urls(r):
    return [
        reverse("rakor:ubah", args=[r.pk]),
        reverse("rakor:narasumber_tambah", args=[r.pk]),
        reverse("rakor:narasumber_ubah", args=[r.narasumber_uji.pk]),
        reverse("rakor:narasumber_hapus", args=[r.narasumber_uji.pk]),
        reverse("rakor:agenda_tambah", args=[r.pk]),
        reverse("rakor:agenda_ubah", args=[r.agenda.get().pk]),
        reverse("rakor:arahan_tambah", args=[r.pk]),
        reverse("rakor:arahan_ubah", args=[r.arahan.get().pk]),
        reverse("rakor:arahan_hapus", args=[r.arahan.get().pk]),
        reverse("rakor:dokumentasi_unggah", args=[r.pk]),
        reverse("rakor:peserta_kehadiran", args=[r.pk]),
        reverse("rakor:peserta_tambah", args=[r.pk]),
        reverse("rakor:peserta_undang", args=[r.pk]),
        reverse("rakor:peserta_impor", args=[r.pk]),
        reverse("rakor:peserta_templat", args=[r.pk]),
        reverse("rakor:peserta_hapus", args=[r.peserta.get().pk]),
    ]


def test_staff_open_every_page_of_their_rakor(login, staf_kaltim, rakor_kaltim):
    client = login(staf_kaltim)
    for url in _read_urls(rakor_kaltim) + _write_urls(rakor_kaltim):
        assert client.get(url).status_code == 200, url


def test_invited_kabkota_operator_reads_but_cannot_edit(login, operator_paser, rakor_kaltim):
    client = login(operator_paser)
    for url in _read_urls(rakor_kaltim):
        assert client.get(url).status_code == 200, url
    for url in _write_urls(rakor_kaltim):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {}).status_code == 403, url
    assert (
        client.post(reverse("rakor:status", args=[rakor_kaltim.pk]), {"status": "selesai"}).status_code == 403
    )
    rakor_kaltim.refresh_from_db()
    assert rakor_kaltim.status == Rakor.Status.RENCANA


def test_pimpinan_reads_and_gets_403_on_writes(login, pimpinan_kaltim, rakor_kaltim):
    client = login(pimpinan_kaltim)
    assert client.get(rakor_kaltim.get_absolute_url()).status_code == 200
    for url in _write_urls(rakor_kaltim):
        assert client.post(url, {}).status_code == 403, url
    assert client.get(reverse("rakor:tambah")).status_code == 403


@pytest.mark.parametrize("persona", ["operator_ppu", "staf_kalbar", "tanpa_instansi"])
def test_outsiders_get_404_and_see_no_name(request, login, persona, rakor_kaltim):
    client = login(request.getfixturevalue(persona))
    for url in _read_urls(rakor_kaltim) + _write_urls(rakor_kaltim):
        response = client.get(url)
        assert response.status_code == 404, (persona, url)
        assert "Kewaspadaan Kaltim" not in response.content.decode()
    listing = client.get(reverse("rakor:list")).content.decode()
    assert "Rakor Kewaspadaan Kaltim" not in listing
    export = client.get(reverse("rakor:ekspor"))
    assert b"Kewaspadaan" not in export.content


def test_anonymous_is_sent_to_login(client, rakor_kaltim):
    response = client.get(rakor_kaltim.get_absolute_url())
    assert response.status_code == 302 and response["Location"].startswith("/akun/masuk/")


def test_rakor_page_shows_everything_and_attendance_figures(login, staf_kaltim, rakor_kaltim):
    ppu = factories.kesbangpol("64.09")
    Peserta.objects.create(rakor=rakor_kaltim, instansi=ppu, jabatan="Kepala Badan", kehadiran="tidak_hadir")
    Peserta.objects.filter(instansi__wilayah__kode="64.01").update(kehadiran="hadir")
    body = login(staf_kaltim).get(rakor_kaltim.get_absolute_url()).content.decode()
    for text in (
        "Nonding, S.Sos., M.M.",
        "Peta Konflik Paser",
        "Pembukaan",
        "Deteksi dini menjelang Pilkada",
    ):
        assert text in body
    assert 'href="?hadir=ya#peserta">1</a> <span' in body and "dari 2 undangan hadir" in body
    assert "belum dicatat</a></strong>" not in body  # both recorded
    Peserta.objects.create(rakor=rakor_kaltim, instansi=ppu, jabatan="Sekretaris")
    body = login(staf_kaltim).get(rakor_kaltim.get_absolute_url()).content.decode()
    assert (
        "dari 3 undangan hadir" in body
        and '<strong><a href="?hadir=belum#peserta">1 belum dicatat</a></strong>' in body
    )
    assert "Kabupaten Penajam Paser Utara" in body  # by region
    assert "Rekomendasi" in body


def test_rows_escape_what_people_typed(login, staf_kaltim, operator_paser, rakor_kaltim):
    """Markup typed into a title, a place, a name or an item is shown, not run, on the rakor list,
    the participant table, the items and an office's page."""
    from rekomendasi.models import Penugasan, Rekomendasi

    jahat = '<script>alert("x")</script>'
    Rakor.objects.filter(pk=rakor_kaltim.pk).update(judul=f"Rakor {jahat}", tempat=f"Hotel {jahat}")
    Peserta.objects.filter(rakor=rakor_kaltim).update(jabatan=f"Kepala {jahat}", diwakili_oleh=jahat)
    Peserta.objects.create(rakor=rakor_kaltim, instansi=factories.kesbangpol("64.09"), jabatan=jahat)
    Orang.objects.update(nama=f"Nonding {jahat}")
    rek = Rekomendasi.objects.create(rakor=rakor_kaltim, nomor=1, isi=f"Butir {jahat}")
    paser = Instansi.objects.get(wilayah__kode="64.01", jenis=Instansi.Jenis.KESBANGPOL)
    Penugasan.objects.create(rekomendasi=rek, instansi=paser)
    aman = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
    halaman = [
        (staf_kaltim, reverse("rakor:list"), 2),  # title and place
        (staf_kaltim, rakor_kaltim.get_absolute_url(), 7),
        (operator_paser, reverse("rekomendasi:instansi", args=[paser.pk]), 2),  # item and rakor title
    ]
    for user, url, paling_sedikit in halaman:
        body = login(user).get(url).content.decode()
        assert "<script>alert" not in body, url
        assert body.count(aman) >= paling_sedikit, url


def test_staff_create_a_rakor_of_their_province(login, staf_kaltim):
    client = login(staf_kaltim)
    data = {
        "judul": "Rakor Kesbangpol se-Kaltim 2027",
        "jenis": "tahunan",
        "tahun_anggaran": "2027",
        "tanggal_mulai": "2027-02-10",
        "tanggal_selesai": "2027-02-12",
        "tempat": "Hotel Uji",
        "kabkota": str(factories.kesbangpol("64.09").wilayah_id),
        "penyelenggara": str(factories.kesbangpol("64").pk),
        "dibuka_oleh": "Wakil Gubernur",
    }
    response = client.post(reverse("rakor:tambah"), data)
    rakor = Rakor.objects.get(judul="Rakor Kesbangpol se-Kaltim 2027")
    assert response.status_code == 302 and response["Location"] == rakor.get_absolute_url()
    assert rakor.provinsi.kode == "64" and rakor.dibuat_oleh == staf_kaltim
    assert rakor.status == Rakor.Status.RENCANA


def test_dates_out_of_order_and_region_outside_province_are_refused(login, staf_kaltim):
    client = login(staf_kaltim)
    data = {
        "judul": "Rakor salah",
        "jenis": "tahunan",
        "tahun_anggaran": "2027",
        "tanggal_mulai": "2027-02-12",
        "tanggal_selesai": "2027-02-10",
        "kabkota": str(factories.kesbangpol("61.71").wilayah_id),  # Pontianak, Kalbar
        "penyelenggara": str(factories.kesbangpol("64").pk),
    }
    response = client.post(reverse("rakor:tambah"), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Tanggal selesai tidak boleh sebelum tanggal mulai." in body
    assert "Kabupaten/kota tempat rakor harus berada di Kalimantan Timur." in body
    assert not Rakor.objects.filter(judul="Rakor salah").exists()


def test_status_moves_only_along_the_allowed_steps(login, staf_kaltim, rakor_kaltim):
    client = login(staf_kaltim)
    url = reverse("rakor:status", args=[rakor_kaltim.pk])
    client.post(url, {"status": "berlangsung"})
    rakor_kaltim.refresh_from_db()
    assert rakor_kaltim.status == "berlangsung"
    response = client.post(url, {"status": "rencana"}, follow=True)
    assert "Status tidak dapat diubah dari “Berlangsung” ke “Rencana”." in response.content.decode()
    rakor_kaltim.refresh_from_db()
    assert rakor_kaltim.status == "berlangsung"


def test_a_speaker_is_matched_to_the_existing_person_not_duplicated(login, staf_kaltim, rakor_kaltim):
    polpum = Instansi.objects.create(nama="Ditjen Polpum Kemendagri", jenis="kemendagri", wilayah=None)
    andi = Orang.objects.create(nama="Andi Baso Indra Baharuddin, S.STP., M.Si.", instansi=polpum)
    client = login(staf_kaltim)
    response = client.post(
        reverse("rakor:narasumber_tambah", args=[rakor_kaltim.pk]),
        {
            "nama": "andi baso indra baharuddin, s.stp., m.si.",
            "instansi": str(polpum.pk),
            "jabatan": "Plh. Direktur Kewaspadaan Nasional",
            "materi": "Isu Strategis Pasca Pemilu",
            "moda": "daring",
            "urutan": "1",
        },
    )
    assert response.status_code == 302
    narasumber = rakor_kaltim.narasumber.get(materi="Isu Strategis Pasca Pemilu")
    assert narasumber.orang == andi and narasumber.moda == "daring"
    assert Orang.objects.filter(nama__icontains="Andi Baso").count() == 1


def test_attendance_of_all_rows_is_saved_in_one_post(login, staf_kaltim, rakor_kaltim):
    factories.peserta_banyak(rakor_kaltim, 120)
    client = login(staf_kaltim)
    url = reverse("rakor:peserta_kehadiran", args=[rakor_kaltim.pk])
    page = client.get(url)
    formset = page.context["formset"]
    data = {
        "form-TOTAL_FORMS": str(formset.total_form_count()),
        "form-INITIAL_FORMS": str(formset.initial_form_count()),
    }
    for i, form in enumerate(formset):
        data[f"form-{i}-id"] = str(form.instance.pk)
        data[f"form-{i}-kehadiran"] = "hadir"
        data[f"form-{i}-moda"] = "luring"
        data[f"form-{i}-diwakili_oleh"] = ""
    data["form-0-kehadiran"] = "diwakilkan"
    data["form-0-diwakili_oleh"] = "Sekretaris Badan"
    response = client.post(url, data)
    assert response.status_code == 302
    assert rakor_kaltim.peserta.filter(kehadiran="hadir").count() == 120
    assert rakor_kaltim.peserta.filter(kehadiran="diwakilkan", diwakili_oleh="Sekretaris Badan").count() == 1


def test_represented_without_a_name_is_refused_and_nothing_saved(login, staf_kaltim, rakor_kaltim):
    factories.peserta_banyak(rakor_kaltim, 3)
    client = login(staf_kaltim)
    url = reverse("rakor:peserta_kehadiran", args=[rakor_kaltim.pk])
    rows = list(
        rakor_kaltim.peserta.order_by("instansi__wilayah__kode", "instansi__jenis", "instansi__nama", "pk")
    )
    data = {"form-TOTAL_FORMS": str(len(rows)), "form-INITIAL_FORMS": str(len(rows))}
    for i, p in enumerate(rows):
        data.update({f"form-{i}-id": p.pk, f"form-{i}-kehadiran": "hadir", f"form-{i}-moda": "luring"})
    data["form-1-kehadiran"] = "diwakilkan"
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Isi nama wakil bila peserta diwakilkan." in response.content.decode()
    assert not rakor_kaltim.peserta.filter(kehadiran="hadir").exclude(pk__in=[]).filter(
        pk=rows[0].pk
    ).exists() or (rows[0].kehadiran == "hadir")
    assert rakor_kaltim.peserta.filter(kehadiran="diwakilkan").count() == 0


def test_inviting_an_office_kind_invites_every_kabkota_once(login, staf_kaltim, rakor_kaltim):
    client = login(staf_kaltim)
    url = reverse("rakor:peserta_undang", args=[rakor_kaltim.pk])
    client.post(url, {"jenis": ["kesbangpol", "bappeda"], "kabkota": "on"})
    client.post(url, {"jenis": ["kesbangpol", "bappeda"], "kabkota": "on"})
    kabkota = rakor_kaltim.provinsi.kabkota.count()
    assert rakor_kaltim.peserta.filter(instansi__jenis="bappeda").count() == kabkota
    assert (
        rakor_kaltim.peserta.filter(instansi__jenis="kesbangpol").count() == kabkota
    )  # Paser kept its named row
    assert Instansi.objects.get(wilayah__kode="64.01", jenis="bappeda").nama == "Bappeda Kabupaten Paser"


def test_kabkota_operator_sees_only_rakor_their_office_is_invited_to(login, operator_paser, rakor_kaltim):
    factories.rakor("64", judul="Rakor tanpa Paser")
    body = login(operator_paser).get(reverse("rakor:list")).content.decode()
    assert "Rakor Kewaspadaan Kaltim" in body
    assert "Rakor tanpa Paser" not in body


def test_list_attendance_links_to_the_participants_it_counts(login, staf_kaltim, rakor_kaltim):
    ppu = factories.kesbangpol("64.09")
    Peserta.objects.create(rakor=rakor_kaltim, instansi=ppu, jabatan="Kepala Badan", kehadiran="hadir")
    Peserta.objects.create(rakor=rakor_kaltim, instansi=ppu, jabatan="Sekretaris", kehadiran="tidak_hadir")
    factories.rakor("64", judul="Rakor tanpa peserta")
    body = login(staf_kaltim).get(reverse("rakor:list")).content.decode()
    hadir = rakor_kaltim.peserta.filter(kehadiran__in=Peserta.HADIR).count()
    diundang = rakor_kaltim.peserta.count()
    url = rakor_kaltim.get_absolute_url()
    assert f'<a href="{url}?hadir=ya#peserta">{hadir}</a> / <a href="{url}#peserta">{diundang}</a>' in body
    assert 'data-label="Hadir / diundang">0 / 0</td>' in body  # nothing to open
    # Once the rakor has begun, invitations without a recorded attendance are named and open.
    belum = rakor_kaltim.peserta.filter(kehadiran="diundang").count()
    assert belum and "belum dicatat" not in body  # still planned: nothing to record yet
    rakor_kaltim.status = "selesai"
    rakor_kaltim.save()
    body = login(staf_kaltim).get(reverse("rakor:list")).content.decode()
    assert f'<a class="hint" href="{url}?hadir=belum#peserta">{belum} belum dicatat</a>' in body
    # Each cell names its column for the stacked layout on a phone.
    assert (
        body.count('data-label="Status"') == 2
        and 'class="table table-hover align-middle tabel-susun"' in body
    )


def test_list_filters_survive_and_are_honoured_by_the_export(login, staf_kaltim, rakor_kaltim):
    factories.rakor("64", judul="Rakor Teknis Lama", jenis="teknis", tahun_anggaran=2024)
    client = login(staf_kaltim)
    body = client.get(reverse("rakor:list"), {"jenis": "teknis"}).content.decode()
    assert "Rakor Teknis Lama" in body and "Rakor Kewaspadaan Kaltim" not in body
    export = client.get(reverse("rakor:ekspor"), {"jenis": "teknis"})
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    import io

    import openpyxl

    sheet = openpyxl.load_workbook(io.BytesIO(export.content)).active
    judul = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert judul == ["Rakor Teknis Lama"]


def test_agenda_out_of_the_rakor_dates_or_ending_before_it_starts_is_refused(
    login, staf_kaltim, rakor_kaltim
):
    response = login(staf_kaltim).post(
        reverse("rakor:agenda_tambah", args=[rakor_kaltim.pk]),
        {"tanggal": "2026-03-20", "jam_mulai": "10:00", "jam_selesai": "09:00", "acara": "Diskusi"},
    )
    body = response.content.decode()
    assert "Tanggal agenda harus di dalam rentang tanggal rakor." in body
    assert "Jam selesai harus setelah jam mulai." in body
    assert rakor_kaltim.agenda.count() == 1


def test_speaker_slides_are_checked_and_downloaded_only_by_those_who_see_the_rakor(
    login, staf_kaltim, operator_paser, operator_ppu, rakor_kaltim
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    narasumber = rakor_kaltim.narasumber_uji
    url = reverse("rakor:narasumber_ubah", args=[narasumber.pk])
    data = {
        "nama": narasumber.orang.nama,
        "instansi": narasumber.orang.instansi_id,
        "materi": "Peta Konflik Paser",
        "moda": "luring",
        "urutan": "0",
    }
    client = login(staf_kaltim)
    bad = client.post(url, {**data, "bahan": SimpleUploadedFile("paparan.pdf", b"GIF89a bukan pdf")})
    assert "bukan jenis yang diterima" in bad.content.decode()
    good = client.post(url, {**data, "bahan": SimpleUploadedFile("paparan.pdf", factories.PDF_BYTES)})
    assert good.status_code == 302
    narasumber.refresh_from_db()
    assert narasumber.bahan_nama == "paparan.pdf" and narasumber.bahan.name.endswith(".pdf")
    download = reverse("rakor:narasumber_bahan", args=[narasumber.pk])
    assert b"".join(login(operator_paser).get(download).streaming_content) == factories.PDF_BYTES
    assert login(operator_ppu).get(download).status_code == 404


def test_national_admin_picks_the_province_first(login, admin_nasional):
    client = login(admin_nasional)
    assert "pilih provinsi penyelenggara" in client.get(reverse("rakor:tambah")).content.decode()
    page = client.get(reverse("rakor:tambah"), {"provinsi": "61"}).content.decode()
    assert "Tambah rakor Kalimantan Barat" in page and "Kota Pontianak" in page and "Kab. Paser" not in page
    response = client.post(
        reverse("rakor:tambah"),
        {
            "provinsi_kode": "61",
            "judul": "Rakor Kalbar oleh admin nasional",
            "jenis": "teknis",
            "tahun_anggaran": "2027",
            "tanggal_mulai": "2027-01-05",
            "tanggal_selesai": "2027-01-05",
            "penyelenggara": str(factories.kesbangpol("61").pk),
        },
    )
    assert response.status_code == 302
    assert Rakor.objects.get(judul="Rakor Kalbar oleh admin nasional").provinsi.kode == "61"


@pytest.mark.django_db(transaction=True)
def test_the_same_new_speaker_or_participant_posted_twice_at_once_is_added_once(staf_kaltim):
    """A double click without JavaScript, or two staff typing the same person at the same moment:
    one is added, the other is told so, and there is one person record, not two."""
    from tests.conftest import perlu_postgresql, serentak

    perlu_postgresql("dua permintaan serentak butuh PostgreSQL")
    rakor = factories.rakor("64", judul="Rakor Kaltim")
    paser = factories.kesbangpol("64.01")
    narasumber = {"nama": "Fahmi Idris", "instansi": str(paser.pk), "materi": "Tahapan Pilkada",
                  "moda": "luring", "urutan": "1"}  # fmt: skip
    peserta = {"nama": "Nonding, S.Sos., M.M.", "instansi": str(paser.pk), "jabatan": "Kepala Badan",
               "kehadiran": "diundang", "moda": "luring"}  # fmt: skip
    for nama_url, data, pesan in (
        ("rakor:narasumber_tambah", narasumber, "sudah menjadi narasumber"),
        ("rakor:peserta_tambah", peserta, "sudah terdaftar sebagai peserta"),
    ):
        url = reverse(nama_url, args=[rakor.pk])

        def kirim(client, url=url, data=data):
            response = client.post(url, data)
            return response.status_code, response.content.decode()

        hasil = serentak(staf_kaltim, kirim, kirim)
        assert sorted(kode for kode, _ in hasil) == [200, 302], nama_url
        assert any(pesan in isi for kode, isi in hasil if kode == 200), nama_url
        assert Orang.objects.filter(nama=data["nama"]).count() == 1
    assert rakor.narasumber.count() == 1 and rakor.peserta.count() == 1
