"""Planning synchronisation pages: an office's IKU register (with its Excel round trip), the
province's alignment matrix, and turning a misalignment into a rekomendasi (``laporan.iku``)."""

import re

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from kesbangpol import access, audit, berkas, excel
from kesbangpol.models import Wilayah
from laporan import iku
from laporan.halaman_rakor import KesepakatanForm
from laporan.models import TRIWULAN_ROMAWI, Indikator, Periode, triwulan_terakhir
from laporan.views_provinsi import _pilih_provinsi, _provinsi
from rakor.models import Rakor


def _renstra(request, qs) -> tuple[int, int]:
    """``?renstra=2025-2029``, else the latest period that holds indicators, else the five years
    starting this year."""
    diminta = request.POST.get("renstra") or request.GET.get("renstra", "")
    if m := re.fullmatch(r"(20\d\d)-(20\d\d)", diminta):
        mulai, selesai = int(m[1]), int(m[2])
        if mulai <= selesai <= mulai + 10:
            return mulai, selesai
    tersedia = iku.renstra_tersedia(qs)
    if tersedia:
        return tersedia[0]
    tahun = timezone.localdate().year
    return tahun, tahun + 4


def _wilayah(request) -> Wilayah:
    """The office whose register is shown: ``?wilayah=`` among the regions the user sees, else their own."""
    scope = access.lingkup(request.user)
    kode = request.GET.get("wilayah") or request.POST.get("wilayah")
    if not kode:
        if scope.kosong or scope.nasional:
            raise Http404
        kode = Wilayah.objects.values_list("kode", flat=True).get(pk=scope.kabkota_id or scope.provinsi_id)
    return access.get_object_for_user(Wilayah.objects.select_related("provinsi"), request.user, kode=kode)


def dapat_mengubah(user, wilayah: Wilayah) -> bool:
    """A kab/kota's own writers keep their register; the province's staff keep the province's and,
    during a sinkronisasi, any of their kab/kota's."""
    if not access.dapat_menulis(user):
        return False
    scope = access.lingkup(user)
    if scope.kabkota_id:
        return scope.kabkota_id == wilayah.pk
    return access.adalah_staf_provinsi(user)


def _register(request, wilayah):
    """The office's indicators as the user may read them (every Renstra period)."""
    return Indikator.objects.for_user(request.user).filter(wilayah=wilayah)


def _provinsi_iku(request):
    """The province a province-level page shows (a national admin chooses one); 404 for kab/kota
    users, who read their own register instead."""
    if access.lingkup(request.user).kabkota_id or not access.tingkat_provinsi(request.user):
        raise Http404
    return _provinsi(request)


def daftar(request):
    """One office's indicators for a Renstra period, with their yearly targets and the province
    indicator each supports."""
    wilayah = _wilayah(request)
    mulai, selesai = _renstra(request, _register(request, wilayah))
    return _halaman(request, wilayah, mulai, selesai)


def _halaman(request, wilayah, mulai, selesai, hasil=None, status=200):
    semua = _register(request, wilayah)
    indikator = list(semua.renstra(mulai, selesai).select_related("induk").order_by("kode"))
    target = iku.target_per_indikator([i.pk for i in indikator])
    tahun = list(range(mulai, selesai + 1))
    for i in indikator:
        i.target_tahun = [(y, target[i.pk].get(y)) for y in tahun]
    provinsi = None
    if wilayah.provinsi_id:
        provinsi = list(
            Indikator.objects.for_user(request.user)
            .filter(wilayah_id=wilayah.provinsi_id)
            .renstra(mulai, selesai)
            .order_by("kode")
        )
    q = urlencode({"wilayah": wilayah.kode, "renstra": f"{mulai}-{selesai}"})
    context = {
        "wilayah": wilayah,
        "mulai": mulai,
        "selesai": selesai,
        "tahun": tahun,
        "indikator_list": indikator,
        "iku_provinsi": provinsi,
        "renstra_list": iku.renstra_tersedia(semua),
        "dapat_mengubah": dapat_mengubah(request.user, wilayah),
        "form": excel.ImporForm(label="Register IKU (.xlsx)", help_text="Pakai templat dari halaman ini."),
        "hasil": hasil,
        "q": q,
        "maks_baris": iku.MAKS_BARIS,
    }
    return render(request, "laporan/iku_daftar.html", context, status=status)


