import time
import zoneinfo

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils import timezone

_SESSION_KEY = "kesbangpol_masuk_pada"


def catat_waktu_masuk(sender, request, user, **kwargs):
    request.session[_SESSION_KEY] = int(time.time())


class SessionLimitsMiddleware:
    """Ends a session SESSION_ABSOLUTE_SECONDS after sign-in, however active it was (the idle limit is
    the cookie age, renewed on every request)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            masuk = request.session.get(_SESSION_KEY)
            if masuk is None:
                request.session[_SESSION_KEY] = int(time.time())
            elif time.time() - masuk > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                messages.info(request, "Sesi Anda telah berakhir. Silakan masuk kembali.")
                return redirect_to_login(request.get_full_path())
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
