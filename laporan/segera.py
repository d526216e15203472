"""Laporan segera: an incident filed the day it happens, its timeline, and its place in the quarter's
report (Permendagri 46/2019 kewaspadaan dini; UU 7/2012 asks for handling that is *cepat dan akurat*).

Who hears what, at once (the kinds are ``mendesak``: never held for the daily digest):
- filed or updated by the kab/kota → the province's staff and pimpinan;
- acknowledged, or an update asked for → the kab/kota's operators;
- escalated → national admins (who then see it) and the kab/kota's operators.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from kesbangpol import access, notifikasi
from kesbangpol.dates import tanggal
from kesbangpol.models import Klasifikasi, User
from kesbangpol.models.klasifikasi import DIRAHASIAKAN
from laporan import sinyal
from laporan.models import CatatanSegera, KejadianKonflik, LaporanSegera, LaporanTriwulan, triwulan_dari

J = CatatanSegera.Jenis
# The incident's fields that its kejadian konflik in the quarter's report carries.
KE_KEJADIAN = [
    "tanggal", "ketelitian_tanggal", "jenis_id", "kecamatan", "desa", "ketelitian_lokasi", "latitude",
    "longitude", "pihak", "aktor_1_id", "aktor_2_id", "meninggal", "luka", "mengungsi", "kerugian",
    "penanganan", "jenis_sumber", "verifikasi", "klasifikasi",
]  # fmt: skip
ANGKA = ["meninggal", "luka", "mengungsi"]


def _korban(segera: LaporanSegera) -> str:
    bagian = [
        f"{segera.meninggal} meninggal" if segera.meninggal else "",
        f"{segera.luka} luka" if segera.luka else "",
        f"{segera.mengungsi} mengungsi" if segera.mengungsi else "",
    ]
    return ", ".join(b for b in bagian if b) or "tidak ada korban dilaporkan"


def _judul(segera: LaporanSegera) -> str:
    """The incident's title as notifications and mail may carry it: never a rahasia one's."""
    return DIRAHASIAKAN if segera.klasifikasi == Klasifikasi.RAHASIA else segera.judul


def _isi(segera: LaporanSegera, pembuka: str) -> str:
    if segera.klasifikasi == Klasifikasi.RAHASIA:
        # Only the opening line: an update's or a reply's own text is content too.
        baris = pembuka.split("\n", 1)[0].rstrip(":.")
        return (
            f"{baris}.\n\nLaporan ini berklasifikasi Rahasia: isinya hanya dapat dibaca di portal oleh "
            f"pengguna yang diberi izin.\n\n{notifikasi.url_penuh(segera.get_absolute_url())}\n"
        )
    kira = segera.ketelitian_tanggal != LaporanSegera.Ketelitian.HARI
    ketelitian = f" ({segera.get_ketelitian_tanggal_display().lower()})" if kira else ""
    return (
        f"{pembuka}\n\n{segera.judul}\n{segera.kabkota.nama}, "
        f"{tanggal(segera.tanggal, hari=False)}{ketelitian}"
        f"\nKorban: {_korban(segera)}.\n\n{notifikasi.url_penuh(segera.get_absolute_url())}\n"
    )


def dapat_melapor(user) -> bool:
    """Only a kab/kota's own writers file urgent reports (for their kab/kota)."""
    return bool(access.lingkup(user).kabkota_id) and access.dapat_menulis(user)


@transaction.atomic
def ajukan(segera: LaporanSegera, user) -> LaporanSegera:
    """File a new incident for the user's own kab/kota and tell the province at once."""
    if not dapat_melapor(user):
        raise PermissionDenied
    scope = access.lingkup(user)
    segera.kabkota_id, segera.dilaporkan_oleh = scope.kabkota_id, user
    segera.dilaporkan_pada = timezone.now()
    segera.full_clean()
    segera.save()
    masukkan_ke_laporan(segera)
    sinyal.antre_hitung(scope.provinsi_id)
    transaction.on_commit(
        lambda: notifikasi.kirim(
            User.objects.pembaca_provinsi(scope.provinsi_id),
            "laporan_segera",
            f"Laporan segera {segera.kabkota.nama_singkat}: {_judul(segera)}",
            _isi(segera, f"{segera.kabkota.nama} mengirim laporan segera."),
            segera.get_absolute_url(),
        )
    )
    return segera


def masukkan_ke_laporan(
    segera: LaporanSegera, laporan: LaporanTriwulan | None = None
) -> KejadianKonflik | None:
    """The incident as a kejadian konflik of its quarter's report, when that report exists and can
    still be filled (or ``laporan``, being opened now); None when there is none yet, or it is locked
    (the incident then reaches it when the province returns it, see ``buka_laporan``)."""
    if laporan is None:
        tahun, tw = triwulan_dari(segera.tanggal)
        laporan = LaporanTriwulan.objects.filter(
            kabkota_id=segera.kabkota_id, periode__tahun=tahun, periode__triwulan=tw
        ).first()
    if laporan is None or not laporan.dapat_diedit:
        return None
    kejadian = KejadianKonflik.objects.filter(laporan=laporan, segera=segera).first()
    if kejadian is None:
        kejadian = KejadianKonflik(
            laporan=laporan, segera=segera, uraian=f"{segera.judul}. {segera.uraian}"[:10_000]
        )
        for field in KE_KEJADIAN:
            setattr(kejadian, field, getattr(segera, field))
        kejadian.save()
    return kejadian


def belum_masuk(kabkota_id, laporan: LaporanTriwulan) -> list[LaporanSegera]:
    """The kab/kota's urgent incidents dated in the report's quarter that it does not yet hold."""
    periode = laporan.periode
    return list(
        LaporanSegera.objects.filter(
            kabkota_id=kabkota_id, tanggal__gte=periode.mulai, tanggal__lte=periode.selesai
        )
        .exclude(kejadian__laporan=laporan)
        .order_by("tanggal", "pk")
    )


