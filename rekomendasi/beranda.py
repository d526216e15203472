"""What recommendations put on each person's home page (``kesbangpol.beranda``)."""

import datetime

from django.db.models import Count, OuterRef, Q, Subquery
from django.urls import reverse

from kesbangpol import access
from kesbangpol.beranda import DIKEMBALIKAN, MENUNGGU, SEGERA, TERLAMBAT, Panel, Tugas, antrean
from kesbangpol.dates import tanggal
from kesbangpol.templatetags.portal import potong
from rekomendasi.models import Penugasan, TindakLanjut, saringan

SEGERA_HARI = 14


def untuk_kantor(user, today: datetime.date):
    """The user's office's open assignments that are overdue, due within 14 days, or were sent back
    by the province (with its note). Proposals waiting for the province are not the office's job."""
    if not user.instansi_id or not access.dapat_menulis(user):
        return []
    terakhir = TindakLanjut.objects.filter(penugasan=OuterRef("pk")).order_by("-dibuat", "-pk")
    penugasan = (
        Penugasan.objects.for_user(user)
        .filter(instansi_id=user.instansi_id, usulan="")
        .terbuka()
        .annotate(
            jenis_terakhir=Subquery(terakhir.values("jenis")[:1]),
            catatan=Subquery(terakhir.values("narasi")[:1]),
        )
        .filter(
            Q(rekomendasi__batas_waktu__lte=today + datetime.timedelta(days=SEGERA_HARI))
            | Q(jenis_terakhir=TindakLanjut.Jenis.DIKEMBALIKAN)
        )
        .select_related("rekomendasi__rakor", "rekomendasi__induk")
        .order_by("rekomendasi__batas_waktu", "pk")[:30]
    )
    hasil = []
    for p in penugasan:
        rek = p.rekomendasi
        batas = rek.batas_waktu
        nama = f"Rekomendasi {rek.label} {potong(rek.rakor.judul, 70)}"
        if p.jenis_terakhir == TindakLanjut.Jenis.DIKEMBALIKAN:
            hasil.append(
                Tugas(
                    DIKEMBALIKAN,
                    f"{nama}: tindak lanjut dikembalikan",
                    p.get_absolute_url(),
                    f"Catatan provinsi: {potong(p.catatan, 200)} · {rek.isi_singkat}",
                    batas,
                )
            )
        elif batas < today:
            hasil.append(
                Tugas(
                    TERLAMBAT,
                    f"{nama} terlambat {(today - batas).days} hari",
                    p.get_absolute_url(),
                    f"{rek.isi_singkat} · batas {rek.batas_tampil}",
                    batas,
                )
            )
        else:
            sisa = (batas - today).days
            hasil.append(
                Tugas(
                    SEGERA,
                    f"{nama} jatuh tempo {'hari ini' if sisa == 0 else f'{sisa} hari lagi'}",
                    p.get_absolute_url(),
                    f"{rek.isi_singkat} · batas {rek.batas_tampil}",
                    batas,
                )
            )
    return hasil


def untuk_staf(user, today: datetime.date):
    """Proposals this staff member may verify (oldest first; never their own), and the offices with
    the most overdue recommendations."""
    scope = access.lingkup(user)
    if not scope.seluruh_provinsi:
        return []
    hasil = []
    semua = Penugasan.objects.for_user(user)
    if access.adalah_staf_provinsi(user) and access.dapat_menulis(user):
        usulan = (
            semua.exclude(usulan="")
            .exclude(diusulkan_oleh=user)
            .select_related("rekomendasi__rakor", "rekomendasi__induk", "instansi")
            .order_by("diubah", "pk")
        )

        def verifikasi(p):
            rek = p.rekomendasi
            return Tugas(
                MENUNGGU,
                f"Verifikasi usulan “{p.get_usulan_display()}” "
                f"{p.instansi.singkatan or p.instansi.nama}: rekomendasi {rek.label}",
                p.get_absolute_url(),
                f"{potong(rek.rakor.judul, 70)} · diusulkan {tanggal(p.diubah)} · {rek.isi_singkat}",
                sejak=p.diubah,
            )

        hasil += antrean(
            usulan,
            verifikasi,
            MENUNGGU,
            "… dan {n} usulan lain menunggu verifikasi",
            reverse("rekomendasi:penugasan_list") + "?status=menunggu",
        )
    # Every office with a late one (a province has tens): the five at the top, the sum the total.
    terlambat = list(
        semua.terlambat(today)
        .values("instansi_id", "instansi__nama")
        .annotate(n=Count("pk"))
        .order_by("-n", "instansi__nama")
    )
    kantor = terlambat[:5]
    for k in kantor:
        k["url"] = reverse("rekomendasi:instansi", args=[k["instansi_id"]]) + "?status=terlambat"
    hasil.append(
        Panel(
            "Instansi dengan rekomendasi terlambat terbanyak",
            "rekomendasi/_beranda_kantor.html",
            35,
            {"kantor": kantor, "jumlah": sum(k["n"] for k in terlambat)},
        )
    )
    return hasil


def ringkasan_pimpinan(user, today: datetime.date):
    """Open and late assignments of the province, beside the quarter's figures on the pimpinan's
    home page (one query)."""
    if user.peran != user.Peran.PIMPINAN or not access.lingkup(user).seluruh_provinsi:
        return []
    saring = saringan(today)
    angka = Penugasan.objects.for_user(user).aggregate(
        terbuka=Count("pk", filter=saring["terbuka"][1]), terlambat=Count("pk", filter=saring["terlambat"][1])
    )
    return [Panel("Tindak lanjut rekomendasi", "rekomendasi/_beranda_pimpinan.html", 1, angka)]
