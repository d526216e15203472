"""Report workflows: opening a period (with roll forward), submitting, the province's review,
reopening, saving items without lost updates, and the notifications that go with them."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from kesbangpol import access, notifikasi
from kesbangpol.dates import tanggal
from kesbangpol.models import User, Wilayah
from laporan import segera, sinyal, validasi
from laporan.models import (
    KejadianKonflik,
    LaporanTriwulan,
    Periode,
    PotensiKonflik,
    RiwayatLaporan,
    triwulan_dari,
    triwulan_mundur,
)

S = LaporanTriwulan.Status
SALIN = [
    "judul", "kecamatan", "desa", "ketelitian_lokasi", "latitude", "longitude", "pihak", "aktor_1_id",
    "aktor_2_id", "sumber", "bidang", "latar_belakang", "tingkat", "tahap", "langkah", "usulan",
    "jenis_sumber", "verifikasi", "klasifikasi", "perlu_tindak_lanjut", "catatan_tindak_lanjut",
]  # fmt: skip


GAGAL_AJUKAN = "Laporan belum dapat diajukan:"


class Bentrok(Exception):
    """Someone else saved the same thing first (optimistic lock)."""


def periode_terbuka(provinsi: Wilayah, tahun: int, triwulan: int, today: datetime.date) -> Periode:
    """The period a report may be opened for: started, and not closed."""
    if (tahun, triwulan) > triwulan_dari(today):
        raise ValidationError("Triwulan ini belum dimulai; laporan belum dapat dibuat.")
    return Periode.objects.untuk(provinsi, tahun, triwulan)


@transaction.atomic
def buka_laporan(kabkota: Wilayah, tahun: int, triwulan: int, user, today: datetime.date | None = None):
    """The kab/kota's report for a period, created on first open and pre-filled with every potensi
    konflik of its latest earlier report that is not *selesai* (same identity, trend reset to
    *tetap* for the operator to update). Returns (report, created)."""
    today = today or timezone.localdate()
    if access.lingkup(user).kabkota_id != kabkota.pk or not access.dapat_menulis(user):
        raise PermissionDenied
    periode = periode_terbuka(kabkota.provinsi, tahun, triwulan, today)
    laporan = LaporanTriwulan.objects.filter(periode=periode, kabkota=kabkota).first()
    if laporan:
        return laporan, False
    if periode.ditutup:
        raise ValidationError(f"{periode} sudah ditutup oleh provinsi untuk laporan baru.")
    try:
        with transaction.atomic():
            laporan = LaporanTriwulan.objects.create(periode=periode, kabkota=kabkota, dibuat_oleh=user)
    except IntegrityError:
        # Opened at the same moment by another request (a double click on a slow link): its report,
        # rolled forward there, once.
        return LaporanTriwulan.objects.get(periode=periode, kabkota=kabkota), False
    RiwayatLaporan.objects.create(laporan=laporan, aksi=RiwayatLaporan.Aksi.DIBUAT, oleh=user)
    sebelumnya = _laporan_sebelumnya(kabkota, tahun, triwulan)
    if sebelumnya:
        for item in sebelumnya.potensikonflik.exclude(tren=PotensiKonflik.Tren.SELESAI).order_by("pk"):
            baru = PotensiKonflik(laporan=laporan, identitas=item.identitas, tren=PotensiKonflik.Tren.TETAP)
            for field in SALIN:
                setattr(baru, field, getattr(item, field))
            baru.save()
            baru.indikator_perdamaian.set(item.indikator_perdamaian.all())
    _masukkan_segera(laporan)
    return laporan, True


def _masukkan_segera(laporan: LaporanTriwulan) -> None:
    """The quarter's urgent incidents of the kab/kota, in the report as kejadian konflik (once)."""
    for s in segera.belum_masuk(laporan.kabkota_id, laporan):
        segera.masukkan_ke_laporan(s, laporan)


def _laporan_sebelumnya(kabkota, tahun, triwulan):
    return (
        LaporanTriwulan.objects.filter(kabkota=kabkota)
        .exclude(periode__tahun__gt=tahun)
        .exclude(periode__tahun=tahun, periode__triwulan__gte=triwulan)
        .select_related("periode")
        .order_by("-periode__tahun", "-periode__triwulan")
        .first()
    )