def templat(request):
    wilayah = _wilayah(request)
    mulai, selesai = _renstra(request, _register(request, wilayah))
    isi = iku.templat(wilayah, mulai, selesai)
    audit.catat(request, "ekspor_iku", wilayah, keterangan=f"Renstra {mulai}-{selesai}")
    return berkas.dibuat(isi, f"iku-{wilayah.kode}-{mulai}-{selesai}.xlsx")


@require_POST
def impor(request):
    """The register's upload: every row valid or nothing saved; each error named by row and column."""
    wilayah = _wilayah(request)
    access.require(dapat_mengubah(request.user, wilayah))
    mulai, selesai = _renstra(request, _register(request, wilayah))
    form = excel.ImporForm(request.POST, request.FILES)
    hasil = iku.impor(form.cleaned_data["berkas"], wilayah, mulai, selesai) if form.is_valid() else None
    if hasil is None:
        hasil = iku.HasilImpor(galat=form.sebagai_galat())
    if not hasil.berhasil:
        return _halaman(request, wilayah, mulai, selesai, hasil, status=400)
    audit.catat(
        request, "impor_iku", wilayah, keterangan=f"{hasil.ditambah} baru, {hasil.diperbarui} diperbarui"
    )
    messages.success(
        request,
        f"Register IKU {wilayah.nama} tersimpan: {hasil.ditambah} indikator baru, {hasil.diperbarui} "
        "diperbarui. Keselarasan dengan IKU provinsi dihitung ulang di matriks keselarasan.",
    )
    q = urlencode({"wilayah": wilayah.kode, "renstra": f"{mulai}-{selesai}"})
    return redirect(reverse("laporan:iku") + "?" + q)


def keselarasan(request):
    """Province indicators × kab/kota: linked, target gap or missing; staff turn a gap into a rekomendasi."""
    provinsi = _provinsi_iku(request)
    if provinsi is None:
        return _pilih_provinsi(request, "laporan:iku_keselarasan")
    register = _register(request, provinsi)
    mulai, selesai = _renstra(request, register)
    staf = access.adalah_staf_provinsi(request.user) and access.dapat_menulis(request.user)
    rakor = []
    if staf:
        rakor = list(
            Rakor.objects.for_user(request.user)
            .filter(provinsi=provinsi, jenis__in=Rakor.PERENCANAAN)
            .exclude(status=Rakor.Status.DIBATALKAN)
            .order_by("-tanggal_mulai")[:10]
        )
    context = {
        "provinsi": provinsi,
        "mulai": mulai,
        "selesai": selesai,
        "m": iku.matriks(provinsi, mulai, selesai),
        "renstra_list": iku.renstra_tersedia(register),
        "staf": staf,
        "rakor_list": rakor,
        # The rakor the buttons record in: the one chosen above the table, else the latest.
        "rakor_pilihan": next(
            (r for r in rakor if str(r.pk) == request.GET.get("rakor")), rakor[0] if rakor else None
        ),
    }
    return render(request, "laporan/iku_keselarasan.html", context)


