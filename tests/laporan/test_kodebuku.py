"""The codebook (jenis kejadian with sub-jenis mapped to UU 7/2012's sources, jenis aktor, indikator
perdamaian): shipped defaults, stable codes, national admins keep it by xlsx, other admins read it."""

import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from laporan import kodebuku
from laporan.models import IndikatorPerdamaian, JenisAktor, JenisKejadian, PotensiKonflik

pytestmark = pytest.mark.django_db
POLEKSOSBUD = PotensiKonflik.Sumber.POLEKSOSBUD.label  # a choice as people type it: its label


def test_defaults_are_shipped_with_each_type_mapped_to_a_source():
    assert JenisKejadian.objects.count() == len(kodebuku.JENIS_KEJADIAN)
    assert JenisAktor.objects.count() == len(kodebuku.JENIS_AKTOR)
    assert IndikatorPerdamaian.objects.count() == len(kodebuku.INDIKATOR_PERDAMAIAN)
    assert set(JenisKejadian.objects.values_list("sumber", flat=True)) == set(PotensiKonflik.Sumber.values)
    sara = JenisKejadian.objects.get(kode="BTK.SARA")
    assert (sara.induk.kode, sara.sumber) == ("BTK", "sara")
    assert [j.kode for j in JenisKejadian.objects.get(kode="UR").sub.all()] == ["UR.DAMAI", "UR.ANARKIS"]


def test_a_sub_type_carries_its_parents_code_and_only_one_level():
    ur = JenisKejadian.objects.get(kode="UR")
    with pytest.raises(ValidationError, match="diawali kode induknya"):
        JenisKejadian(kode="DEMO.X", nama="x", sumber="poleksosbud", induk=ur).full_clean()
    damai = JenisKejadian.objects.get(kode="UR.DAMAI")
    with pytest.raises(ValidationError, match="hanya satu tingkat"):
        JenisKejadian(kode="UR.DAMAI.X", nama="x", sumber="poleksosbud", induk=damai).full_clean()
    with pytest.raises(ValidationError, match="huruf besar"):
        JenisKejadian(kode="ur-damai", nama="x", sumber="poleksosbud").full_clean()


def _xlsx(baris):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["kode", "nama", "kode_induk", "sumber", "keterangan", "urutan", "aktif"])
    for b in baris:
        ws.append(b)
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    out.name = "jenis.xlsx"
    return out


def _impor(client, berkas):
    url = reverse("admin:laporan_jeniskejadian_import")
    form = client.get(url).context["form"]
    xlsx = next(v for v, label in form.fields["format"].choices if label == "xlsx")
    return client.post(url, {"format": xlsx, "import_file": berkas, "resource": "0"})


def test_national_admins_import_by_code_and_others_only_read(login, admin_nasional, admin_kaltim):
    for u in (admin_nasional, admin_kaltim):
        u.is_staff = True
        u.save()
    provinsi = login(admin_kaltim)
    assert provinsi.get(reverse("admin:laporan_jeniskejadian_changelist")).status_code == 200
    assert provinsi.get(reverse("admin:laporan_jeniskejadian_add")).status_code == 403
    assert provinsi.get(reverse("admin:laporan_jeniskejadian_import")).status_code == 403
    nasional = login(admin_nasional)
    sebelum = JenisKejadian.objects.count()
    response = _impor(
        nasional,
        _xlsx([
            ["UR.DAMAI", "Unjuk rasa damai (tertib)", "UR", POLEKSOSBUD, "", 1, "1"],
            ["SDA.HUTAN", "Sengketa kawasan hutan", "SDA", "sda", "", 12, "1"],
        ]),
    )  # fmt: skip
    konfirmasi = response.context["confirm_form"]
    nasional.post(reverse("admin:laporan_jeniskejadian_process_import"), dict(konfirmasi.initial))
    assert JenisKejadian.objects.count() == sebelum + 1  # one updated by its code, one added
    assert JenisKejadian.objects.get(kode="UR.DAMAI").nama == "Unjuk rasa damai (tertib)"
    assert JenisKejadian.objects.get(kode="SDA.HUTAN").induk.kode == "SDA"
    assert JenisKejadian.objects.get(kode="UR.DAMAI").history.filter(history_type="~").count() == 1
    # A wrong source or parent refuses the whole file, naming the row.
    buruk = _impor(nasional, _xlsx([["BTS.X", "x", "BTS", "bukan sumber", "", 1, "1"]]))
    assert (
        "bukan sumber" in buruk.content.decode() and JenisKejadian.objects.filter(kode="BTS.X").count() == 0
    )
    # Codes are never deleted (deactivated instead).
    assert nasional.get(reverse("admin:laporan_jeniskejadian_delete", args=[1])).status_code == 403


