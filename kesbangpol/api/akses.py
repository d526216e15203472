"""Who may call the API and how often: tokens, the read-only rule, the rate limit, the pagination.
Named in ``REST_FRAMEWORK`` (settings), so this module imports no view."""

from django.conf import settings
from rest_framework import authentication, exceptions, pagination, permissions, throttling

from kesbangpol import access
from kesbangpol.backends import PenggunaBackend
from kesbangpol.models import TokenAkses
from kesbangpol.models.token import sidik

PESAN_TOKEN = "Token tidak dikenal, sudah kedaluwarsa atau sudah dicabut."


class TokenAuthentication(authentication.BaseAuthentication):
    """``Authorization: Bearer <token>``: the token's owner, with ``request.auth`` the token."""

    def authenticate(self, request):
        bagian = authentication.get_authorization_header(request).split()
        if not bagian or bagian[0].lower() != b"bearer":
            return None
        if len(bagian) != 2:
            raise exceptions.AuthenticationFailed("Header Authorization harus berbentuk: Bearer <token>.")
        rahasia = bagian[1].decode("ascii", errors="replace")
        request.awalan_token = rahasia[:8]
        token = (
            TokenAkses.objects.select_related("pengguna__instansi__wilayah")
            .filter(sidik=sidik(rahasia))
            .first()
        )
        # The same rule as signing in: an inactive user, or one of an inactive office, is refused.
        if token is None or not token.berlaku or not PenggunaBackend().user_can_authenticate(token.pengguna):
            raise exceptions.AuthenticationFailed(PESAN_TOKEN)
        token.tandai_dipakai()
        return token.pengguna, token

    def authenticate_header(self, request):
        return 'Bearer realm="api"'


class BacaSaja(permissions.BasePermission):
    """Reads only, by a user with a scope, within the token's parts of the data."""

    message = "API ini hanya untuk membaca."

    def has_permission(self, request, view):
        if not request.user or not request.user.is_authenticated:
            return False
        if request.method not in permissions.SAFE_METHODS:
            return False
        if access.lingkup(request.user).kosong:
            self.message = "Akun ini belum ditempatkan di instansi yang aktif."
            return False
        token = request.auth
        cakupan = getattr(view, "cakupan", None)
        if isinstance(token, TokenAkses) and cakupan and cakupan not in token.cakupan:
            self.message = f"Token ini tidak diberi cakupan “{TokenAkses.Cakupan(cakupan).label}”."
            return False
        return True


class BatasToken(throttling.SimpleRateThrottle):
    """``API_BATAS`` calls per token (a browser session counts per user)."""

    scope = "token"

    def get_rate(self):
        return settings.API_BATAS

    def get_cache_key(self, request, view):
        if isinstance(request.auth, TokenAkses):
            ident = "t" + request.auth.sidik[:20]
        elif request.user and request.user.is_authenticated:
            ident = f"u{request.user.pk}"
        else:
            ident = self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


class Kursor(pagination.CursorPagination):
    """Cursor pagination in the view's ``urutan`` (a unique, unchanging key: the pk or a region code)."""

    page_size = 50
    page_size_query_param = "jumlah"
    max_page_size = 500
    cursor_query_description = "Penunjuk halaman (dari tautan next/previous)."
    page_size_query_description = "Banyak baris per halaman (paling banyak 500)."

    def get_ordering(self, request, queryset, view):
        return (getattr(view, "urutan", "pk"),)