def naikkan_versi(laporan: LaporanTriwulan, versi: int) -> None:
    """Claim the report's next version, or fail if someone saved it since ``versi`` was read."""
    if not LaporanTriwulan.objects.filter(pk=laporan.pk, versi=versi).update(
        versi=F("versi") + 1, diubah=timezone.now()
    ):
        raise Bentrok
    laporan.versi = versi + 1


@transaction.atomic
def simpan_item(item, versi: int | None, user, simpan_m2m=None) -> None:
    """Save a potensi or kejadian; an edit made from an older version is refused (no lost update).
    ``simpan_m2m`` (a form's ``save_m2m``) writes its many-to-many fields in the same transaction."""
    laporan = LaporanTriwulan.objects.select_for_update().get(pk=item.laporan_id)
    item.laporan = laporan
    if not laporan.dapat_diedit_oleh(user):
        raise PermissionDenied
    model = type(item)
    if item.pk:
        if not model.objects.filter(pk=item.pk, versi=versi).update(versi=F("versi") + 1):
            raise Bentrok
        item.versi = versi + 1
    item.full_clean()
    item.save()
    if simpan_m2m:
        simpan_m2m()


@transaction.atomic
def ajukan(laporan: LaporanTriwulan, user, versi: int) -> None:
    laporan = kunci(laporan)
    if not laporan.dapat_diedit_oleh(user):
        raise PermissionDenied
    if laporan.versi != versi:
        raise Bentrok
    ada_isi = laporan.potensikonflik.exists() or laporan.kejadiankonflik.exists()
    if laporan.nihil and ada_isi:
        raise ValidationError(
            "Laporan dinyatakan nihil tetapi masih berisi potensi atau kejadian konflik. Hapus isinya "
            "atau batalkan pernyataan nihil."
        )
    if not laporan.nihil and not ada_isi:
        raise ValidationError(
            "Laporan masih kosong. Isi potensi atau kejadian konflik, atau nyatakan nihil bila memang "
            "tidak ada yang dilaporkan."
        )
    galat = [t.kalimat for t in validasi.periksa_laporan(laporan, user).galat]
    if galat:
        raise ValidationError([GAGAL_AJUKAN, *galat])
    now = timezone.now()
    if laporan.pertama_diajukan is None:
        laporan.pertama_diajukan = now
        laporan.tepat_waktu = laporan.hitung_tepat_waktu(now)
    laporan.status, laporan.diajukan_pada, laporan.diajukan_oleh = S.DIAJUKAN, now, user
    laporan.versi += 1
    laporan.save(transisi=True)
    RiwayatLaporan.objects.create(laporan=laporan, aksi=RiwayatLaporan.Aksi.DIAJUKAN, oleh=user, waktu=now)
    notifikasi.tuntas("laporan_diperiksa", laporan.get_absolute_url())  # a "dikembalikan" is dealt with
    transaction.on_commit(lambda: kabari_diajukan(laporan))
    sinyal.antre_hitung(laporan.periode.provinsi_id)


def kunci(laporan):
    """The report with its period and kab/kota, only the report's row locked until the transaction
    ends (``of``: a join would lock the period's row too, and with it every kab/kota's submission)."""
    return (
        LaporanTriwulan.objects.select_for_update(of=("self",))
        .select_related("periode", "kabkota")
        .get(pk=laporan.pk)
    )


def _tandai(laporan, tanda: dict | None, catatan: dict | None) -> None:
    """Review marks: {("potensi", pk): True/False} for the items shown to the reviewer; a marked
    item takes the reviewer's note on it as its follow-up comment."""
    for (jenis, pk), perlu in (tanda or {}).items():
        model = PotensiKonflik if jenis == "potensi" else KejadianKonflik
        item = model.objects.filter(laporan=laporan, pk=pk).first()
        if item is None:
            continue
        komentar = (catatan or {}).get((jenis, pk), item.catatan_pemeriksa).strip() if perlu else ""
        if (item.perlu_tindak_lanjut, item.catatan_tindak_lanjut) != (perlu, komentar):
            item.perlu_tindak_lanjut, item.catatan_tindak_lanjut = perlu, komentar
            item.save(lewati_kunci=True)


