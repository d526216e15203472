"""The API's base view and its URLs (the apps add their endpoints with :func:`daftar`)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.urls import include, path
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions, routers, serializers, viewsets

from kesbangpol import audit
from kesbangpol.models import TokenAkses


class SkemaToken(OpenApiAuthenticationExtension):
    """The token scheme in the OpenAPI document (the documentation page's *Authorize* button)."""

    target_class = "kesbangpol.api.akses.TokenAuthentication"
    name = "tokenAkses"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "Token akses pribadi dari halaman Akun saya, mis. `kbp_…`.",
        }


class Dibatasi(exceptions.Throttled):
    default_detail = "Batas panggilan untuk token ini sudah tercapai."
    extra_detail_singular = extra_detail_plural = "Coba lagi dalam {wait} detik."


class BacaViewSet(viewsets.ReadOnlyModelViewSet):
    """Base of every endpoint: ``cakupan`` names the token part it needs, and ``get_queryset`` reads
    through the model's ``for_user``; every call is audited."""

    cakupan = ""
    urutan = "pk"

    def throttled(self, request, wait):
        raise Dibatasi(wait)

    def get_object(self):
        # The same answer whether the record is another region's or does not exist, naming no model.
        try:
            return super().get_object()
        except Http404:
            raise exceptions.NotFound() from None

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        token = request.auth if isinstance(request.auth, TokenAkses) else None
        awalan = token.awalan if token else getattr(request, "awalan_token", "")
        keterangan = f"token {awalan}… " if awalan else "sesi "
        if request.META.get("QUERY_STRING"):
            keterangan += "?" + request.META["QUERY_STRING"]
        audit.catat(
            request,
            "api_baca",
            f"api:{request.path}",
            hasil="berhasil" if response.status_code < 400 else "ditolak",
            keterangan=f"{response.status_code} {keterangan}",
        )
        return response


_DAFTAR: dict[str, type] = {}


def daftar(awalan: str, viewset: type) -> None:
    """Add an endpoint at ``/api/v1/<awalan>/`` (from an app's ``ready``)."""
    _DAFTAR.setdefault(awalan, viewset)


class Router(routers.DefaultRouter):
    include_format_suffixes = False
    trailing_slash = "/"


def urls():
    """The API's URL patterns. DRF's views do their own authentication (token or session) and are
    exempt from the portal's login redirect: a missing or bad token answers 401 in JSON. The
    documentation page is a portal page and sends a browser to the sign-in page."""
    from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

    router = Router()
    router.root_view_name = "akar"
    for awalan, viewset in _DAFTAR.items():
        router.register(awalan, viewset, basename=awalan)
    dokumentasi = SpectacularSwaggerSplitView.as_view(url_name="api:skema")
    pola = router.urls + [
        path("skema/", SpectacularAPIView.as_view(), name="skema"),
        path("dokumentasi/", login_required(dokumentasi), name="dokumentasi"),
    ]
    return include((pola, "api"))


# --- Fields the apps' serializers share -------------------------------------------------------------


class Kode(serializers.SlugRelatedField):
    """A related record by its stable code (a region's Kemendagri code, a codebook entry's code)."""

    def __init__(self, source=None, **kwargs):
        super().__init__(slug_field="kode", read_only=True, source=source, **kwargs)


@extend_schema_field(OpenApiTypes.URI)
class Tautan(serializers.Field):
    """The record's page in the portal, as an absolute address: ``get_absolute_url()``, or ``alamat(obj)``
    for a record shown on another's page (a report's item) or that stores its own (a signal)."""

    def __init__(self, alamat=None, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)
        self.alamat = alamat or (lambda obj: obj.get_absolute_url())

    def to_representation(self, obj):
        return self.context["request"].build_absolute_uri(self.alamat(obj))
