"""Laporan segera pages: the list (the province's and the kab/kota's), filing, the incident page with
its timeline, the kab/kota's updates and the province's steps (``laporan.segera``)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from kesbangpol import access, audit
from kesbangpol.models import Klasifikasi, Wilayah
from laporan import forms, segera
from laporan.models import CatatanSegera, LaporanSegera


def daftar(request):
    """Every urgent incident the user may see, newest first, with the filters staff use."""
    qs = LaporanSegera.objects.for_user(request.user).select_related("kabkota")
    keadaan = request.GET.get("keadaan", "")
    qs = qs.dalam_keadaan(keadaan)
    kabkota = None
    if not access.lingkup(request.user).kabkota_id:
        kabkota = Wilayah.objects.filter(pk__in=qs.values("kabkota_id")).order_by("kode")
        kode = request.GET.get("kabkota", "")
        if kode:
            qs = qs.filter(kabkota__kode=kode)
    page = Paginator(qs, 25).get_page(request.GET.get("halaman"))
    query = urlencode({k: v for k, v in request.GET.items() if k != "halaman" and v})
    context = {
        "page": page,
        "query": query,
        "keadaan": keadaan,
        "pilihan_keadaan": [(k, v[0]) for k, v in LaporanSegera.KEADAAN.items()],
        "daftar_kabkota": kabkota,
        "kabkota_dipilih": request.GET.get("kabkota", ""),
        "dapat_melapor": segera.dapat_melapor(request.user),
    }
    return render(request, "laporan/segera_list.html", context)


def baru(request):
    """A kab/kota operator files an incident; the province hears at once."""
    access.require(segera.dapat_melapor(request.user))
    # Filed the day it happens (PRODUCT.md, "Peringatan dini"): the date starts at today, in view.
    form = forms.SegeraForm(
        request.POST or None, user=request.user, initial={"tanggal": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            obj = segera.ajukan(form.save(commit=False), request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            masuk = obj.kejadian.exists()
            messages.success(
                request,
                "Laporan segera terkirim. Staf dan pimpinan Kesbangpol provinsi sudah diberi tahu; "
                "tanggapan mereka akan muncul di halaman ini dan di lonceng Anda. "
                + (
                    "Kejadian ini juga sudah tercatat di draf laporan triwulan."
                    if masuk
                    else "Kejadian ini akan otomatis masuk laporan triwulannya saat laporan itu dibuka."
                ),
            )
            return redirect(obj)
    return render(request, "laporan/segera_form.html", {"form": form})


def _get(request, pk, write=False):
    return access.get_object_for_user(
        LaporanSegera.objects.select_related(
            "kabkota__provinsi", "dilaporkan_oleh", "diketahui_oleh", "dieskalasi_oleh"
        ),
        request.user,
        write=write,
        pk=pk,
    )


def detail(request, pk, pembaruan_form=None, tanggapan_form=None, status=200):
    obj = _get(request, pk)
    user = request.user
    if obj.klasifikasi == Klasifikasi.RAHASIA:  # only a cleared user gets here
        audit.catat(request, "rahasia_dibaca", obj)
    context = {
        "segera": obj,
        "catatan": obj.catatan.select_related("oleh"),
        "kejadian": obj.kejadian.select_related("laporan__periode"),
        "dapat_memperbarui": obj.dapat_diubah_oleh(user),
        "dapat_menanggapi": obj.dapat_ditanggapi_oleh(user),
        "pembaruan_form": pembaruan_form or forms.PembaruanSegeraForm(segera=obj),
        "tanggapan_form": tanggapan_form or forms.TanggapanSegeraForm(),
    }
    return render(request, "laporan/segera_detail.html", context, status=status)


@require_POST
def perbarui(request, pk):
    obj = _get(request, pk, write=True)
    form = forms.PembaruanSegeraForm(request.POST, segera=obj)
    if form.is_valid():
        angka = {k: form.cleaned_data[k] for k in segera.ANGKA}
        try:
            segera.perbarui(obj, request.user, form.cleaned_data["isi"], angka)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Pembaruan terkirim ke provinsi.")
            return redirect(obj)
    return detail(request, pk, pembaruan_form=form, status=400)


@require_POST
def tanggapi(request, pk):
    # The province's rule, not the kab/kota's (``dapat_diubah_oleh``): read-only roles get 403 too.
    obj = _get(request, pk)
    access.require(obj.dapat_ditanggapi_oleh(request.user))
    form = forms.TanggapanSegeraForm(request.POST)
    if form.is_valid():
        aksi = form.cleaned_data["aksi"]
        try:
            segera.tanggapi(obj, request.user, aksi, form.cleaned_data["isi"])
        except ValidationError as exc:
            form.add_error("isi" if hasattr(exc, "error_dict") else None, " ".join(exc.messages))
        else:
            messages.success(request, SESUDAH[aksi])
            return redirect(obj)
    return detail(request, pk, tanggapan_form=form, status=400)


SESUDAH = {
    CatatanSegera.Jenis.DIKETAHUI: "Ditanggapi. Kabupaten/kota kini melihat bahwa provinsi menerimanya.",
    CatatanSegera.Jenis.DIMINTA: "Permintaan pembaruan terkirim ke operator kabupaten/kota; laporan ini "
    "tampil di daftar tugas mereka sampai mereka memperbarui.",
    CatatanSegera.Jenis.DIESKALASI: "Dieskalasi. Admin nasional sudah diberi tahu dan kini dapat melihat "
    "laporan ini.",
}