@transaction.atomic
def terima(laporan: LaporanTriwulan, user, tanda: dict | None = None, catatan: dict | None = None):
    laporan = kunci(laporan)
    if not laporan.dapat_diperiksa_oleh(user):
        raise PermissionDenied
    _tandai(laporan, tanda, catatan)
    now = timezone.now()
    laporan.status, laporan.diterima_pada, laporan.diterima_oleh = S.DITERIMA, now, user
    laporan.versi += 1
    laporan.save(transisi=True)
    RiwayatLaporan.objects.create(laporan=laporan, aksi=RiwayatLaporan.Aksi.DITERIMA, oleh=user, waktu=now)
    notifikasi.tuntas("laporan_diajukan", laporan.get_absolute_url())
    transaction.on_commit(lambda: kabari(laporan, "diterima"))
    sinyal.antre_hitung(laporan.periode.provinsi_id)
    return laporan


@transaction.atomic
def kembalikan(
    laporan: LaporanTriwulan, user, alasan: str, catatan_item: dict | None = None, tanda: dict | None = None
) -> LaporanTriwulan:
    """Send back with a reason, and optional notes on specific items ({("potensi", pk): note})."""
    laporan = kunci(laporan)
    if not laporan.dapat_diperiksa_oleh(user):
        raise PermissionDenied
    if not alasan.strip():
        raise ValidationError(
            {"alasan": "Tuliskan alasan pengembalian agar kabupaten/kota tahu apa yang harus diperbaiki."}
        )
    for (jenis, pk), catatan in (catatan_item or {}).items():
        model = PotensiKonflik if jenis == "potensi" else KejadianKonflik
        item = model.objects.filter(laporan=laporan, pk=pk).first()
        if item and catatan.strip() != item.catatan_pemeriksa:
            item.catatan_pemeriksa = catatan.strip()
            item.save(lewati_kunci=True)
    _tandai(laporan, tanda, catatan_item)
    laporan.status = S.DIKEMBALIKAN
    laporan.versi += 1
    laporan.save(transisi=True)
    _masukkan_segera(laporan)
    RiwayatLaporan.objects.create(
        laporan=laporan, aksi=RiwayatLaporan.Aksi.DIKEMBALIKAN, oleh=user, alasan=alasan
    )
    notifikasi.tuntas("laporan_diajukan", laporan.get_absolute_url())
    transaction.on_commit(lambda: kabari(laporan, "dikembalikan", alasan))
    sinyal.antre_hitung(laporan.periode.provinsi_id)
    return laporan


@transaction.atomic
def buka_kembali(laporan: LaporanTriwulan, user, alasan: str) -> LaporanTriwulan:
    laporan = kunci(laporan)
    if not laporan.dapat_dibuka_oleh(user):
        raise PermissionDenied
    if not alasan.strip():
        raise ValidationError({"alasan": "Membuka kembali laporan yang sudah diterima memerlukan alasan."})
    laporan.status, laporan.diterima_pada, laporan.diterima_oleh = S.DIKEMBALIKAN, None, None
    laporan.versi += 1
    laporan.save(transisi=True)
    _masukkan_segera(laporan)
    RiwayatLaporan.objects.create(laporan=laporan, aksi=RiwayatLaporan.Aksi.DIBUKA, oleh=user, alasan=alasan)
    transaction.on_commit(lambda: kabari(laporan, "dibuka", alasan))
    sinyal.antre_hitung(laporan.periode.provinsi_id)
    return laporan


def kabari(laporan: LaporanTriwulan, kejadian: str, alasan: str = "") -> None:
    """Tell the kab/kota's operators that their report was accepted, returned or reopened."""
    judul = {"diterima": "diterima", "dikembalikan": "dikembalikan", "dibuka": "dibuka kembali"}[kejadian]
    context = {
        "laporan": laporan,
        "kejadian": kejadian,
        "alasan": alasan,
        "url": settings.PORTAL_URL.rstrip("/") + laporan.get_absolute_url(),
    }
    notifikasi.kirim(
        User.objects.operator_kabkota([laporan.kabkota_id]),
        "laporan_diperiksa",
        f"Laporan {laporan.periode} {laporan.kabkota.nama_singkat} {judul}",
        render_to_string("laporan/email/kabar.txt", context),
        laporan.get_absolute_url(),
    )


