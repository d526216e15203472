import logging
import time
import zoneinfo
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.middleware import LoginRequiredMiddleware
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render, resolve_url
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme

_SESSION_KEY = "kesbangpol_masuk_pada"
_AKTIF_KEY = "kesbangpol_aktif_pada"
# The idle stamp is rewritten at most this often: a session row written on every request was most of
# a bare page's cost. The idle rule stays exact to this step.
LANGKAH_AKTIF = 60

log = logging.getLogger(__name__)


def catat_waktu_masuk(sender, request, user, **kwargs):
    sekarang = int(time.time())
    request.session[_SESSION_KEY] = sekarang
    request.session[_AKTIF_KEY] = sekarang


def sisa_sesi(session, sekarang: int) -> tuple[int, int]:
    """Seconds this session has left under each rule: the idle one (since the last activity stamp)
    and the absolute one (since sign-in). Below zero, the session has ended."""
    masuk = session.get(_SESSION_KEY, sekarang)
    aktif = session.get(_AKTIF_KEY, masuk)
    return (
        settings.SESSION_IDLE_SECONDS - (sekarang - aktif),
        settings.SESSION_ABSOLUTE_SECONDS - (sekarang - masuk),
    )


def tujuan_kembali(request) -> str:
    """Where signing in again leads: the page asked for, or, for a form's post (which the sign-in
    cannot send again), the page the form was on, when the browser names it and it is this portal's."""
    if request.method == "POST":
        asal = request.META.get("HTTP_REFERER", "")
        if url_has_allowed_host_and_scheme(
            asal, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            bagian = urlsplit(asal)
            return bagian.path + (f"?{bagian.query}" if bagian.query else "")
    return request.get_full_path()


class LoginWajibMiddleware(LoginRequiredMiddleware):
    """Django's deny-by-default sign-in, returning a form's post to its form (:func:`tujuan_kembali`)."""

    def handle_no_permission(self, request, view_func):
        if request.method != "POST":
            return super().handle_no_permission(request, view_func)
        messages.info(request, "Isian yang Anda kirim tidak tersimpan karena Anda belum masuk.")
        return redirect_to_login(
            tujuan_kembali(request),
            resolve_url(self.get_login_url(view_func)),
            self.get_redirect_field_name(view_func),
        )


class SessionLimitsMiddleware:
    """Ends a session SESSION_IDLE_SECONDS after its last request and SESSION_ABSOLUTE_SECONDS after
    sign-in, however active it was. The last-activity stamp is saved at most once a minute (the
    session row, and its expiry, are written only then)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            sekarang = int(time.time())
            session = request.session
            idle, mutlak = sisa_sesi(session, sekarang)
            if _SESSION_KEY not in session:
                session[_SESSION_KEY] = session[_AKTIF_KEY] = sekarang
            elif min(idle, mutlak) < 0:
                logout(request)
                tersimpan = " Isian yang baru Anda kirim tidak tersimpan." if request.method == "POST" else ""
                messages.info(request, f"Sesi Anda telah berakhir.{tersimpan} Silakan masuk kembali.")
                return redirect_to_login(tujuan_kembali(request))
            elif settings.SESSION_IDLE_SECONDS - idle >= LANGKAH_AKTIF:  # the stamp is a minute old
                session[_AKTIF_KEY] = sekarang
        return self.get_response(request)


class RegionTimezoneMiddleware:
    """Shows times in the zone of the user's region (WIB, WITA or WIT)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and user.instansi_id and user.instansi.wilayah_id:
            timezone.activate(zoneinfo.ZoneInfo(user.instansi.wilayah.zona_waktu))
        else:
            timezone.deactivate()
        return self.get_response(request)


class HanyaKirimanMiddleware:
    """An address that takes only a form's POST, opened as a page (signing in again after the
    session ended sends the user back to the address the form was posting to; an old bookmark):
    a page that says what happened and where to go, not the browser's blank HTTP 405."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405 and request.method == "GET" and not response.content:
            halaman = render(request, "405.html", status=405)
            halaman["Allow"] = response["Allow"]
            return halaman
        return response


def _csp() -> str:
    """No inline scripts anywhere (portal and admin load only files from /static/); inline style
    attributes are allowed (progress bars, Bootstrap utilities), <style> blocks are not."""
    img = ["'self'", "data:"]
    if settings.PETA_TILE_URL:
        parts = urlsplit(settings.PETA_TILE_URL.replace("{s}.", "*."))
        img.append(f"{parts.scheme}://{parts.netloc}")
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "style-src-attr 'unsafe-inline'",
            f"img-src {' '.join(img)}",
            "connect-src 'self'",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


class SecurityHeadersMiddleware:
    """A Content Security Policy on every response, and ``Cache-Control: no-store`` on everything an
    authenticated user receives (pages, exports, downloads): intelligence must not sit in caches."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.csp = _csp()

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", self.csp)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
        return response


class DuaFaktorMiddleware:
    """Until a user who needs a second factor has entered a one-time code in this session, every
    page sends them to the code page (or to set-up, the first time). A password reset signs nobody
    in, so it cannot skip this step."""

    BEBAS = ("kesbangpol:dua_faktor", "kesbangpol:dua_faktor_siapkan", "logout")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            settings.DUA_FAKTOR_WAJIB
            and user.is_authenticated
            and user.perlu_dua_faktor
            and not user.is_verified()
            and not request.path.startswith(settings.STATIC_URL)
        ):
            from django.urls import Resolver404, resolve

            try:
                nama = resolve(request.path_info).view_name
            except Resolver404:
                nama = ""
            if nama not in self.BEBAS:
                from django.shortcuts import redirect
                from django.urls import reverse
                from django.utils.http import urlencode

                return redirect(
                    reverse("kesbangpol:dua_faktor") + "?" + urlencode({"next": request.get_full_path()})
                )
        return self.get_response(request)


class ServerTimingMiddleware:
    """With SERVER_TIMING on (the CPU bench turns it on), each response says how much CPU its
    request took in this thread: ``Server-Timing: cpu;dur=<ms>``. CPU time does not move with the
    neighbours' load the way requests per second do."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.SERVER_TIMING:
            return self.get_response(request)
        mulai = time.thread_time()
        response = self.get_response(request)
        response["Server-Timing"] = f"cpu;dur={(time.thread_time() - mulai) * 1000:.2f}"
        return response


def koneksi_putus(exc: BaseException | None) -> bool:
    """Whether an exception is the database connection being gone (a restart, a network cut,
    pg_terminate_backend), not an error of the query itself."""
    from django.db import InterfaceError, OperationalError, connection

    if not isinstance(exc, OperationalError | InterfaceError):
        return False
    return connection.connection is None or not connection.is_usable()


class KoneksiPutusMiddleware:
    """A view that meets a dropped database connection: the connection is closed, and a GET or HEAD
    (which changes nothing) is run once more on a fresh one; anything else, or a second failure,
    answers the 503 page (``views.server_error``), never a 500 or a 400."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        from django.db import connection

        if not koneksi_putus(exception):
            return None
        connection.close()
        if request.method not in ("GET", "HEAD") or getattr(request, "_diulang", False):
            return None  # handler500 answers 503
        request._diulang = True
        log.warning("Koneksi basis data putus saat %s %s; diulang sekali.", request.method, request.path)
        match = request.resolver_match
        response = match.func(request, *match.args, **match.kwargs)
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        return response
