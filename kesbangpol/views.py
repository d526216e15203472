import base64
import datetime
import hashlib
import sys
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.views import defaults
from django.views.decorators.http import require_GET, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from kesbangpol import access, audit, batas, berkas, dates, middleware
from kesbangpol import beranda as beranda_kerja
from kesbangpol.forms import InstansiForm, InstansiOperatorForm, PreferensiKabarForm, TokenForm
from kesbangpol.models import Dokumen, Instansi, Notifikasi, TahapanPemilu, TokenAkses, User, Wilayah


def _get_wilayah_for_user(request, kode, write=False):
    return access.get_object_for_user(
        Wilayah.objects.select_related("provinsi"), request.user, write=write, kode=kode
    )


def _get_instansi_for_user(request, pk, write=False):
    return access.get_object_for_user(
        Instansi.objects.select_related("wilayah__provinsi"), request.user, write=write, pk=pk
    )


def beranda(request):
    """The user's work list: what is late, what came back, what is due soon, what waits for them,
    merged from every app (``kesbangpol.beranda``), then panels of figures. The national admin also
    gets the table of provinces."""
    user = request.user
    scope = access.lingkup(user)
    tugas, panel = beranda_kerja.kumpulkan(user, timezone.localdate())
    context = {
        "instansi": user.instansi,
        "wilayah": user.instansi.wilayah if user.instansi_id else None,
        "tugas": tugas,
        "panel_atas": [p for p in panel if p.urutan < 10],
        "panel": [p for p in panel if p.urutan >= 10],
    }
    if scope.nasional:
        context["provinsi_list"] = (
            Wilayah.objects.for_user(user).provinsi().annotate(jumlah_kabkota=Count("kabkota"))
        )
    return render(request, "kesbangpol/beranda.html", context)


@require_GET
def sesi(request):
    """What a page's session timer (static/js/sesi.js) asks: the seconds left before the session
    ends. Asking is a request like any other, so it counts as activity; an ended session answers
    with the sign-in redirect, as every page does."""
    idle, mutlak = middleware.sisa_sesi(request.session, int(time.time()))
    # Activity extends the session while the idle rule is the nearer end.
    return JsonResponse({"sisa_detik": max(0, min(idle, mutlak)), "dapat_diperpanjang": idle <= mutlak})


def profil(request):
    # perangkat: the device this session was verified with, as OTPMiddleware loaded it (no query).
    context = {"pengguna": request.user, "perangkat": request.user.otp_device}
    return render(request, "kesbangpol/profil.html", context)


def _admin_anda(user) -> dict:
    """Whom to ask to change one's account or reset a lost phone, by name."""
    orang = User.objects.admin_bagi(user)
    nasional = bool(orang) and orang[0].peran == User.Peran.ADMIN_NASIONAL
    return {"sebutan": "admin nasional" if nasional else "admin Kesbangpol provinsi", "orang": orang}


def token(request):
    """The user's API tokens: a new one is shown once, on the page that made it."""
    user = request.user
    form = TokenForm(request.POST or None, user=user)
    rahasia = None
    if request.method == "POST":
        if access.lingkup(user).kosong:
            raise PermissionDenied  # a token would read nothing
        if form.is_valid():
            d = form.cleaned_data
            baru, rahasia = TokenAkses.buat(user, d["nama"], d["masa_berlaku"], d["cakupan"])
            audit.catat(request, "token_api_buat", baru, keterangan=f"{baru.awalan}… {baru.nama}")
            form = TokenForm(user=user)
    context = {
        "form": form,
        "token_baru": rahasia,
        "token_list": TokenAkses.objects.for_user(user),
        "api_url": request.build_absolute_uri(reverse("api:akar")),
    }
    return render(request, "kesbangpol/token.html", context, status=400 if form.errors else 200)


@require_POST
def token_cabut(request, pk):
    token = access.get_object_for_user(TokenAkses.objects, request.user, pk=pk)
    for t in TokenAkses.objects.filter(pk=token.pk).cabut():
        audit.catat(request, "token_api_cabut", t, keterangan=f"{t.awalan}… {t.nama}")
        messages.success(request, f"Token “{t.nama}” dicabut: panggilan dengannya kini ditolak (401).")
    return redirect("kesbangpol:token")


