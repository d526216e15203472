"""Workflows of recommendations that touch several models: saving a pasted list, assigning offices,
reporting follow-up with evidence, the province's verification, and the daily reminder digest."""

import datetime
import functools
from collections import defaultdict

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from kesbangpol import berkas, notifikasi
from kesbangpol.models import Instansi, User
from rakor.models import Rakor
from rekomendasi.models import BuktiDukung, Penugasan, Rekomendasi, TindakLanjut


class Sasaran:
    """Who an item is assigned to, as the minutes say it."""

    TIDAK = ""
    KABKOTA = "kabkota"
    KESBANGPOL = "kesbangpol"
    PROVINSI = "provinsi"
    CHOICES = [
        (TIDAK, "Belum ditugaskan"),
        (KABKOTA, "Semua kabupaten/kota (Kesbangpol kab/kota)"),
        (KESBANGPOL, "Semua Kesbangpol provinsi dan kab/kota"),
        (PROVINSI, "Kesbangpol provinsi saja"),
    ]


def instansi_sasaran(provinsi, sasaran: str) -> list[Instansi]:
    kesbangpol = Instansi.objects.kesbangpol().filter(aktif=True)
    if sasaran == Sasaran.KABKOTA:
        return list(kesbangpol.filter(wilayah__provinsi=provinsi).order_by("wilayah__kode"))
    if sasaran == Sasaran.KESBANGPOL:
        return list(
            kesbangpol.filter(Q(wilayah=provinsi) | Q(wilayah__provinsi=provinsi)).order_by("wilayah__kode")
        )
    if sasaran == Sasaran.PROVINSI:
        return list(kesbangpol.filter(wilayah=provinsi))
    return []


def tugaskan(rekomendasi: Rekomendasi, instansi: list[Instansi], *, kabari: bool = True) -> list[Penugasan]:
    """One assignment per office (offices already assigned are left alone); their users hear of it
    once the transaction commits. Returns the new assignments."""
    ada = set(rekomendasi.penugasan.values_list("instansi_id", flat=True))
    baru = [
        Penugasan.objects.create(rekomendasi=rekomendasi, instansi=i) for i in instansi if i.pk not in ada
    ]
    if kabari and baru:
        transaction.on_commit(lambda: kabari_penugasan(baru))
    return baru


def _pengguna_per_kantor(instansi_ids) -> dict[int, list]:
    pengguna: dict[int, list] = defaultdict(list)
    for u in User.objects.di_kantor(instansi_ids):
        pengguna[u.instansi_id].append(u)
    return pengguna


def kabari_penugasan(penugasan: list[Penugasan]) -> None:
    """One notification per office for a batch of new assignments (a pasted list of 12 items
    assigned to every kab/kota tells each office once, not 12 times)."""
    per_kantor: dict[int, list[Penugasan]] = defaultdict(list)
    for p in penugasan:
        per_kantor[p.instansi_id].append(p)
    pengguna = _pengguna_per_kantor(per_kantor)
    for instansi_id, daftar in per_kantor.items():
        rakor = daftar[0].rekomendasi.rakor
        baris = "\n".join(
            f"- {p.rekomendasi.label}. {p.rekomendasi.isi_singkat}"
            + (f" (batas {p.rekomendasi.batas_tampil})" if p.rekomendasi.batas_waktu else "")
            + f"\n  {notifikasi.url_penuh(p.get_absolute_url())}"
            for p in daftar
        )
        judul = (
            f"Rekomendasi {daftar[0].rekomendasi.label} {rakor.judul} ditugaskan ke instansi Anda"
            if len(daftar) == 1
            else f"{len(daftar)} rekomendasi {rakor.judul} ditugaskan ke instansi Anda"
        )
        notifikasi.kirim(
            pengguna[instansi_id],
            "penugasan_baru",
            judul,
            f"Yth. {daftar[0].instansi.nama},\n\nRekomendasi berikut ditugaskan kepada instansi Anda untuk "
            f"ditindaklanjuti:\n\n{baris}\n\nLaporkan tindak lanjut beserta bukti dukung di portal.\n",
            daftar[0].get_absolute_url() if len(daftar) == 1 else reverse("rekomendasi:saya"),
        )


