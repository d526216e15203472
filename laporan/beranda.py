"""What the quarterly reports put on each person's home page (``kesbangpol.beranda``)."""

import datetime

from django.db.models import Count, Q
from django.urls import reverse

from kesbangpol import access
from kesbangpol.beranda import (
    DIKEMBALIKAN,
    LAINNYA,
    MENDESAK,
    MENUNGGU,
    SEGERA,
    TERLAMBAT,
    Panel,
    Tugas,
    antrean,
    sebagian,
)
from kesbangpol.dates import tanggal
from kesbangpol.models import Dokumen, Wilayah
from laporan import sinyal
from laporan.models import (
    TRIWULAN_ROMAWI,
    AturanProvinsi,
    LaporanSegera,
    LaporanTriwulan,
    Periode,
    PotensiKonflik,
    RiwayatLaporan,
    Sinyal,
    akhir_triwulan,
    triwulan_dari,
    triwulan_mundur,
)

TERKIRIM = LaporanTriwulan.TERKIRIM
S = LaporanTriwulan.Status
SEGERA_HARI = 14


def _nama_triwulan(tahun, tw) -> str:
    return f"Triwulan {TRIWULAN_ROMAWI[tw]} {tahun}"


def _periode_lalu(provinsi_id, today) -> Periode | None:
    """The quarter being reported now: the latest one that has ended."""
    return (
        Periode.objects.filter(provinsi_id=provinsi_id)
        .filter(Q(tahun__lt=today.year) | Q(tahun=today.year, triwulan__lt=triwulan_dari(today)[1]))
        .order_by("-tahun", "-triwulan")
        .first()
    )


def untuk_operator(user, today: datetime.date):
    """The kab/kota's reports of the last four quarters that are late, due within 14 days, still a
    draft, or returned (with the province's reason); and, from before them, any report it started and
    still owes (a draft, or one returned and not yet sent again)."""
    scope = access.lingkup(user)
    if not scope.kabkota_id or not access.dapat_menulis(user):
        return []
    daftar = triwulan_mundur(*triwulan_dari(today), 4)
    periode = {
        (p.tahun, p.triwulan): p
        for p in Periode.objects.filter(provinsi_id=scope.provinsi_id, tahun__gte=daftar[-1][0])
    }
    aturan = AturanProvinsi.objects.filter(provinsi_id=scope.provinsi_id).first()
    hari = aturan.hari_tenggat if aturan else 10
    belum_selesai = (S.DRAF, S.DIKEMBALIKAN)
    laporan = {
        (lap.periode.tahun, lap.periode.triwulan): lap
        for lap in LaporanTriwulan.objects.filter(kabkota_id=scope.kabkota_id)
        .filter(Q(periode__tahun__gte=daftar[-1][0]) | Q(status__in=belum_selesai))
        .select_related("periode")
    }
    lama = sorted(
        (k for k, lap in laporan.items() if k not in daftar and lap.status in belum_selesai), reverse=True
    )
    dikembalikan = [lap.pk for lap in laporan.values() if lap.status == S.DIKEMBALIKAN]
    alasan = {}
    for r in RiwayatLaporan.objects.filter(
        laporan_id__in=dikembalikan, aksi__in=[RiwayatLaporan.Aksi.DIKEMBALIKAN, RiwayatLaporan.Aksi.DIBUKA]
    ).order_by("waktu", "pk"):
        alasan[r.laporan_id] = r.alasan  # the latest wins
    hasil = []
    for i, (tahun, tw) in enumerate([*daftar, *lama]):
        lap = laporan.get((tahun, tw))
        p = periode.get((tahun, tw)) or (lap.periode if lap else None)
        if lap and lap.status in LaporanTriwulan.TERKIRIM:
            continue
        if p and p.ditutup and not lap:
            continue
        # A quarter the province never opened is not owed, except the current and the latest ended
        # one (the daily reminder job opens those for every province).
        if p is None and i > 1:
            continue
        tenggat = p.tenggat if p else akhir_triwulan(tahun, tw) + datetime.timedelta(days=hari)
        sisa = (tenggat - today).days
        nama = _nama_triwulan(tahun, tw)
        url = lap.get_absolute_url() if lap else reverse("laporan:beranda")
        formulir = None if lap else {"action": reverse("laporan:buka"), "tahun": tahun, "triwulan": tw}
        batas = f"Tenggat {tanggal(tenggat)}."
        if lap and lap.status == S.DIKEMBALIKAN:
            hasil.append(
                Tugas(
                    DIKEMBALIKAN,
                    f"Laporan {nama} dikembalikan provinsi",
                    url,
                    f"Alasan: {alasan.get(lap.pk, '—')} Perbaiki lalu ajukan kembali.",
                    tenggat,
                )
            )
        elif p and p.ditutup:
            # Closed by the province: no longer chased (as in the reminders and the matrix), but the
            # operator's draft may still be sent.
            hasil.append(
                Tugas(
                    LAINNYA,
                    f"Draf laporan {nama} belum diajukan",
                    url,
                    "Provinsi sudah menutup periode ini dan tidak mengingatkannya lagi; "
                    "draf ini masih dapat diajukan" + (" dan tercatat terlambat." if sisa < 0 else "."),
                    tenggat,
                )
            )
        elif sisa < 0:
            hasil.append(
                Tugas(
                    TERLAMBAT,
                    f"Laporan {nama} terlambat {-sisa} hari",
                    url,
                    f"{batas} {'Lanjutkan draf lalu ajukan' if lap else 'Buka, isi, lalu ajukan'}; "
                    "bila tidak ada yang dilaporkan, nyatakan nihil.",
                    tenggat,
                    formulir=formulir,
                )
            )
        elif sisa <= SEGERA_HARI:
            hasil.append(
                Tugas(
                    SEGERA,
                    f"Laporan {nama} jatuh tempo {'hari ini' if sisa == 0 else f'{sisa} hari lagi'}",
                    url,
                    batas,
                    tenggat,
                    formulir=formulir,
                )
            )
        elif lap:
            hasil.append(Tugas(LAINNYA, f"Draf laporan {nama} belum diajukan", url, batas, tenggat))
    return hasil


