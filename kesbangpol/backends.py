from datetime import timedelta

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.utils import timezone


class PenggunaBackend(ModelBackend):
    """Loads the office and its region with the user: every request needs them for scoping and
    the time zone, so they come in the same query."""

    def get_user(self, user_id):
        user = (
            get_user_model()._default_manager.select_related("instansi__wilayah").filter(pk=user_id).first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None

    def user_can_authenticate(self, user):
        # An inactive office cannot sign in either (the Kesbangpol of a merged region, say).
        if user.instansi_id and not user.instansi.aktif:
            return False
        return super().user_can_authenticate(user)


class KunciAkunBackend(AxesStandaloneBackend):
    """django-axes locks a username at one address (5 failures, 30 minutes), so an office behind
    one NAT address keeps signing in when a colleague mistypes. This adds a lock on the username
    across addresses: ``AKUN_GAGAL_BATAS`` failures from anywhere within ``AKUN_GAGAL_MENIT`` minutes
    (since the account's last successful sign-in) refuse every further attempt, even with the right
    password, until the oldest of them is that old. A stranger can hold an account shut only by
    going on failing (each attempt is in the failure log and extends the lock); the owner can still
    reset the password by mail, and an admin can lift the lock (``axes_reset_username``)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        super().authenticate(request, username=username, password=password, **kwargs)
        if username and gagal_lintas_alamat(username) >= settings.AKUN_GAGAL_BATAS:
            request.axes_locked_out = True
            request.kunci_lintas_alamat, request.kunci_menit = True, settings.AKUN_GAGAL_MENIT
            raise AxesBackendPermissionDenied("username locked across addresses")


def gagal_lintas_alamat(username: str) -> int:
    from axes.models import AccessFailureLog, AccessLog

    sejak = timezone.now() - timedelta(minutes=settings.AKUN_GAGAL_MENIT)
    terakhir = AccessLog.objects.filter(username=username).order_by("-attempt_time").first()
    if terakhir is not None and terakhir.attempt_time > sejak:
        sejak = terakhir.attempt_time
    return AccessFailureLog.objects.filter(username=username, attempt_time__gt=sejak).count()