@transaction.atomic
def simpan_butir(rakor: Rakor, butir: list[dict], user) -> list[Rekomendasi]:
    """Save reviewed items: ``butir`` is a list of dicts (isi, sub, bidang, batas_waktu,
    batas_akhir_tahun, sasaran) in order. New items are numbered after the rakor's last item."""
    nomor = Rekomendasi.objects.nomor_berikutnya(rakor) - 1
    dibuat: list[Rekomendasi] = []
    induk = None
    huruf = 0
    sasaran_cache: dict[str, list[Instansi]] = {}
    penugasan_baru: list[Penugasan] = []
    for b in butir:
        if b["sub"] and induk is not None:
            huruf += 1
            rek = Rekomendasi(rakor=rakor, induk=induk, nomor=huruf)
        else:
            nomor += 1
            huruf = 0
            rek = Rekomendasi(rakor=rakor, nomor=nomor)
            induk = rek
        rek.isi = b["isi"]
        rek.bidang = b.get("bidang") or (induk.bidang if rek.induk_id else None)
        rek.batas_waktu = b.get("batas_waktu")
        rek.batas_akhir_tahun = bool(b.get("batas_akhir_tahun"))
        rek.dibuat_oleh = user
        rek.full_clean()
        rek.save()
        sasaran = b.get("sasaran") or ""
        if sasaran:
            if sasaran not in sasaran_cache:
                sasaran_cache[sasaran] = instansi_sasaran(rakor.provinsi, sasaran)
            penugasan_baru += tugaskan(rek, sasaran_cache[sasaran], kabari=False)
        dibuat.append(rek)
    if penugasan_baru:
        transaction.on_commit(lambda: kabari_penugasan(penugasan_baru))
    return dibuat


def _bukti_ada(penugasan: Penugasan) -> bool:
    return BuktiDukung.objects.filter(tindak_lanjut__penugasan=penugasan).exists()


@transaction.atomic
def laporkan(
    penugasan: Penugasan,
    user,
    *,
    tanggal: datetime.date,
    status: str,
    narasi: str,
    berkas_list=(),
    alasan: str = "",
    alasan_lain: str = "",
) -> TindakLanjut:
    """An office's follow-up report. *Belum sesuai* takes effect at once; *sesuai* (only with
    evidence) and *tidak dapat ditindaklanjuti* (only with a reason) wait for the province."""
    if not penugasan.dapat_dilaporkan_oleh(user):
        raise PermissionDenied
    jenis_berkas = [berkas.periksa(f) for f in berkas_list]
    if status == Penugasan.Status.SESUAI and not berkas_list and not _bukti_ada(penugasan):
        raise ValidationError(
            {"berkas": "Usulan “Sesuai” wajib disertai paling sedikit satu berkas bukti dukung."}
        )
    if status == Penugasan.Status.TIDAK_DAPAT:
        if not alasan:
            raise ValidationError({"alasan": "Pilih alasan mengapa tidak dapat ditindaklanjuti."})
        if alasan == TindakLanjut.Alasan.LAINNYA and not alasan_lain.strip():
            raise ValidationError({"alasan_lain": "Tuliskan alasannya."})
    if status not in (Penugasan.Status.BELUM_SESUAI, Penugasan.Status.SESUAI, Penugasan.Status.TIDAK_DAPAT):
        raise ValidationError({"status": "Pilih status tindak lanjut."})
    entry = TindakLanjut.objects.create(
        penugasan=penugasan,
        tanggal=tanggal,
        status=status,
        narasi=narasi,
        alasan=alasan if status == Penugasan.Status.TIDAK_DAPAT else "",
        alasan_lain=alasan_lain if status == Penugasan.Status.TIDAK_DAPAT else "",
        oleh=user,
    )
    for upload, jenis in zip(berkas_list, jenis_berkas, strict=True):
        bukti = BuktiDukung(tindak_lanjut=entry, nama_asli=upload.name[:200], jenis_berkas=jenis.kode)
        bukti.ukuran = berkas.simpan(bukti.berkas, f"bukti/{penugasan.pk}", jenis, upload)
        bukti.save()
    if status == Penugasan.Status.BELUM_SESUAI:
        penugasan.status, penugasan.usulan, penugasan.diusulkan_oleh = Penugasan.Status.BELUM_SESUAI, "", None
    else:
        penugasan.usulan, penugasan.diusulkan_oleh = status, user
        if penugasan.status == Penugasan.Status.BELUM:
            penugasan.status = Penugasan.Status.BELUM_SESUAI
    penugasan.save()
    if penugasan.usulan:
        # Worded now: by the time the transaction commits, a verification may have cleared it.
        transaction.on_commit(
            functools.partial(_kabari_usulan, penugasan, user, penugasan.get_usulan_display())
        )
    return entry


def _kabari_usulan(penugasan: Penugasan, pengusul, usulan: str) -> None:
    """The province's staff hear that a proposal waits for them (never the one who proposed it)."""
    staf = User.objects.staf_provinsi(penugasan.provinsi_id).exclude(pk=pengusul.pk)
    rek = penugasan.rekomendasi
    notifikasi.kirim(
        staf,
        "usulan_menunggu",
        f"Rekomendasi {rek.label}: usulan “{usulan}” {penugasan.instansi} menunggu verifikasi",
        f"{penugasan.instansi} mengusulkan status “{usulan}” untuk rekomendasi "
        f"{rek.label} {rek.rakor.judul}.\n\n{notifikasi.url_penuh(penugasan.get_absolute_url())}\n",
        penugasan.get_absolute_url(),
    )


