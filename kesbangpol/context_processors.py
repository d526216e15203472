import functools

from django.conf import settings

from kesbangpol import access, middleware


def portal(request):
    user = getattr(request, "user", None)
    scope = access.lingkup(user) if user is not None else access.KOSONG
    masuk = user is not None and user.is_authenticated

    @functools.cache
    def notifikasi_baru():
        # Called only when a page shows the bell (once, however often the page asks): one indexed count.
        from kesbangpol.models import Notifikasi

        return Notifikasi.objects.for_user(user).belum_dibaca().count() if masuk else 0

    return {
        "notifikasi_baru": notifikasi_baru,
        # For the page's session timer (static/js/sesi.js): the seconds a page's request leaves at
        # least (the idle time less the minute the activity stamp may lag), the same on every page so
        # that a page's bytes do not change with the clock.
        "sesi_sisa": settings.SESSION_IDLE_SECONDS - middleware.LANGKAH_AKTIF if masuk else None,
        "PORTAL_NAMA": settings.PORTAL_NAMA,
        "lingkup": scope,
        "hanya_baca": user is not None and user.is_authenticated and not access.dapat_menulis(user),
        "staf_provinsi": user is not None and user.is_authenticated and access.adalah_staf_provinsi(user),
        "tingkat_provinsi": user is not None and user.is_authenticated and access.tingkat_provinsi(user),
    }
