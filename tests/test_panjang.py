"""Text a person types has a limit, and imports and pastes check it before building anything,
naming the sheet, row and column (issue 17 item 4)."""

import io
import zipfile

import openpyxl
import pytest
import time_machine
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import reverse

from kesbangpol import excel
from laporan import impor as impor_laporan
from laporan.models import KejadianKonflik, PotensiKonflik
from rekomendasi.models import Rekomendasi
from tests import factories

pytestmark = pytest.mark.django_db

# Text the portal writes itself, not a person.
DITULIS_PORTAL = {"kesbangpol.Dokumen.pesan_galat", "kesbangpol.Notifikasi.isi", "laporan.Sinyal.kalimat"}


def test_every_text_field_a_person_types_has_a_limit():
    tanpa = {
        f"{m._meta.label}.{f.name}"
        for m in apps.get_models()
        if m._meta.app_label in {"kesbangpol", "rakor", "rekomendasi", "laporan"}
        and not m.__name__.startswith("Historical")
        for f in m._meta.concrete_fields
        if isinstance(f, models.TextField) and not f.max_length
    }
    assert tanpa == DITULIS_PORTAL


def _xlsx(wb, panjang: dict[str, str] | None = None) -> SimpleUploadedFile:
    """The workbook as uploaded; ``panjang`` replaces placeholder text in the file's XML with long
    text, as a crafted file can hold (openpyxl cuts a cell it writes at Excel's 32,767)."""
    out = io.BytesIO()
    wb.save(out)
    if panjang:
        masuk, out = zipfile.ZipFile(io.BytesIO(out.getvalue())), io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            for nama in masuk.namelist():
                isi = masuk.read(nama)
                for kunci, nilai in panjang.items():
                    isi = isi.replace(kunci.encode(), nilai.encode())
                z.writestr(nama, isi)
    return SimpleUploadedFile("isi.xlsx", out.getvalue())


def test_the_report_import_names_every_over_long_cell_and_saves_nothing(login, operator_paser):
    with time_machine.travel("2026-04-05 09:00 +0800"):
        lap = factories.laporan("64.01", 2026, 1)
        client = login(operator_paser)
        wb = openpyxl.load_workbook(io.BytesIO(client.get(reverse("laporan:templat", args=[lap.pk])).content))
        diharapkan = set()
        for lembar, kolom, model, dasar in (
            ("Potensi", impor_laporan.POTENSI, PotensiKonflik, {"judul": "Sengketa", "sumber": "sda",
                                                               "bidang": "ekonomi", "tingkat": "sedang"}),
            ("Kejadian", impor_laporan.KEJADIAN, KejadianKonflik, {"tanggal": "2026-02-01",
                                                                  "uraian": "Bentrok"}),
        ):  # fmt: skip
            ws = wb[lembar]
            batas = excel.batas_model(model)
            for k in kolom:
                if k not in batas:
                    continue
                baris = {**dasar, k: "a" * (batas[k] + 1)}
                ws.append([baris.get(c) for c in kolom])
                diharapkan.add((lembar, ws.max_row, k))
        # The case the walk found: five million characters in a small file (openpyxl reads at most
        # 32,767 of them, still over the limit).
        wb["Potensi"].append(
            ["", "Judul", "", "", None, None, "sda", "ekonomi", "", "b" * 5_000_000, "sedang"]
        )
        diharapkan.add(("Potensi", wb["Potensi"].max_row, "latar_belakang"))
        assert len(diharapkan) >= 12
        berkas = _xlsx(wb, {"LIMAJUTA": "b" * 5_000_000})
        assert berkas.size < 100_000
        response = client.post(reverse("laporan:unggah", args=[lap.pk]), {"berkas": berkas})
    galat = {(lembar, baris, kolom) for lembar, baris, kolom, _ in response.context["galat"]}
    assert galat == diharapkan
    body = response.content.decode()
    assert "Terlalu panjang: 10.001 karakter; paling banyak 10.000." in body
    assert len(body) < 200_000  # the page does not echo the text
    assert not PotensiKonflik.objects.exists() and not KejadianKonflik.objects.exists()


def test_recommendation_import_and_paste_refuse_over_long_items_before_any_preview(login, staf_kaltim):
    rakor = factories.rakor("64")
    client = login(staf_kaltim)
    maks = Rekomendasi._meta.get_field("isi").max_length
    wb = openpyxl.Workbook()
    wb.active.append(["nomor", "isi"])
    wb.active.append(["1", "Butir biasa"])
    wb.active.append(["2", "LIMAJUTA"])
    berkas = _xlsx(wb, {"LIMAJUTA": "x" * 5_000_000})
    response = client.post(reverse("rekomendasi:impor", args=[rakor.pk]), {"berkas": berkas})
    assert [(b, k) for _, b, k, _ in response.context["galat"]] == [(3, "isi")]
    assert "formset" not in response.context and len(response.content) < 200_000
    teks = f"1. Butir biasa\n2. {'y' * (maks + 1)}\n3. Butir lain"
    response = client.post(reverse("rekomendasi:tempel", args=[rakor.pk]), {"teks": teks})
    body = response.content.decode()
    assert "Butir 2 terlalu panjang: 5.001 karakter; paling banyak 5.000." in body
    assert "formset" not in response.context or response.context["formset"] is None
    assert not Rekomendasi.objects.exists()


def test_participant_import_refuses_an_over_long_cell_once(login, staf_kaltim):
    rakor = factories.rakor("64")
    wb = openpyxl.Workbook()
    wb.active.append(["nama", "instansi", "kode_wilayah", "keterangan"])
    wb.active.append(["Budi", "Badan Kesbangpol Provinsi Kalimantan Timur", "64", "PANJANG"])
    berkas = _xlsx(wb, {"PANJANG": "k" * 40_000})
    response = login(staf_kaltim).post(reverse("rakor:peserta_impor", args=[rakor.pk]), {"berkas": berkas})
    body = response.content.decode()
    assert "Terlalu panjang: 40.000 karakter; paling banyak 300." in body
    assert "Perbaiki 1 kesalahan" in body