@require_POST
def jadikan_rekomendasi(request):
    """A gap or a missing link of the matrix becomes a rekomendasi of a planning rakor, assigned to the
    kab/kota's Kesbangpol (``rekomendasi.actions.tugaskan``)."""
    user = request.user
    iku_provinsi = access.get_object_for_user(
        Indikator.objects.select_related("wilayah"), user, pk=request.POST.get("indikator", "")
    )
    access.require(
        access.adalah_staf_provinsi(user) and access.dapat_menulis(user) and iku_provinsi.wilayah.is_provinsi
    )
    kabkota = access.get_object_for_user(
        Wilayah.objects.filter(provinsi=iku_provinsi.wilayah), user, kode=request.POST.get("kabkota", "")
    )
    rakor = access.get_object_for_user(
        Rakor.objects.filter(provinsi=iku_provinsi.wilayah, jenis__in=Rakor.PERENCANAAN),
        user,
        write=True,
        pk=request.POST.get("rakor", ""),
    )
    rek, keadaan = iku.jadikan_rekomendasi(iku_provinsi, kabkota, rakor, user)
    audit.catat(request, "iku_rekomendasi", rek, keterangan=f"{iku_provinsi.kode} {kabkota.kode} {keadaan}")
    messages.success(
        request,
        f"Rekomendasi {rek.label} dibuat di “{rakor.judul}” dan ditugaskan ke Kesbangpol {kabkota.nama}; "
        "kantor itu diberi tahu dan menindaklanjutinya seperti rekomendasi lain.",
    )
    return redirect(rek)


def capaian(request):
    """Achievement against target per province indicator and kab/kota, for one quarter (the latest
    ended one unless ``?periode=2026-2``), from the realisation in the sent reports."""
    provinsi = _provinsi_iku(request)
    if provinsi is None:
        return _pilih_provinsi(request, "laporan:iku_capaian")
    today = timezone.localdate()
    pilihan = triwulan_terakhir(today, 8)
    # Default: the quarter that ended last, the one being reported now.
    dipilih = next((p for p in pilihan if f"{p[0]}-{p[1]}" == request.GET.get("periode")), pilihan[1])
    periode = Periode.objects.untuk_banyak(provinsi, [dipilih], buat=False)[0]
    context = {
        "provinsi": provinsi,
        "periode": periode,
        "pilihan": [(y, t, f"Triwulan {TRIWULAN_ROMAWI[t]} {y}") for y, t in pilihan],
        "m": iku.matriks_capaian(provinsi, periode) if periode.pk else {"kabkota": [], "baris": []},
    }
    return render(request, "laporan/iku_capaian.html", context)


@require_POST
def sepakat(request, pk):
    """Record, during a planning rakor, the alignment agreed for one kab/kota indicator: the link is
    set in the register (with history) and the agreement joins the rakor's page and report."""
    rakor = access.get_object_for_user(
        Rakor.objects.filter(jenis__in=Rakor.PERENCANAAN), request.user, write=True, pk=pk
    )
    access.require(access.adalah_staf_provinsi(request.user))
    form = KesepakatanForm(request.POST, rakor=rakor)
    if not form.is_valid():
        galat = " ".join(
            f"{form.fields[k].label if k in form.fields else ''}: {' '.join(v)}"
            for k, v in form.errors.items()
        )
        messages.error(request, f"Kesepakatan belum dicatat. {galat}")
        return redirect(rakor.get_absolute_url() + "#iku")
    with transaction.atomic():
        kesepakatan = form.save(commit=False)
        kesepakatan.dicatat_oleh = request.user
        kesepakatan.save()
        indikator = kesepakatan.indikator
        indikator.induk = kesepakatan.induk
        indikator.save(update_fields=["induk"])
    audit.catat(
        request,
        "iku_sepakat",
        kesepakatan,
        keterangan=f"{indikator.wilayah.kode} {indikator.kode} → {kesepakatan.induk.kode}",
    )
    messages.success(
        request,
        f"Kesepakatan dicatat: {indikator.wilayah.nama_singkat} {indikator.kode} mendukung "
        f"{kesepakatan.induk.kode}. Register IKU dan matriks keselarasan sudah memakainya; "
        "kesepakatan ini ikut di laporan hasil rakor.",
    )
    return redirect(rakor.get_absolute_url() + "#iku")