def wilayah_list(request):
    wilayah = (
        Wilayah.objects.for_user(request.user)
        .select_related("provinsi")
        .annotate(jumlah_instansi=Count("instansi"))
        .order_by("kode")
    )
    q = request.GET.get("q", "").strip()
    if q:
        wilayah = wilayah.filter(Q(nama__icontains=q) | Q(kode__startswith=q))
    page = Paginator(wilayah, 50).get_page(request.GET.get("halaman"))
    return render(
        request, "kesbangpol/wilayah_list.html", {"page": page, "wilayah_list": page.object_list, "q": q}
    )


def wilayah_detail(request, kode):
    wilayah = _get_wilayah_for_user(request, kode)
    instansi = wilayah.instansi.annotate(
        # the office page lists its active users: the count is of those
        jumlah_pengguna=Count("pengguna", filter=Q(pengguna__is_active=True))
    ).order_by("jenis", "nama")
    kabkota = []
    if wilayah.is_provinsi:
        kabkota = (
            Wilayah.objects.for_user(request.user)
            .filter(provinsi=wilayah)
            .prefetch_related(
                Prefetch("instansi", queryset=Instansi.objects.kesbangpol(), to_attr="kesbangpol")
            )
        )
    # The election stages of this quarter and the next that apply here.
    hari_ini = timezone.localdate()
    tahapan = (
        TahapanPemilu.objects.untuk_wilayah(wilayah)
        .tumpang_tindih(
            dates.awal_triwulan(*dates.triwulan_dari(hari_ini)), hari_ini + datetime.timedelta(days=183)
        )
        .select_related("wilayah")
    )
    context = {
        "wilayah": wilayah,
        "instansi_list": instansi,
        "kabkota_list": kabkota,
        "tahapan_list": tahapan,
        "tahapan_judul": "Tahapan pemilu/pilkada, triwulan ini dan enam bulan ke depan",
        "dapat_menambah": access.dapat_menulis(request.user) and access.adalah_staf_provinsi(request.user),
    }
    return render(request, "kesbangpol/wilayah_detail.html", context)


def instansi_detail(request, pk):
    instansi = _get_instansi_for_user(request, pk)
    pengguna = User.objects.filter(instansi=instansi, is_active=True).order_by("nama_lengkap")
    context = {
        "instansi": instansi,
        "pengguna_list": pengguna,
        "dapat_mengubah": instansi.dapat_diubah_oleh(request.user),
    }
    return render(request, "kesbangpol/instansi_detail.html", context)


def instansi_tambah(request, kode):
    wilayah = _get_wilayah_for_user(request, kode, write=True)
    access.require(access.adalah_staf_provinsi(request.user))
    form = InstansiForm(request.POST or None, wilayah=wilayah)
    if request.method == "POST" and form.is_valid():
        instansi = form.save()
        messages.success(request, f"Instansi “{instansi.nama}” ditambahkan ke {wilayah.nama}.")
        return redirect(instansi)
    return render(request, "kesbangpol/instansi_form.html", {"form": form, "wilayah": wilayah})


def instansi_ubah(request, pk):
    instansi = _get_instansi_for_user(request, pk, write=True)
    form_class = InstansiForm if access.adalah_staf_provinsi(request.user) else InstansiOperatorForm
    form = form_class(request.POST or None, instance=instansi, wilayah=instansi.wilayah)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Data instansi “{instansi.nama}” disimpan.")
        return redirect(instansi)
    return render(
        request,
        "kesbangpol/instansi_form.html",
        {"form": form, "wilayah": instansi.wilayah, "instansi": instansi},
    )


def forbidden(request, exception=None):
    audit.catat(request, "akses_ditolak", request.path[:120], hasil="ditolak")
    return render(request, "403.html", status=403)


def server_error(request):
    """500, or 503 when the database connection is gone (the page says whether to send again); both
    pages are plain HTML that needs no database."""
    from django.db import connection

    if middleware.koneksi_putus(sys.exc_info()[1]):
        connection.close()
        response = HttpResponse(render_to_string("503.html"), status=503)  # no context processors
        response["Retry-After"] = "5"
        return response
    return defaults.server_error(request, template_name="500.html")


