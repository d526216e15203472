"""Workflows of a rakor that touch several models."""

from django.db import transaction
from django.utils import timezone

from kesbangpol import notifikasi
from kesbangpol.dates import rentang_tanggal
from kesbangpol.models import Instansi, User, Wilayah
from rakor.models import Peserta, Rakor


def kantor_diundang(rakor: Rakor) -> set[int]:
    return set(rakor.peserta.exclude(instansi=None).values_list("instansi_id", flat=True))


def kabari_undangan(rakor: Rakor, sebelum: set[int]) -> None:
    """Once the transaction commits, tell the users of every office invited since ``sebelum`` (the
    offices invited before the change); a rakor that is over or cancelled invites nobody."""
    if rakor.status == Rakor.Status.DIBATALKAN or rakor.tanggal_selesai < timezone.localdate():
        return
    baru = kantor_diundang(rakor) - sebelum
    if not baru:
        return

    def kirim():
        waktu = rentang_tanggal(rakor.tanggal_mulai, rakor.tanggal_selesai)
        isi = (
            f"Instansi Anda diundang ke {rakor.judul}, {waktu}"
            + (f", di {rakor.tempat}" if rakor.tempat else "")
            + f".\n\nRincian, agenda dan bahan: {notifikasi.url_penuh(rakor.get_absolute_url())}\n"
        )
        notifikasi.kirim(
            User.objects.di_kantor(baru),
            "undangan_rakor",
            f"Undangan: {rakor.judul} ({waktu})",
            isi,
            rakor.get_absolute_url(),
        )

    transaction.on_commit(kirim)


def undang_instansi(rakor: Rakor, wilayah: list[Wilayah], jenis_list: list[str]) -> int:
    """Invite the head of each office kind in each region (creating standard offices where a region
    has none yet); offices already invited are left as they are. Returns how many were added."""
    sudah = set(rakor.peserta.values_list("instansi_id", flat=True))
    baru = []
    for w in wilayah:
        for jenis in jenis_list:
            instansi = Instansi.objects.baku(w, jenis)
            if instansi.pk not in sudah:
                label = (
                    "Badan Kesbangpol" if jenis == Instansi.Jenis.KESBANGPOL else Instansi.Jenis(jenis).label
                )
                baru.append(Peserta(rakor=rakor, instansi=instansi, jabatan=f"Kepala {label}"))
                sudah.add(instansi.pk)
    sebelum = set(sudah)
    for peserta in baru:
        peserta.save()  # one by one so the history records each invitation
    kabari_undangan(rakor, sebelum)
    return len(baru)