def _kode(model, kode):
    return model.objects.get(kode=kode)


def test_aggregates_by_event_type_actor_pair_and_casualties_on_a_constructed_quarter(login, staf_kaltim):
    import datetime

    from laporan.models import KejadianKonflik, LaporanTriwulan
    from tests import factories

    wrg, prs, apr = (_kode(JenisAktor, k) for k in ("WRG", "PRS", "APR"))
    paser, ppu = factories.laporan("64.01", 2026, 1), factories.laporan("64.09", 2026, 1)
    for lap, jenis, a1, a2, meninggal, luka, mengungsi in (
        (paser, "UR.ANARKIS", wrg, apr, 0, 5, 0),
        (paser, "UR.DAMAI", apr, wrg, 0, 0, 0),  # the same pair in the other order
        (ppu, "SDA.LAHAN", wrg, prs, 1, 2, 30),
        (ppu, None, None, None, 0, 1, 0),  # not coded yet
    ):
        k = KejadianKonflik(
            laporan=lap, tanggal=datetime.date(2026, 2, 1), uraian="x", meninggal=meninggal, luka=luka,
            mengungsi=mengungsi, jenis=_kode(JenisKejadian, jenis) if jenis else None, aktor_1=a1, aktor_2=a2,
        )  # fmt: skip
        k.save(lewati_kunci=True)
    factories.potensi(paser, "Sengketa kebun", aktor_1=prs, aktor_2=wrg)
    LaporanTriwulan.objects.filter(pk__in=[paser.pk, ppu.pk]).update(status="diterima")
    response = login(staf_kaltim).get(reverse("laporan:agregat", args=[paser.periode.pk]))
    a = response.context["a"]
    assert [(r["kode"], r["jumlah"], r["meninggal"], r["luka"], r["mengungsi"]) for r in a["per_jenis"]] == [
        ("UR", 2, 0, 5, 0),
        ("SDA", 1, 1, 2, 30),
        ("", 1, 0, 1, 0),
    ]
    assert a["per_jenis"][1]["sumber"] == "Sengketa sumber daya alam"
    assert a["per_aktor"] == [
        {"kode": "APR,WRG", "pihak": "Aparat negara – Warga", "potensi": 0, "kejadian": 2},
        {"kode": "PRS,WRG", "pihak": "Perusahaan – Warga", "potensi": 1, "kejadian": 1},
    ]
    page = response.content.decode()
    assert "Kejadian menurut jenis" in page and "Perusahaan – Warga" in page and "Belum dikodekan" in page
    # The source goes under the type's name: on a phone the counts stay in view.
    sda = "Sengketa sumber daya alam"
    assert f'SDA</span> {sda}<div class="hint">{sda}</div></td>' in page