def not_found(request, exception=None):
    if getattr(request, "user", None) is not None and request.user.is_authenticated:
        # An id outside one's scope answers 404 like a missing one; the trail still records the try.
        sasaran = getattr(exception, "provinsi_sasaran", None)  # a scoped lookup's refusal
        audit.catat(request, "tidak_ditemukan", request.path[:120], hasil="ditolak", provinsi_sasaran=sasaran)
    # Never echo the path or the exception: "not yours" and "does not exist" must look the same.
    return defaults.page_not_found(request, exception=None, template_name="404.html")


# --- Documents ------------------------------------------------------------------------------------


def _get_dokumen_for_user(request, pk):
    return access.get_object_for_user(
        Dokumen.objects.select_related("provinsi", "diminta_oleh"), request.user, pk=pk
    )


def dokumen_list(request):
    """Earlier documents of the user's province, newest first."""
    dokumen = Dokumen.objects.for_user(request.user).select_related("provinsi", "diminta_oleh")
    page = Paginator(dokumen, 25).get_page(request.GET.get("halaman"))
    context = {
        "page": page,
        "dokumen_list": page.object_list,
        "tersembunyi": Dokumen.objects.tersembunyi(request.user),
    }
    return render(request, "kesbangpol/dokumen_list.html", context)


def dokumen_detail(request, pk):
    dok = _get_dokumen_for_user(request, pk)
    return render(request, "kesbangpol/dokumen_detail.html", {"dok": dok})


def dokumen_status(request, pk):
    dok = _get_dokumen_for_user(request, pk)
    response = JsonResponse(
        {
            "status": dok.status,
            "label": dok.get_status_display(),
            "progres": dok.progres,
            "pesan": dok.pesan_galat,
            "tertahan": dok.tertahan,
            "unduh": reverse("kesbangpol:dokumen_unduh", args=[dok.pk])
            if dok.status == Dokumen.Status.SELESAI
            else "",
        }
    )
    response["Cache-Control"] = "no-store"
    return response


def dokumen_unduh(request, pk):
    dok = _get_dokumen_for_user(request, pk)
    if dok.status != Dokumen.Status.SELESAI or not dok.berkas:
        raise Http404
    nama = f"{slugify(dok.judul)[:80] or 'dokumen'}-{dok.kode}.{dok.format}"
    jenis = berkas.XLSX if dok.format == "xlsx" else berkas.PDF
    return berkas.unduhan(request, dok.berkas, nama, jenis, "unduh_dokumen", dok, dok.get_absolute_url())


@login_not_required
def verifikasi(request, kode):
    """Public: confirms a printed or forwarded PDF is the one the portal issued. Shows title, issuer,
    date and SHA-256, never the content; an unknown code answers 404 saying no such document was
    issued (a forged or mistyped code, not a broken page). Codes carry ~49.5 bits; each address
    may still check only ``VERIFIKASI_PER_MENIT`` a minute."""
    if batas.melebihi(request, "verifikasi", settings.VERIFIKASI_PER_MENIT, 60):
        audit.catat(request, "verifikasi_dibatasi", hasil="ditolak")
        return render(request, "kesbangpol/verifikasi_dibatasi.html", status=429)
    dok = (
        Dokumen.objects.select_related("provinsi")
        .filter(kode=kode.upper(), status=Dokumen.Status.SELESAI)
        .first()
    )
    if dok is None:
        return render(
            request, "kesbangpol/verifikasi_tidak_dikenal.html", {"kode": kode.upper()[:40]}, status=404
        )
    hasil = None
    if request.method == "POST":
        upload = request.FILES.get("berkas")
        if upload is None or upload.size > berkas.maks_bytes():
            hasil = "kosong"
        else:
            digest = hashlib.sha256()
            for chunk in upload.chunks():
                digest.update(chunk)
            hasil = "cocok" if digest.hexdigest() == dok.sha256 else "tidak_cocok"
            audit.catat(request, "verifikasi_dokumen", dok, keterangan=hasil)
    penerbit = Instansi.objects.kesbangpol().filter(wilayah=dok.provinsi).first() if dok.provinsi_id else None
    response = render(
        request, "kesbangpol/verifikasi.html", {"dok": dok, "hasil": hasil, "penerbit": penerbit}
    )
    response["Cache-Control"] = "no-store"
    return response


# --- Second factor --------------------------------------------------------------------------------


