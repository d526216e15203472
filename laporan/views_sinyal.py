"""The early-warning signals page: open signals of the province first, filters, and staff dismissing
one with a reason (``laporan.sinyal``)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from kesbangpol import access, ekspor
from kesbangpol.ekspor import Tabel
from kesbangpol.models import Wilayah
from laporan import sinyal
from laporan.models import Sinyal


def _dapat_menutup(user) -> bool:
    """The province's own staff dismiss its signals (national admins read them)."""
    scope = access.lingkup(user)
    return scope.seluruh_provinsi and access.adalah_staf_provinsi(user) and access.dapat_menulis(user)


def _saring(request):
    """The signals the page shows for its filters (state, kind, kab/kota), and those filters."""
    scope = access.lingkup(request.user)
    if not (scope.nasional or scope.seluruh_provinsi):
        raise PermissionDenied  # the province's reading; kab/kota users see their own data elsewhere
    qs = Sinyal.objects.for_user(request.user).select_related("kabkota", "provinsi", "ditutup_oleh")
    keadaan = request.GET.get("keadaan") or "terbuka"
    qs = qs.dalam_keadaan(keadaan)
    jenis = request.GET.get("jenis", "")
    if jenis in Sinyal.Jenis.values:
        qs = qs.filter(jenis=jenis)
    kode = request.GET.get("kabkota", "")
    if kode:
        qs = qs.filter(kabkota__kode=kode)
    return scope, qs, keadaan, jenis, kode


def ekspor_daftar(request):
    """The signals as filtered on the page, as xlsx or CSV."""
    _, qs, keadaan, jenis, kode = _saring(request)
    tabel = Tabel(
        "Sinyal",
        ["Provinsi", "Kode wilayah", "Kabupaten/kota", "Triwulan", "Jenis", "Kalimat", "Skor", "Dieskalasi",
         "Keadaan", "Dibuat", "Diperbarui", "Ditutup pada", "Ditutup oleh", "Alasan ditutup"],
    )  # fmt: skip
    for s in qs:
        tabel.baris.append(
            [s.provinsi.nama, s.kabkota.kode, s.kabkota.nama, f"{s.tahun}-{s.triwulan}",
             s.get_jenis_display(), s.kalimat, s.skor, "Ya" if s.dieskalasi else "Tidak", _keadaan(s),
             s.dibuat, s.diperbarui, s.ditutup_pada, str(s.ditutup_oleh or ""), s.alasan_tutup]
        )  # fmt: skip
    saringan = [
        ("Keadaan", Sinyal.KEADAAN.get(keadaan, keadaan)),
        ("Jenis", dict(Sinyal.Jenis.choices).get(jenis, "Semua")),
        ("Kabupaten/kota", kode or "Semua"),
    ]
    return ekspor.jawab(request, "sinyal", [tabel], saringan, "ekspor_sinyal")


def _keadaan(s) -> str:
    if s.ditutup_pada:
        return Sinyal.KEADAAN["ditutup"]
    return Sinyal.KEADAAN["terbuka"] if s.aktif else Sinyal.KEADAAN["lewat"]


def daftar(request):
    scope, qs, keadaan, jenis, kode = _saring(request)
    wilayah = Wilayah.objects.for_user(request.user)
    provinsi = wilayah.filter(pk=scope.provinsi_id).first() if scope.provinsi_id else None
    page = Paginator(qs, 30).get_page(request.GET.get("halaman"))
    context = {
        "page": page,
        "query": ekspor.saringan_halaman(request),
        "keadaan": keadaan,
        "pilihan_keadaan": Sinyal.KEADAAN.items(),
        "jenis": jenis,
        "pilihan_jenis": Sinyal.Jenis.choices,
        "daftar_kabkota": wilayah.filter(provinsi=provinsi).order_by("kode") if provinsi else None,
        "kabkota_dipilih": kode,
        "provinsi": provinsi,
        "dapat_menutup": _dapat_menutup(request.user),
    }
    return render(request, "laporan/sinyal_list.html", context)


@require_POST
def tutup(request, pk):
    obj = access.get_object_for_user(Sinyal.objects, request.user, pk=pk)
    access.require(_dapat_menutup(request.user))
    if obj.ditutup_pada:
        messages.info(request, "Sinyal ini sudah ditutup.")
        return redirect("laporan:sinyal")
    try:
        sinyal.tutup(obj, request.user, request.POST.get("alasan", "")[:2000])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            "Sinyal ditutup dengan alasan Anda; tetap tercatat di riwayat dan di saringan “Ditutup staf”.",
        )
    kembali = request.POST.get("kembali", "")
    aman = url_has_allowed_host_and_scheme(kembali, allowed_hosts={request.get_host()})
    return redirect(kembali if aman and kembali.startswith("/laporan/sinyal/") else "laporan:sinyal")