def triwulan_lalu(user, today: datetime.date):
    """The province's people and the latest ended quarter, in one place so that the quarter, its
    kab/kota and its reports are read once: reports waiting for this reviewer (oldest first, never
    their own submissions), the kab/kota that have not reported after the due date, the quarter at a
    glance (reported, on time, accepted, escalated items) with the latest governor's summaries, and
    its new and escalated potensi konflik."""
    scope = access.lingkup(user)
    if not scope.seluruh_provinsi:
        return []
    hasil = []
    if access.adalah_staf_provinsi(user) and access.dapat_menulis(user):
        menunggu = (
            LaporanTriwulan.objects.for_user(user)
            .filter(status=S.DIAJUKAN)
            .exclude(diajukan_oleh=user)
            .select_related("periode", "kabkota")
            .order_by("diajukan_pada", "pk")
        )

        def periksa(lap):
            return Tugas(
                MENUNGGU,
                f"Periksa laporan {lap.kabkota.nama_singkat} {lap.periode}",
                lap.get_absolute_url(),
                f"Diajukan {tanggal(lap.diajukan_pada)}"
                + (" (lewat tenggat)" if lap.tepat_waktu is False else "")
                + (", nihil" if lap.nihil else "")
                + ". Terima, atau kembalikan dengan alasan.",
                sejak=lap.diajukan_pada,
            )

        hasil += antrean(
            menunggu,
            periksa,
            MENUNGGU,
            "… dan {n} laporan lain menunggu diperiksa (sel biru di matriks)",
            reverse("laporan:matriks"),
        )
    periode = _periode_lalu(scope.provinsi_id, today)
    dokumen = list(
        Dokumen.objects.for_user(user)
        .filter(jenis="ringkasan_gubernur", status=Dokumen.Status.SELESAI)
        .order_by("-selesai")[:3]
    )
    ringkasan = {"periode": periode, "dokumen": dokumen}
    pimpinan = user.peran == user.Peran.PIMPINAN
    hasil.append(
        Panel(
            "Ringkasan triwulan terakhir", "laporan/_beranda_pimpinan.html", 0 if pimpinan else 40, ringkasan
        )
    )
    if periode is None:
        return hasil
    kabkota = list(Wilayah.objects.filter(provinsi_id=scope.provinsi_id).order_by("kode"))
    terkirim = list(
        LaporanTriwulan.objects.for_user(user)
        .filter(periode=periode)
        .terkirim()
        .values_list("kabkota_id", "status", "tepat_waktu")
    )
    lapor = {kabkota_id for kabkota_id, _, _ in terkirim}
    belum = [w for w in kabkota if w.pk not in lapor]
    if belum and periode.lewat_tenggat(today) and access.adalah_staf_provinsi(user):
        hasil.append(
            Tugas(
                TERLAMBAT,
                f"{len(belum)} kabupaten/kota belum melapor {periode}",
                reverse("laporan:matriks") + f"?tahun={periode.tahun}",
                "Tenggat "
                + tanggal(periode.tenggat)
                + " sudah lewat: "
                + ", ".join(w.nama_singkat for w in belum[:8])
                + (f" dan {len(belum) - 8} lainnya" if len(belum) > 8 else "")
                + ". Pengingat terkirim otomatis setiap minggu."
                # None at all: most likely a province new to the portal, its quarter collected on paper.
                + (
                    ""
                    if lapor
                    else " Bila triwulan ini sudah dikumpulkan di luar portal, tutup periodenya di "
                    "“Tenggat dan periode” (halaman matriks): pengingat dan tanda lewat tenggat berhenti."
                ),
                periode.tenggat,
            )
        )
    potensi = PotensiKonflik.objects.for_user(user).filter(
        laporan__periode=periode, laporan__status__in=TERKIRIM
    )
    angka = potensi.aggregate(
        meningkat=Count("pk", filter=Q(tren=PotensiKonflik.Tren.MENINGKAT)),
        baru=Count("pk", filter=Q(tren=PotensiKonflik.Tren.BARU)),
        tinggi=Count("pk", filter=Q(tingkat="tinggi")),
    )
    n = len(kabkota)
    tepat = sum(t is True for _, _, t in terkirim)
    ringkasan.update(
        jumlah_kabkota=n,
        lapor=len(terkirim),
        tepat=tepat,
        diterima=sum(s == S.DITERIMA for _, s, _ in terkirim),
        persen_lapor=round(100 * len(terkirim) / n) if n else 0,
        persen_tepat=round(100 * tepat / n) if n else 0,
        sudah_jatuh_tempo=periode.tenggat < today,
        **angka,
    )
    jumlah = angka["meningkat"] + angka["baru"]
    baru_naik = (
        potensi.filter(tren__in=PotensiKonflik.NAIK)
        .select_related("laporan__kabkota")
        .order_by("-tingkat", "laporan__kabkota__kode", "pk")
    )
    hasil.append(
        Panel(
            f"Potensi konflik baru dan meningkat, {periode}",
            "laporan/_beranda_potensi.html",
            30,
            {"daftar": list(baru_naik[:8]) if jumlah else [], "jumlah": jumlah, "periode": periode},
        )
    )
    return hasil