def _tujuan(request):
    nxt = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        nxt, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return nxt
    return reverse("kesbangpol:beranda")


def dua_faktor(request):
    """Enter the six-digit code of the authenticator app. A code works once (django-otp keeps the
    last time step used), and wrong codes slow down (throttling)."""
    device = TOTPDevice.objects.devices_for_user(request.user, confirmed=True).first()
    if device is None:
        return redirect(reverse("kesbangpol:dua_faktor_siapkan") + "?" + request.GET.urlencode())
    galat = ""
    if request.method == "POST":
        kode = "".join(request.POST.get("kode", "").split())
        if kode.isdigit() and device.verify_token(kode):
            otp_login(request, device)
            audit.catat(request, "dua_faktor")
            return redirect(_tujuan(request))
        audit.catat(request, "dua_faktor", hasil="ditolak")
        galat = (
            "Kode salah, kedaluwarsa, atau sudah pernah dipakai. "
            "Masukkan kode baru dari aplikasi autentikator."
        )
    context = {"galat": galat, "next": _tujuan(request), "admin": _admin_anda(request.user)}
    return render(request, "registration/dua_faktor.html", context)


def dua_faktor_siapkan(request):
    """First time: scan the QR code (or type the key) into an authenticator app, then confirm with a
    code. Only a user without a confirmed device gets here."""
    if TOTPDevice.objects.devices_for_user(request.user, confirmed=True).exists():
        return redirect("kesbangpol:dua_faktor")
    device = TOTPDevice.objects.devices_for_user(request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name="Aplikasi autentikator", confirmed=False)
    galat = ""
    if request.method == "POST":
        kode = "".join(request.POST.get("kode", "").split())
        if kode.isdigit() and device.verify_token(kode):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            audit.catat(request, "dua_faktor_siapkan")
            messages.success(
                request, "Verifikasi dua langkah aktif. Setiap masuk, Anda akan diminta kode dari aplikasi."
            )
            return redirect(_tujuan(request))
        galat = "Kode belum cocok. Pastikan jam ponsel tepat, lalu masukkan kode yang sedang tampil."
    context = {
        "config_url": device.config_url,
        "kunci": base64.b32encode(device.bin_key).decode(),
        "galat": galat,
        "next": _tujuan(request),
    }
    return render(request, "registration/dua_faktor_siapkan.html", context)


# --- Notifications --------------------------------------------------------------------------------


def notifikasi_list(request):
    """The person's notifications, newest first; unread ones marked. Kept 180 days."""
    semua = Notifikasi.objects.for_user(request.user)
    hanya_baru = request.GET.get("baru") == "1"
    if hanya_baru:
        semua = semua.belum_dibaca()
    page = Paginator(semua, 30).get_page(request.GET.get("halaman"))
    return render(
        request,
        "kesbangpol/notifikasi_list.html",
        {"page": page, "notifikasi_list": page.object_list, "hanya_baru": hanya_baru},
    )


def notifikasi_buka(request, pk):
    """Opening a notification marks it read and goes to what it is about."""
    n = access.get_object_for_user(Notifikasi.objects, request.user, pk=pk)
    if n.dibaca is None:
        Notifikasi.objects.filter(pk=n.pk).update(dibaca=timezone.now())
    if n.url and url_has_allowed_host_and_scheme(n.url, allowed_hosts=None):
        return redirect(n.url)
    return redirect("kesbangpol:notifikasi")


@require_POST
def notifikasi_baca_semua(request):
    jumlah = Notifikasi.objects.for_user(request.user).belum_dibaca().update(dibaca=timezone.now())
    messages.success(
        request, f"{jumlah} notifikasi ditandai sudah dibaca." if jumlah else "Tidak ada notifikasi baru."
    )
    return redirect("kesbangpol:notifikasi")


def notifikasi_pengaturan(request):
    """Per kind: email at once, in the daily digest, or only here in the portal."""
    form = PreferensiKabarForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(
            request,
            "Pilihan notifikasi disimpan. Semua pemberitahuan tetap tampil di lonceng portal; "
            "surel dikirim sesuai pilihan Anda.",
        )
        return redirect("kesbangpol:notifikasi")
    return render(request, "kesbangpol/notifikasi_pengaturan.html", {"form": form})
