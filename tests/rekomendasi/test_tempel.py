"""Pasting the numbered list of the minutes: items, sub-points, the preview, and bad pastes."""

import pytest
from django.urls import reverse

from rekomendasi import tempel
from rekomendasi.demo import DAFTAR_KALTIM_2024
from rekomendasi.models import Bidang, Penugasan, Rekomendasi
from tests import factories

pytestmark = pytest.mark.django_db


def test_the_seed_list_has_13_numbered_lines_and_lines_10_11_are_suggested_under_9():
    butir = tempel.urai("Rakor ini menghasilkan 11 rekomendasi yakni :\n\n" + DAFTAR_KALTIM_2024)
    assert len(butir) == 13
    assert [b.nomor_asli for b in butir if b.sub] == ["10", "11"]
    assert butir[8].isi.endswith("FKDM :")
    assert len(tempel.susun(butir)) == 11


def test_lettered_bulleted_and_continued_lines():
    butir = tempel.urai("1. Pertama\n   lanjutan kalimat\n2. Kedua:\na. satu\n- dua\n3) Ketiga")
    assert [(b.isi, b.sub) for b in butir] == [
        ("Pertama lanjutan kalimat", False),
        ("Kedua:", False),
        ("satu", True),
        ("dua", True),
        ("Ketiga", False),
    ]


def test_a_short_line_after_a_colon_is_a_sub_point_only_when_it_continues_the_item():
    butir = tempel.urai("1. Fasilitasi kegiatan FKDM :\n2. FKDM Kecamatan.\n3. Menyampaikan laporan berkala.")
    assert [b.sub for b in butir] == [False, True, False]


def test_text_without_numbers_does_not_parse():
    with pytest.raises(tempel.TidakTerbaca):
        tempel.urai("Rakor berjalan lancar.\nTerima kasih.")


def _preview_post(formset_rows, rakor):
    data = {
        "tahap": "simpan",
        "form-TOTAL_FORMS": str(len(formset_rows)),
        "form-INITIAL_FORMS": str(len(formset_rows)),
    }
    for i, row in enumerate(formset_rows):
        for key, value in row.items():
            if value not in (False, None):
                data[f"form-{i}-{key}"] = "on" if value is True else value
    return data


def test_paste_preview_then_save_gives_11_items_with_9a_and_9b(login, staf_kaltim):
    rakor = factories.rakor("64", tanggal_mulai="2024-04-23", tanggal_selesai="2024-04-25")
    client = login(staf_kaltim)
    url = reverse("rekomendasi:tempel", args=[rakor.pk])
    bidang = Bidang.objects.get(nama="Lainnya")
    preview = client.post(
        url, {"tahap": "tempel", "teks": DAFTAR_KALTIM_2024, "bidang": bidang.pk, "sasaran": "kabkota"}
    )
    assert preview.status_code == 200
    formset = preview.context["formset"]
    rows = [dict(f.initial) for f in formset]
    assert len(rows) == 13 and [r["sub"] for r in rows].count(True) == 2
    for r in rows:
        r["bidang"] = r["bidang"].pk if r["bidang"] else ""
    rows[0]["isi"] = rows[0]["isi"].replace("Mendorong", "MENDORONG")  # edited in the preview
    response = client.post(url, _preview_post(rows, rakor))
    assert response.status_code == 302
    top = Rekomendasi.objects.filter(rakor=rakor, induk=None).order_by("nomor")
    assert top.count() == 11
    sembilan = top.get(nomor=9)
    assert [(s.label, s.isi) for s in sembilan.subpoin.order_by("nomor")] == [
        ("9a", "FKDM Kabupaten/Kota."),
        ("9b", "FKDM Kecamatan."),
    ]
    assert top.get(nomor=10).isi.startswith("Menyampaikan laporan Peta Potensi Konflik")
    assert top.get(nomor=11).isi.startswith("Kegiatan Rapat Koordinasi Kesbangpol se Kaltim untuk Tahun 2025")
    assert top.get(nomor=1).isi.startswith("MENDORONG")
    assert Penugasan.objects.filter(rekomendasi=top.get(nomor=1)).count() == 10  # every Kaltim kab/kota


def test_a_paste_that_does_not_parse_says_so_and_saves_nothing(login, staf_kaltim):
    rakor = factories.rakor("64")
    response = login(staf_kaltim).post(
        reverse("rekomendasi:tempel", args=[rakor.pk]),
        {"tahap": "tempel", "teks": "Tidak ada nomor di sini."},
    )
    assert "Tidak ada butir bernomor yang terbaca" in response.content.decode()
    assert not Rekomendasi.objects.exists()


def test_preview_refuses_a_first_sub_point_and_a_due_date_before_the_rakor(login, staf_kaltim):
    rakor = factories.rakor("64")
    rows = [
        {"isi": "Satu", "sub": True, "batas_waktu": ""},
        {"isi": "Dua", "sub": False, "batas_waktu": "2020-01-01"},
    ]
    response = login(staf_kaltim).post(
        reverse("rekomendasi:tempel", args=[rakor.pk]), _preview_post(rows, rakor)
    )
    body = response.content.decode()
    assert "Batas waktu tidak boleh sebelum rakor dimulai." in body
    assert not Rekomendasi.objects.exists()
    rows[1]["batas_waktu"] = ""
    body = login(staf_kaltim).post(reverse("rekomendasi:tempel", args=[rakor.pk]), _preview_post(rows, rakor))
    assert "Butir pertama tidak dapat menjadi sub-butir" in body.content.decode()
    assert not Rekomendasi.objects.exists()


def test_excel_rows_go_to_the_same_preview(login, staf_kaltim):
    import io

    import openpyxl
    from django.core.files.uploadedfile import SimpleUploadedFile

    rakor = factories.rakor("64")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["nomor", "isi", "bidang", "batas_waktu", "sasaran"])
    ws.append(["1", "Butir satu:", "Ormas", "2026-12-31", "semua kabupaten/kota"])
    ws.append(["1a", "Sub satu", "", "", ""])
    ws.append(["2", "Butir dua", "Bidang Karangan", "kemarin", "ke mana saja"])
    out = io.BytesIO()
    wb.save(out)
    client = login(staf_kaltim)
    url = reverse("rekomendasi:impor", args=[rakor.pk])
    body = client.post(url, {"berkas": SimpleUploadedFile("r.xlsx", out.getvalue())}).content.decode()
    assert "Bidang “Bidang Karangan” tidak ada" in body and "“kemarin” bukan tanggal" in body
    ws.delete_rows(4)
    out = io.BytesIO()
    wb.save(out)
    preview = client.post(url, {"berkas": SimpleUploadedFile("r.xlsx", out.getvalue())})
    rows = [f.initial for f in preview.context["formset"]]
    assert [(r["isi"], r["sub"], r["sasaran"]) for r in rows] == [
        ("Butir satu:", False, "kabkota"),
        ("Sub satu", True, ""),
    ]
    assert not Rekomendasi.objects.exists()