PANEL_SEGERA_HARI = 30


def segera(user, today: datetime.date):
    """Urgent incidents: the province's staff acknowledge the ones nobody has (most urgent first),
    the kab/kota's operators answer the province's requests for an update, and province readers and
    national admins see the latest ones (escalated ones, for national admins) in a panel."""
    scope = access.lingkup(user)
    if scope.kosong:
        return []
    hasil = []
    semua = LaporanSegera.objects.for_user(user).select_related("kabkota")
    if scope.seluruh_provinsi and access.adalah_staf_provinsi(user) and access.dapat_menulis(user):

        def tanggapi(s):
            return Tugas(
                MENDESAK,
                f"Tanggapi laporan segera {s.kabkota.nama_singkat}: {s.judul}",
                s.get_absolute_url(),
                f"Dilaporkan {tanggal(s.dilaporkan_pada)}; {s.meninggal} meninggal, {s.luka} luka, "
                f"{s.mengungsi} mengungsi. Tanggapi, minta pembaruan, atau eskalasi ke nasional.",
                sejak=s.dilaporkan_pada,
            )

        hasil += antrean(
            semua.filter(diketahui_pada__isnull=True).order_by("dilaporkan_pada", "pk"),
            tanggapi,
            MENDESAK,
            "… dan {n} laporan segera lain belum ditanggapi",
            reverse("laporan:segera") + "?keadaan=belum",
        )
    if scope.kabkota_id and access.dapat_menulis(user):

        def perbarui(s):
            return Tugas(
                MENDESAK,
                f"Provinsi meminta pembaruan: {s.judul}",
                s.get_absolute_url(),
                f"Diminta {tanggal(s.pembaruan_diminta_pada)}. "
                "Tulis perkembangannya dan angka korban terkini.",
                sejak=s.pembaruan_diminta_pada,
            )

        hasil += antrean(
            semua.filter(pembaruan_diminta_pada__isnull=False).order_by("pembaruan_diminta_pada", "pk"),
            perbarui,
            MENDESAK,
            "… dan {n} permintaan pembaruan lainnya",
            reverse("laporan:segera") + "?keadaan=diminta",
        )
    if scope.nasional or scope.seluruh_provinsi or (scope.kabkota_id and access.dapat_menulis(user)):
        terbaru = semua.filter(dilaporkan_pada__date__gte=today - datetime.timedelta(days=PANEL_SEGERA_HARI))
        daftar, jumlah = sebagian(terbaru, 5)
        judul = "Eskalasi dari provinsi" if scope.nasional else "Laporan segera"
        # Above the task list for the kab/kota (the way to file one, first on a phone) and for readers
        # (pimpinan, national admins); below it for staff, whose tasks already name each new one.
        lapor = bool(scope.kabkota_id)
        hasil.append(
            Panel(
                f"{judul}, {PANEL_SEGERA_HARI} hari terakhir",
                "laporan/_beranda_segera.html",
                1 if lapor else 15 if access.dapat_menulis(user) and not scope.nasional else -1,
                {"daftar": daftar, "jumlah": jumlah, "hari": PANEL_SEGERA_HARI, "lapor": lapor},
            )
        )
    return hasil


def sinyal_terbuka(user, today: datetime.date):
    """The strongest open early-warning signals, escalated ones first (one query)."""
    scope = access.lingkup(user)
    if not (scope.nasional or scope.seluruh_provinsi):
        return []
    terbuka = Sinyal.objects.for_user(user).terbuka().select_related("kabkota")
    daftar, jumlah = sebagian(terbuka, 10)  # five entries, after a potensi's two rises are told as one
    daftar = sinyal.satukan(daftar)[:5]
    pembaca = scope.nasional or not access.dapat_menulis(user)
    return [
        Panel(
            "Sinyal peringatan dini",
            "laporan/_beranda_sinyal.html",
            -2 if pembaca else 12,
            {"daftar": daftar, "jumlah": jumlah},
        )
    ]
