"""Stored files (issue 17 items 12 and 15): written under a temporary name and moved into place, a
name written again replaces its file, a nightly clean-up removes what no record references, and
the sweep hands out again a job whose worker stopped reporting."""

import datetime
import os

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from kesbangpol import dokumen, penyimpanan
from kesbangpol.models import Dokumen
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def disk(tmp_path):
    backend = {"BACKEND": "kesbangpol.penyimpanan.PenyimpananBerkas", "OPTIONS": {"location": str(tmp_path)}}
    with override_settings(STORAGES={"default": backend, "staticfiles": {"BACKEND": "x"}}):
        yield tmp_path


def _semua(root):
    return sorted(os.path.relpath(os.path.join(d, f), root) for d, _, files in os.walk(root) for f in files)


class _DiskPenuh(ContentFile):
    """Content whose writing fails after the first chunk, as a full disk does."""

    def chunks(self, chunk_size=None):
        yield b"%PDF-1.7 awal"
        raise OSError(28, "No space left on device")


def test_a_write_that_fails_leaves_no_file_at_all(disk):
    with pytest.raises(OSError):
        default_storage.save("dokumen/64/A.pdf", _DiskPenuh(b""))
    assert _semua(disk) == []


def test_a_name_written_again_replaces_its_file(disk):
    default_storage.save("dokumen/64/A.pdf", ContentFile(b"pertama"))
    default_storage.save("dokumen/64/A.pdf", ContentFile(b"kedua"))
    assert _semua(disk) == [os.path.join("dokumen", "64", "A.pdf")]
    assert (disk / "dokumen/64/A.pdf").read_bytes() == b"kedua"
    assert oct((disk / "dokumen/64/A.pdf").stat().st_mode & 0o777) == "0o644"


def _job(staf):
    rakor = factories.rakor("64")
    return Dokumen.objects.create(
        jenis="laporan_rakor", objek_id=rakor.pk, provinsi=rakor.provinsi, judul="Laporan", diminta_oleh=staf
    )


def test_a_lost_commit_leaves_no_second_file_and_the_clean_up_takes_the_orphans(disk, staf_kaltim):
    job = _job(staf_kaltim)
    # The file is written, then the transaction that would record it is lost.
    with pytest.raises(RuntimeError), transaction.atomic():
        job.berkas.save(f"dokumen/64/{job.kode}.pdf", ContentFile(b"setengah jadi"), save=True)
        raise RuntimeError("koneksi basis data putus")
    job.refresh_from_db()
    assert not job.berkas and _semua(disk) == [os.path.join("dokumen", "64", f"{job.kode}.pdf")]
    assert dokumen.render(job.pk) == Dokumen.Status.SELESAI  # the redelivered task
    job.refresh_from_db()
    assert _semua(disk) == [job.berkas.name.replace("/", os.sep)]  # replaced, not copied beside it
    # A file nobody references (left by an older version of the portal, a failed restore).
    yatim = disk / "rakor" / "1" / "yatim.png"
    yatim.parent.mkdir(parents=True)
    yatim.write_bytes(b"x")
    baru = disk / "rakor" / "1" / "baru-diunggah.png"
    baru.write_bytes(b"x")
    lama = (timezone.now() - datetime.timedelta(hours=7)).timestamp()
    for p in (yatim, disk / job.berkas.name):
        os.utime(p, (lama, lama))
    assert penyimpanan.bersihkan() == 1  # the referenced PDF and the upload in progress stay
    assert not yatim.exists() and baru.exists() and (disk / job.berkas.name).exists()


def test_the_sweep_hands_out_again_a_job_whose_worker_stopped_reporting(staf_kaltim, settings):
    settings.CELERY_TASK_TIME_LIMIT, settings.DOKUMEN_MACET_DETIK = 300, 60
    lama = timezone.now() - datetime.timedelta(seconds=361)
    macet, berjalan, habis = _job(staf_kaltim), _job(staf_kaltim), _job(staf_kaltim)
    Dokumen.objects.filter(pk=macet.pk).update(status="berjalan", progres=40, mulai=lama, percobaan=1)
    Dokumen.objects.filter(pk=berjalan.pk).update(status="berjalan", progres=40, mulai=timezone.now())
    Dokumen.objects.filter(pk=habis.pk).update(status="berjalan", progres=40, mulai=lama, percobaan=4)
    dokumen.sapu()  # tasks run in-process here: the job handed out is rendered at once
    macet.refresh_from_db(), berjalan.refresh_from_db(), habis.refresh_from_db()
    assert macet.status == Dokumen.Status.SELESAI and macet.percobaan == 2 and not macet.pesan_galat
    assert berjalan.status == Dokumen.Status.BERJALAN  # still within its time: left alone
    assert habis.status == Dokumen.Status.GAGAL and "melewati batas waktu" in habis.pesan_galat
