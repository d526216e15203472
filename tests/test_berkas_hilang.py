"""A stored file that is gone from storage (a restore without the media volume, a disk error): every
download of a stored upload or PDF answers a page that says what happened and what to do, with a
link back, and the audit trail records the attempt as failed (issue 17 item 16)."""

import uuid

import pytest
from django.apps import apps
from django.core.files.storage import default_storage
from django.db import models

from kesbangpol.models import Audit
from tests.test_kebocoran import _rahasia

pytestmark = pytest.mark.django_db


def test_every_download_of_a_missing_file_says_so_and_is_audited_as_failed(login, staf_kaltim):
    rakor, _ = _rahasia("64", "64.01", 4242, "HILANG", uuid.uuid4())
    unduhan = {
        "rakor.Narasumber.bahan": "/rakor/narasumber/4242/bahan/",
        "rakor.Dokumentasi.berkas": "/rakor/dokumentasi/4242/",
        "rekomendasi.BuktiDukung.berkas": "/rekomendasi/bukti/4242/",
        "kesbangpol.Dokumen.berkas": "/dokumen/4242/unduh/",
    }
    berkas_field = {
        f"{m._meta.label}.{f.name}"
        for m in apps.get_models()
        if m._meta.app_label in {"kesbangpol", "rakor", "rekomendasi", "laporan"}
        for f in m._meta.concrete_fields
        if isinstance(f, models.FileField)
    }
    # The emblem is never downloaded (it is drawn into PDFs, which leave out a missing one).
    assert berkas_field - {"kesbangpol.Instansi.lambang"} == set(unduhan)
    client = login(staf_kaltim)
    for label, url in unduhan.items():
        response = client.get(url)
        assert response.status_code == 200, (label, url, response.status_code)
        b"".join(response.streaming_content)
    for label in unduhan:
        app_model, field = label.rsplit(".", 1)
        obj = apps.get_model(app_model).objects.get(pk=4242)
        default_storage.delete(getattr(obj, field).name)
    for label, url in unduhan.items():
        response = client.get(url)
        assert response.status_code == 410, (label, url)
        body = response.content.decode()
        assert "Berkas tidak ditemukan di server" in body and "Kembali ke halaman asal" in body, url
        assert "HILANG" not in body  # no stored name, no path
    gagal = Audit.objects.filter(hasil="gagal", username="staf_kaltim")
    assert gagal.count() == len(unduhan)
    assert Audit.objects.filter(hasil="berhasil", aksi__startswith="unduh_").count() == len(unduhan)
