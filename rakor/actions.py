"""Workflows of a rakor that touch several models."""

from kesbangpol.models import Instansi, Wilayah
from rakor.models import Peserta, Rakor


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
    for peserta in baru:
        peserta.save()  # one by one so the history records each invitation
    return len(baru)
