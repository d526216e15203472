"""No spreadsheet we send runs anything (issue 17, item 1).

Every text a person can type is filled with values that start like a formula (``=``, ``+``, ``-``,
``@``, tab, carriage return), then every xlsx address in the URLconf and every admin export is
downloaded: no sheet of any of them holds a formula element, and the typed text is there as text.
"""

import datetime
import io
import itertools
import re
import zipfile

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver
from openpyxl import load_workbook

from kesbangpol import excel
from tests import factories

pytestmark = pytest.mark.django_db

AWALAN = ["=", "+", "-", "@", "\t", "\r"]
# Codes and keys, not text a person types into a form or a sheet.
BUKAN_TEKS = {"kode", "username", "password", "email", "nip", "identitas", "token", "kode_verifikasi"}


def _semua_xlsx_url():
    def walk(resolver, prefix=""):
        for p in resolver.url_patterns:
            if isinstance(p, URLResolver):
                yield from walk(p, prefix + str(p.pattern))
            elif isinstance(p, URLPattern) and str(p.pattern).endswith(".xlsx"):
                yield prefix + str(p.pattern)

    return sorted(walk(get_resolver()))


def _isi_berbahaya():
    """Every free-text column of every row becomes ``<prefix>HYPERLINK("http://x/<pk>","klik")``."""
    awalan = itertools.cycle(AWALAN)
    for model in apps.get_models():
        if model._meta.app_label not in {"kesbangpol", "rakor", "rekomendasi", "laporan"}:
            continue
        kolom = [
            f
            for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField))
            and not f.choices
            and f.name not in BUKAN_TEKS
            and not f.name.startswith("kode")
        ]
        for obj in model.objects.all():
            nilai = {
                f.name: f'{next(awalan)}HYPERLINK("http://x/{obj.pk}/{f.name}","klik")'[
                    : f.max_length or 10_000
                ]
                for f in kolom
            }
            if nilai:
                model.objects.filter(pk=obj.pk).update(**nilai)


def _rumus(isi: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(isi)) as z:
        return [
            n for n in z.namelist() if n.startswith("xl/worksheets/") and re.search(rb"<f[ >]", z.read(n))
        ]


def test_the_writer_keeps_formula_like_text_as_text():
    t = excel.Templat()
    ws = t.lembar("Uji", ["a"], [10])
    for a in AWALAN:
        t.baris(ws, [f"{a}HYPERLINK(1)\x0b"])
    isi = t.isi()
    assert _rumus(isi) == []
    nilai = [r[0] for r in load_workbook(io.BytesIO(isi)).active.iter_rows(min_row=2, values_only=True)]
    # As typed, the control character dropped (and a carriage return read back as a line feed, as XML has it).
    assert nilai == [f"{a}HYPERLINK(1)".replace("\r", "\n") for a in AWALAN]


def test_no_export_or_template_holds_a_formula(login, staf_kaltim, admin_nasional):
    from laporan.models import KejadianKonflik
    from rakor.models import Rakor

    rakor = factories.rakor(tema="Tema", tempat="Aula")
    factories.peserta_banyak(rakor, 3)
    factories.rekomendasi(rakor, isi="Isi", kode_kantor=("64.01", "64.02"))
    laporan = factories.laporan()
    factories.potensi(laporan, pihak="Warga", latar_belakang="Latar", langkah="Langkah", usulan="Usul")
    KejadianKonflik.objects.create(
        laporan=laporan, tanggal=datetime.date(2026, 2, 1), uraian="Bentrok", kecamatan="Paser Belengkong"
    )
    _isi_berbahaya()
    assert Rakor.objects.get().tempat.startswith(tuple(AWALAN))

    alamat = {
        "rakor/ekspor.xlsx": "/rakor/ekspor.xlsx",
        "rakor/<int:pk>/peserta/templat.xlsx": f"/rakor/{rakor.pk}/peserta/templat.xlsx",
        "rakor/<int:pk>/peserta/ekspor.xlsx": f"/rakor/{rakor.pk}/peserta/ekspor.xlsx",
        "rekomendasi/rakor/<int:pk>/templat.xlsx": f"/rekomendasi/rakor/{rakor.pk}/templat.xlsx",
        "rekomendasi/rakor/<int:pk>/ekspor.xlsx": f"/rekomendasi/rakor/{rakor.pk}/ekspor.xlsx",
        "laporan/<int:pk>/templat.xlsx": f"/laporan/{laporan.pk}/templat.xlsx",
    }
    assert sorted(alamat) == _semua_xlsx_url(), "an xlsx address this test does not download"

    client = login(staf_kaltim)
    diunduh = {}
    for url in alamat.values():
        response = client.get(url)
        assert response.status_code == 200, url
        diunduh[url] = response.content

    client = login(admin_nasional)
    dengan_ekspor = [m for m, a in admin.site._registry.items() if hasattr(a, "get_export_formats")]
    assert len(dengan_ekspor) >= 10
    for model in dengan_ekspor:
        url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/export/"
        response, _ = factories.ekspor_admin(client, url)
        assert response is not None and response.status_code == 200, url
        diunduh[url] = response.content

    for url, isi in diunduh.items():
        assert _rumus(isi) == [], url
    teks = {
        url: " ".join(
            str(v) for ws in load_workbook(io.BytesIO(isi)).worksheets for r in ws.iter_rows(values_only=True)
            for v in r if v
        )
        for url, isi in diunduh.items()
    }  # fmt: skip
    # The typed text reached the downloads that carry it, unchanged (not stripped of its "=").
    membawa = [
        f"/rakor/{rakor.pk}/peserta/ekspor.xlsx",
        f"/laporan/{laporan.pk}/templat.xlsx",
        "/rakor/ekspor.xlsx",
    ]
    for url in membawa:
        assert re.search(r'[=+\-@\t\r]HYPERLINK\("http://x/\d+/\w+","klik"\)', teks[url]), url
    assert '=HYPERLINK("http://x/' in " ".join(teks.values())