def test_each_event_and_actor_pair_count_of_the_aggregate_links_to_what_it_counts(login, staf_kaltim):
    import datetime

    from kesbangpol.models import Audit
    from laporan.models import KejadianKonflik, LaporanTriwulan
    from tests import factories

    wrg, prs, apr = (_kode(JenisAktor, k) for k in ("WRG", "PRS", "APR"))
    paser, ppu = factories.laporan("64.01", 2026, 1), factories.laporan("64.09", 2026, 1)
    for lap, jenis, a1, a2, uraian in (
        (paser, "UR.ANARKIS", wrg, apr, "Unjuk rasa anarkis"),
        (paser, "UR.DAMAI", apr, wrg, "Unjuk rasa damai"),  # the same pair in the other order
        (ppu, "SDA.LAHAN", wrg, prs, "Bentrok lahan"),
        (ppu, None, None, None, "Belum dikodekan"),
    ):
        k = KejadianKonflik(
            laporan=lap, tanggal=datetime.date(2026, 2, 1), uraian=uraian,
            jenis=_kode(JenisKejadian, jenis) if jenis else None, aktor_1=a1, aktor_2=a2,
        )  # fmt: skip
        k.save(lewati_kunci=True)
    factories.potensi(paser, "Sengketa kebun", aktor_1=prs, aktor_2=wrg)
    factories.potensi(paser, "Tanpa aktor")
    LaporanTriwulan.objects.filter(pk__in=[paser.pk, ppu.pk]).update(status="diterima")
    client = login(staf_kaltim)
    url = reverse("laporan:agregat", args=[paser.periode.pk])

    def uraian(response):
        return sorted(k.uraian for k in response.context["a"]["kejadian"])

    def judul(response):
        return sorted(p.judul for p in response.context["a"]["daftar"])

    page = client.get(url).content.decode()
    for link in (
        'href="?jenis=UR#kejadian">2</a>', 'href="?jenis=SDA#kejadian">1</a>',
        'href="?jenis=belum#kejadian">1</a>', 'href="?pihak=APR,WRG#kejadian">2</a>',
        'href="?pihak=PRS,WRG#kejadian">1</a>', 'href="?pihak=PRS,WRG#potensi">1</a>',
        'href="?#kejadian">4 kejadian</a>',
    ):  # fmt: skip
        assert link in page, link
    assert 'href="?pihak=APR,WRG#potensi"' not in page  # no potensi of that pair: a plain 0
    # On a phone the recap's tables stack, each count naming its column.
    assert '<td class="text-end" data-label="Potensi"><a href="?pihak=PRS,WRG#potensi">1</a>' in page
    assert page.count("table table-sm tabel-susun") == 5
    ur = client.get(url, {"jenis": "UR"})
    assert uraian(ur) == ["Unjuk rasa anarkis", "Unjuk rasa damai"]  # sub-types under their parent
    teks = ur.content.decode()
    assert "Kejadian konflik: Unjuk rasa" in teks and "2 dari 4 kejadian periode ini" in teks
    assert len(judul(ur)) == 2  # the potensi are not narrowed by an event type
    assert uraian(client.get(url, {"jenis": "belum"})) == ["Belum dikodekan"]
    pasangan = client.get(url, {"pihak": "PRS,WRG"})
    assert uraian(pasangan) == ["Bentrok lahan"] and judul(pasangan) == ["Sengketa kebun"]
    assert "Potensi konflik: Perusahaan – Warga" in pasangan.content.decode()
    # Counts stay the period's; unknown values are ignored.
    assert [r["jumlah"] for r in pasangan.context["a"]["per_jenis"]] == [2, 1, 1]
    semua = client.get(url, {"jenis": "ur", "pihak": "WRG,APR"})
    assert len(uraian(semua)) == 4 and semua.context["a"]["saring_kejadian"] == []
    # The export of the view carries the filter and names it.
    csv = client.get(
        reverse("laporan:agregat_ekspor", args=[paser.periode.pk]),
        {"jenis": "UR", "format": "csv", "tabel": "kejadian"},
    ).content.decode("utf-8-sig")
    assert "Unjuk rasa anarkis" in csv and "Bentrok lahan" not in csv
    assert "Kejadian: Unjuk rasa" in Audit.objects.get(aksi="ekspor_rekap").keterangan


def test_the_incident_form_takes_codes_and_an_urgent_report_carries_them_into_the_quarter(
    login, operator_paser
):
    import datetime

    import time_machine

    from laporan.models import KejadianKonflik, LaporanSegera

    with time_machine.travel(datetime.datetime(2026, 5, 12, 2, tzinfo=datetime.UTC), tick=False):
        client = login(operator_paser)
        client.post(reverse("laporan:buka"), {"tahun": 2026, "triwulan": 2})
        client.post(
            reverse("laporan:segera_baru"),
            {
                "judul": "Bentrok", "jenis": _kode(JenisKejadian, "BTK.WARGA").pk, "tanggal": "2026-05-10",
                "ketelitian_tanggal": "minggu", "ketelitian_lokasi": "kecamatan", "kecamatan": "Kuaro",
                "uraian": "x",
                "aktor_1": _kode(JenisAktor, "WRG").pk, "aktor_2": _kode(JenisAktor, "ORM").pk,
                "meninggal": "0", "luka": "2", "mengungsi": "0",
            },
        )  # fmt: skip
        segera = LaporanSegera.objects.get()
        k = KejadianKonflik.objects.get(segera=segera)
        assert (k.jenis.kode, k.aktor_1.kode, k.aktor_2.kode) == ("BTK.WARGA", "WRG", "ORM")
        assert (k.ketelitian_tanggal, k.ketelitian_lokasi) == ("minggu", "kecamatan")
        # An inactive code is no longer offered.
        JenisKejadian.objects.filter(kode="PML").update(aktif=False)
        form = client.get(reverse("laporan:kejadian_ubah", args=[k.pk])).context["form"]
        assert "PML" not in {j.kode for j in form.fields["jenis"].queryset}
        assert "UR.DAMAI" in {j.kode for j in form.fields["jenis"].queryset}