@transaction.atomic
def verifikasi(penugasan: Penugasan, user, *, terima: bool, catatan: str) -> TindakLanjut:
    """The province confirms a proposal (with a note) or sends it back (with a reason)."""
    if not penugasan.dapat_diverifikasi_oleh(user):
        raise PermissionDenied
    if not terima and not catatan.strip():
        raise ValidationError(
            {"catatan": "Tuliskan alasan pengembalian agar instansi tahu apa yang harus diperbaiki."}
        )
    usulan = penugasan.usulan
    if terima:
        penugasan.status = usulan
        jenis, status = TindakLanjut.Jenis.DITERIMA, usulan
        catatan = catatan.strip() or f"Usulan “{Penugasan.Status(usulan).label}” diverifikasi."
    else:
        penugasan.status = Penugasan.Status.BELUM_SESUAI
        jenis, status = TindakLanjut.Jenis.DIKEMBALIKAN, Penugasan.Status.BELUM_SESUAI
    penugasan.usulan, penugasan.diusulkan_oleh = "", None
    penugasan.diverifikasi_oleh, penugasan.diverifikasi_pada = user, timezone.now()
    penugasan.save()
    entry = TindakLanjut.objects.create(
        penugasan=penugasan,
        jenis=jenis,
        tanggal=timezone.localdate(),
        status=status,
        narasi=catatan,
        oleh=user,
    )
    transaction.on_commit(lambda: _kabari_verifikasi(penugasan, terima, catatan))
    notifikasi.tuntas("usulan_menunggu", penugasan.get_absolute_url())
    return entry


def _kabari_verifikasi(penugasan: Penugasan, terima: bool, catatan: str) -> None:
    rek = penugasan.rekomendasi
    hasil = f"diterima: status “{penugasan.get_status_display()}”" if terima else "dikembalikan"
    notifikasi.kirim(
        User.objects.di_kantor([penugasan.instansi_id]),
        "tindak_lanjut_diverifikasi",
        f"Tindak lanjut rekomendasi {rek.label} {hasil}",
        f"Yth. {penugasan.instansi.nama},\n\nUsulan tindak lanjut rekomendasi {rek.label} {rek.rakor.judul} "
        f"{hasil} oleh Kesbangpol provinsi.\n\nCatatan:\n{catatan}\n\n"
        f"{notifikasi.url_penuh(penugasan.get_absolute_url())}\n",
        penugasan.get_absolute_url(),
    )


def kirim_pengingat(today: datetime.date | None = None) -> int:
    """Remind each office of its open assignments that are overdue or due within 7 days (PRODUCT.md
    §4: "overdue items are flagged and their offices reminded"): one notification per user of the
    office and one mail to the office's own address, at most once a day however often it runs.
    Returns the number of offices reminded."""
    today = today or timezone.localdate()
    batas = today + datetime.timedelta(days=7)
    penugasan = (
        Penugasan.objects.exclude(status__in=Penugasan.TUNTAS)
        .filter(rekomendasi__batas_waktu__lte=batas, instansi__aktif=True)
        .select_related("rekomendasi__rakor", "rekomendasi__induk", "instansi")
        .order_by("instansi_id", "rekomendasi__batas_waktu", "rekomendasi__rakor_id", "rekomendasi__nomor")
    )
    per_instansi: dict[int, list[Penugasan]] = defaultdict(list)
    for p in penugasan:
        per_instansi[p.instansi_id].append(p)
    if not per_instansi:
        return 0
    pengguna = _pengguna_per_kantor(per_instansi)
    diingatkan = 0
    for instansi_id, items in per_instansi.items():
        instansi = items[0].instansi
        terlambat = [p for p in items if p.rekomendasi.batas_waktu < today]
        segera = [p for p in items if p.rekomendasi.batas_waktu >= today]
        context = {
            "instansi": instansi,
            "terlambat": terlambat,
            "segera": segera,
            "today": today,
            "base_url": settings.PORTAL_URL.rstrip("/"),
        }
        judul = (
            f"Tindak lanjut rekomendasi: {len(terlambat)} terlambat, {len(segera)} jatuh tempo dalam 7 hari"
        )
        isi = render_to_string("rekomendasi/email/pengingat.txt", context)
        n = notifikasi.kirim(
            pengguna[instansi_id],
            "pengingat_rekomendasi",
            judul,
            isi,
            reverse("rekomendasi:saya"),
            terjadwal=today,
        )
        if instansi.email and not any(u.email == instansi.email for u in pengguna[instansi_id]):
            with transaction.atomic():
                if notifikasi.klaim(instansi.email, "pengingat_rekomendasi", today):
                    notifikasi.surel(instansi.email, judul, isi)
                    n += 1
        diingatkan += bool(n)
    return diingatkan