@transaction.atomic
def perbarui(segera: LaporanSegera, user, isi: str, angka: dict) -> CatatanSegera:
    """A dated update from the kab/kota; revised casualty figures replace the incident's (and its
    kejadian's while the quarter's report can still be filled)."""
    segera = LaporanSegera.objects.select_for_update().select_related("kabkota").get(pk=segera.pk)
    if not segera.dapat_diubah_oleh(user):
        raise PermissionDenied
    if not isi.strip():
        raise ValidationError({"isi": "Tuliskan apa yang berubah sejak laporan terakhir."})
    berubah = {k: v for k, v in angka.items() if v is not None and getattr(segera, k) != v}
    for k, v in berubah.items():
        setattr(segera, k, v)
    segera.pembaruan_diminta_pada = None
    segera.save()
    if berubah:
        for kejadian in segera.kejadian.select_related("laporan").filter(
            laporan__status__in=LaporanTriwulan.DAPAT_DIEDIT
        ):
            for k, v in berubah.items():
                setattr(kejadian, k, v)
            kejadian.save()
        ubah = ", ".join(f"{LaporanSegera._meta.get_field(k).verbose_name} {v}" for k, v in berubah.items())
        isi = f"{isi.strip()}\n(Angka diperbarui: {ubah}.)"
    catatan = CatatanSegera.objects.create(segera=segera, jenis=J.PEMBARUAN, isi=isi.strip(), oleh=user)
    notifikasi.tuntas("segera_diminta", segera.get_absolute_url())
    sinyal.antre_hitung(segera.kabkota.provinsi_id)
    transaction.on_commit(
        lambda: notifikasi.kirim(
            User.objects.pembaca_provinsi(segera.kabkota.provinsi_id),
            "laporan_segera",
            f"Pembaruan laporan segera {segera.kabkota.nama_singkat}: {_judul(segera)}",
            _isi(segera, f"{segera.kabkota.nama} memperbarui laporan segera:\n{catatan.isi}"),
            segera.get_absolute_url(),
        )
    )
    return catatan


@transaction.atomic
def tanggapi(segera: LaporanSegera, user, aksi: str, isi: str = "") -> CatatanSegera:
    """The province's step: acknowledge (``diketahui``), ask for an update (``diminta``, with what
    is needed) or escalate to national level (``dieskalasi``, with why)."""
    segera = LaporanSegera.objects.select_for_update().select_related("kabkota").get(pk=segera.pk)
    if not segera.dapat_ditanggapi_oleh(user):
        raise PermissionDenied
    isi = isi.strip()
    now = timezone.now()
    if aksi == J.DIKETAHUI:
        if segera.diketahui_pada:
            raise ValidationError("Laporan segera ini sudah ditanggapi.")
        segera.diketahui_oleh, segera.diketahui_pada = user, now
    elif aksi == J.DIMINTA:
        if not isi:
            raise ValidationError({"isi": "Tuliskan pembaruan apa yang diminta dari kabupaten/kota."})
        segera.pembaruan_diminta_pada = now
    elif aksi == J.DIESKALASI:
        if segera.dieskalasi_pada:
            raise ValidationError("Laporan segera ini sudah dieskalasi ke tingkat nasional.")
        if not isi:
            raise ValidationError({"isi": "Tuliskan alasan eskalasi ke tingkat nasional."})
        segera.dieskalasi_oleh, segera.dieskalasi_pada = user, now
    else:
        raise ValidationError("Tindakan tidak dikenal.")
    # Any step of the province counts as having seen it.
    if not segera.diketahui_pada:
        segera.diketahui_oleh, segera.diketahui_pada = user, now
    segera.save()
    catatan = CatatanSegera.objects.create(segera=segera, jenis=aksi, isi=isi, oleh=user, waktu=now)
    if aksi == J.DIESKALASI:
        sinyal.antre_hitung(segera.kabkota.provinsi_id)
    transaction.on_commit(lambda: _kabari_tanggapan(segera, catatan))
    return catatan


def _kabari_tanggapan(segera: LaporanSegera, catatan: CatatanSegera) -> None:
    nama = segera.kabkota.nama_singkat
    url = segera.get_absolute_url()
    if catatan.jenis == J.DIMINTA:
        notifikasi.kirim(
            User.objects.operator_kabkota([segera.kabkota_id]),
            "segera_diminta",
            f"Provinsi meminta pembaruan: {_judul(segera)}",
            _isi(segera, f"Provinsi meminta pembaruan laporan segera:\n{catatan.isi}"),
            url,
        )
        return
    if catatan.jenis == J.DIESKALASI:
        notifikasi.kirim(
            User.objects.filter(peran=User.Peran.ADMIN_NASIONAL, is_active=True),
            "laporan_segera",
            f"Eskalasi dari {segera.kabkota.provinsi.nama}: {_judul(segera)} ({nama})",
            _isi(segera, f"Provinsi mengeskalasi laporan segera ke tingkat nasional:\n{catatan.isi}"),
            url,
        )
    judul = "dieskalasi ke tingkat nasional" if catatan.jenis == J.DIESKALASI else "ditanggapi provinsi"
    notifikasi.kirim(
        User.objects.operator_kabkota([segera.kabkota_id]),
        "segera_ditanggapi",
        f"Laporan segera {judul}: {_judul(segera)}",
        _isi(segera, f"Laporan segera Anda {judul}." + (f"\n{catatan.isi}" if catatan.isi else "")),
        url,
    )