def test_the_report_template_carries_codes_with_drop_downs_and_reads_them_back(login, operator_paser):
    import datetime

    import time_machine

    from laporan.models import KejadianKonflik
    from tests import factories
    from tests.laporan.test_ringkasan import _unggah

    with time_machine.travel(datetime.datetime(2026, 4, 5, 1, tzinfo=datetime.UTC), tick=False):
        lap = factories.laporan("64.01", 2026, 1)
        p = factories.potensi(lap, "Sengketa kebun", aktor_1=_kode(JenisAktor, "WRG"), verifikasi="resmi")
        client = login(operator_paser)
        wb = openpyxl.load_workbook(io.BytesIO(client.get(reverse("laporan:templat", args=[lap.pk])).content))
        ws, kj = wb["Potensi"], wb["Kejadian"]
        kolom = {c.value: c.column_letter for c in ws[1]}
        assert ws[f"{kolom['kode_aktor_1']}2"].value == "WRG Warga"
        assert ws[f"{kolom['verifikasi']}2"].value == "Terverifikasi resmi"
        # Every code and choice column offers a drop-down fed from the Pilihan sheet.
        tervalidasi = {
            str(r).split(":")[0] for dv in ws.data_validations.dataValidation for r in dv.sqref.ranges
        }
        assert {
            f"{kolom[k]}2" for k in ("kode_aktor_1", "kode_aktor_2", "verifikasi", "sumber")
        } <= tervalidasi
        pilihan = [c.value for c in wb["Pilihan"][1]]
        assert "kode_jenis_kejadian" in pilihan and "kode_aktor" in pilihan
        kolom_k = {c.value: i for i, c in enumerate(kj[1])}
        baris = [""] * len(kolom_k)
        for nama, nilai in {
            "tanggal": datetime.date(2026, 2, 3), "uraian": "Bentrok", "kode_jenis_kejadian": "ur.anarkis",
            "kode_aktor_1": "WRG Warga", "kode_aktor_2": "APR", "ketelitian_tanggal": "Dalam minggu itu",
            "meninggal": 0, "luka": 3, "mengungsi": 0,
        }.items():  # fmt: skip
            baris[kolom_k[nama]] = nilai
        kj.append(baris)
        ws[f"{kolom['kode_aktor_2']}2"] = "XYZ"
        response = _unggah(client, lap, wb)
        teks = response.content.decode()
        assert response.status_code == 200 and "kode_aktor_2" in teks and "Kode “XYZ” tidak dikenal" in teks
        ws[f"{kolom['kode_aktor_2']}2"] = "PRS"
        assert _unggah(client, lap, wb).status_code == 302
        p = lap.potensikonflik.get()
        assert (p.aktor_1.kode, p.aktor_2.kode, p.verifikasi) == ("WRG", "PRS", "resmi")
        k = KejadianKonflik.objects.get()
        assert (k.jenis.kode, k.aktor_1.kode, k.aktor_2.kode, k.ketelitian_tanggal) == (
            "UR.ANARKIS",
            "WRG",
            "APR",
            "minggu",
        )
        # A template of the earlier version (no code columns) keeps the codes already recorded.
        for lembar in (ws, kj):
            lembar.delete_cols(16 if lembar is ws else 13, 10)
        assert _unggah(client, lap, wb).status_code == 302
        p = lap.potensikonflik.get()
        assert (p.aktor_1.kode, p.aktor_2.kode) == ("WRG", "PRS")