def kabari_diajukan(laporan: LaporanTriwulan) -> None:
    """Tell the province's staff that a report waits for their review."""
    notifikasi.kirim(
        User.objects.staf_provinsi(laporan.periode.provinsi_id),
        "laporan_diajukan",
        f"{laporan} diajukan dan menunggu pemeriksaan",
        f"{laporan} diajukan {'tepat waktu' if laporan.tepat_waktu else 'setelah tenggat'} dan menunggu "
        f"pemeriksaan provinsi.\n\n{notifikasi.url_penuh(laporan.get_absolute_url())}\n",
        laporan.get_absolute_url(),
    )


def siapkan_periode(today: datetime.date) -> int:
    """Make sure every province has the current quarter and the two before it, so reminders never
    depend on someone having opened a page (a period used to be created on first view). Returns
    how many were created."""
    daftar = triwulan_mundur(*triwulan_dari(today), 3)
    ada = set(
        Periode.objects.filter(tahun__in={y for y, _ in daftar}).values_list(
            "provinsi_id", "tahun", "triwulan"
        )
    )
    dibuat = 0
    for provinsi in Wilayah.objects.provinsi():
        for tahun, tw in daftar:
            if (provinsi.pk, tahun, tw) not in ada:
                Periode.objects.untuk(provinsi, tahun, tw)
                dibuat += 1
    return dibuat


def kirim_pengingat(today: datetime.date | None = None) -> int:
    """Daily, for every province: operators of reports not yet submitted hear 7 and 1 days before
    the due date, the day after it and weekly after that; the province's staff get a digest of late
    kab/kota every day while any is late. At most once per person, kind and day, however often it
    runs. Returns the number of notifications created."""
    today = today or timezone.localdate()
    siapkan_periode(today)
    base_url = settings.PORTAL_URL.rstrip("/")
    terkirim = 0
    periode_list = Periode.objects.filter(
        ditutup=False,
        tenggat__gte=today - datetime.timedelta(days=120),
        tenggat__lte=today + datetime.timedelta(days=7),
    ).select_related("provinsi")
    for periode in periode_list:
        selisih = (periode.tenggat - today).days
        sebelum = selisih in (7, 1)
        sesudah = selisih < 0 and (-selisih - 1) % 7 == 0
        if not (sebelum or selisih < 0):
            continue
        sudah = set(
            LaporanTriwulan.objects.filter(periode=periode, status__in=LaporanTriwulan.TERKIRIM).values_list(
                "kabkota_id", flat=True
            )
        )
        belum = [w for w in periode.provinsi.kabkota.order_by("kode") if w.pk not in sudah]
        if sebelum or sesudah:
            operator: dict[int, list] = {}
            for u in User.objects.operator_kabkota([w.pk for w in belum]).select_related("instansi"):
                operator.setdefault(u.instansi.wilayah_id, []).append(u)
            for w in belum:
                context = {"periode": periode, "wilayah": w, "selisih": selisih, "base_url": base_url}
                subjek = (
                    f"Laporan {periode} jatuh tempo {tanggal(periode.tenggat, hari=False)}"
                    if sebelum
                    else f"Laporan {periode} terlambat {-selisih} hari"
                )
                terkirim += notifikasi.kirim(
                    operator.get(w.pk, []),
                    "pengingat_laporan",
                    subjek,
                    render_to_string("laporan/email/pengingat.txt", context),
                    reverse("laporan:beranda"),
                    terjadwal=today,
                )
        if selisih < 0 and belum:
            context = {"periode": periode, "belum": belum, "selisih": -selisih, "base_url": base_url}
            terkirim += notifikasi.kirim(
                User.objects.staf_provinsi(periode.provinsi_id),
                "rekap_terlambat",
                f"{len(belum)} kabupaten/kota belum melapor {periode}",
                render_to_string("laporan/email/rekap_terlambat.txt", context),
                reverse("laporan:matriks"),
                terjadwal=today,
            )
    return terkirim
