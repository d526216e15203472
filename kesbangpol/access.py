"""Who may see and change what: the one place that answers it (PRODUCT.md §2).

- National admins see every province.
- A user whose office sits in a province sees that province and all of its kab/kota.
- A user whose office sits in a kab/kota sees only that kab/kota (apps add what is shared with it,
  such as the rakor it is invited to, in their own ``for_user``).
- A user without an office, in an office without a region, inactive or anonymous sees nothing.
- Pimpinan is read-only everywhere.
- *Rahasia* records are read only by users their province cleared (:func:`q_rahasia`); everyone
  else gets them left out, or "[dirahasiakan]" in their place.

Every scoped model gets ``for_user(user)`` from :class:`ScopedQuerySet` (or writes its own on top of
:func:`q_wilayah`), and every view fetches through :func:`get_object_for_user`, which answers 404 for
"not yours" (before anything else, so nothing leaks) and 403 for a write by a read-only role.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Q
from django.http import Http404


@dataclass(frozen=True)
class Lingkup:
    nasional: bool = False
    provinsi_id: int | None = None  # the user's province (also set for kab/kota users)
    kabkota_id: int | None = None  # set only for kab/kota users: their view stops there

    @property
    def kosong(self) -> bool:
        return not (self.nasional or self.provinsi_id)

    @property
    def seluruh_provinsi(self) -> bool:
        return bool(self.provinsi_id and not self.kabkota_id)


KOSONG = Lingkup()


def lingkup(user) -> Lingkup:
    """The user's scope, computed once per user object (the backend loads office and region
    with the user, so this costs no query)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return KOSONG
    cached = user.__dict__.get("_lingkup")
    if cached is not None:
        return cached
    result = KOSONG
    if user.peran == user.Peran.ADMIN_NASIONAL:
        result = Lingkup(nasional=True)
    elif user.instansi_id and user.instansi.aktif and user.instansi.wilayah_id:
        wilayah = user.instansi.wilayah
        if wilayah.provinsi_id is None:
            result = Lingkup(provinsi_id=wilayah.pk)
        else:
            result = Lingkup(provinsi_id=wilayah.provinsi_id, kabkota_id=wilayah.pk)
    user.__dict__["_lingkup"] = result
    return result


def q_wilayah(user, field: str = "wilayah") -> Q:
    """A filter for rows whose region (reached through ``field``; "" for Wilayah itself) lies in
    the user's scope. Rows without a region (central offices) are visible to national admins only."""
    scope = lingkup(user)
    pk = f"{field}_id" if field else "pk"
    parent = f"{field}__provinsi_id" if field else "provinsi_id"
    if scope.nasional:
        return Q()
    if scope.kosong:
        return Q(pk__in=[])
    if scope.kabkota_id:
        return Q(**{pk: scope.kabkota_id})
    return Q(**{pk: scope.provinsi_id}) | Q(**{parent: scope.provinsi_id})


class ScopedQuerySet(models.QuerySet):
    """Base for every model whose rows belong to a region. Subclasses name the path to it."""

    wilayah_field = "wilayah"

    def for_user(self, user):
        return self.filter(q_wilayah(user, self.wilayah_field))


class MelaluiIndukQuerySet(models.QuerySet):
    """Base for a model seen through a scoped parent (a rakor's speakers, a report's items, a
    follow-up's evidence): ``induk`` names the path to it, and the parent's own ``for_user`` decides.
    Such a model's ``dapat_diubah_oleh`` asks its parent's."""

    induk = ""

    def for_user(self, user):
        model = self.model
        for name in self.induk.split("__"):
            model = model._meta.get_field(name).related_model
        return self.filter(**{f"{self.induk}__in": model.objects.for_user(user)})


def provinsi_rahasia(user) -> frozenset:
    """The provinces whose *rahasia* records the user may read: those that granted it to the user's
    role or to the user by name (``IzinRahasia``), within the user's scope. Deny by default. One
    query, computed once per user object."""
    scope = lingkup(user)
    if scope.kosong:
        return frozenset()
    cached = user.__dict__.get("_provinsi_rahasia")
    if cached is not None:
        return cached
    from kesbangpol.models import IzinRahasia

    q = Q(pengguna=user) | Q(peran=user.peran)
    if not scope.nasional:
        q &= Q(provinsi_id=scope.provinsi_id)
    result = frozenset(IzinRahasia.objects.filter(q).values_list("provinsi_id", flat=True))
    user.__dict__["_provinsi_rahasia"] = result
    return result


def dapat_membaca_rahasia(user, provinsi_id) -> bool:
    return provinsi_id in provinsi_rahasia(user)


def tanpa_rahasia(qs, dapat_rahasia: bool = False):
    """``qs`` without its *rahasia* rows unless ``dapat_rahasia``: for work done without a user at hand (a
    document job that recorded its requester's clearance, a dataset that must never hold them)."""
    return qs if dapat_rahasia else qs.exclude(klasifikasi="rahasia")


def q_rahasia(user, provinsi_field: str) -> Q:
    """A filter that leaves out *rahasia* rows unless the user is cleared for their province
    (reached through ``provinsi_field``, e.g. ``"kabkota__provinsi"``)."""
    izin = provinsi_rahasia(user)
    terbuka = ~Q(klasifikasi="rahasia")
    return terbuka | Q(**{f"{provinsi_field}__in": izin}) if izin else terbuka


def dapat_menulis(user) -> bool:
    """Any write at all: signed in, active, with a scope, and not a read-only role."""
    return not lingkup(user).kosong and user.peran != user.Peran.PIMPINAN


def adalah_staf_provinsi(user) -> bool:
    """Provincial staff and admins (and national admins) act for the whole province: verify,
    accept, manage offices."""
    scope = lingkup(user)
    if scope.nasional:
        return True
    return scope.seluruh_provinsi and user.peran in user.PERAN_STAF


def tingkat_provinsi(user) -> bool:
    """Province-level users (staff, admins, pimpinan) and national admins: they ask for and
    download the province's documents (the governor's summary, rakor reports); kab/kota users
    do not (PRODUCT.md §4)."""
    scope = lingkup(user)
    return scope.nasional or scope.seluruh_provinsi


def get_object_for_user(queryset, user, *, write: bool = False, **lookup):
    """Fetch one scoped row: 404 when it is not the user's (whether or not it exists), then 403
    when the user may only read, or, for a write, when the object's own ``dapat_diubah_oleh`` says
    no (a locked report's item, another office's record)."""
    try:
        obj = queryset.for_user(user).get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise DiLuarLingkup(queryset.model, lookup) from None
    if write and not dapat_menulis(user):
        raise PermissionDenied
    if write and hasattr(obj, "dapat_diubah_oleh"):
        require(obj.dapat_diubah_oleh(user))
    return obj


class DiLuarLingkup(Http404):
    """The 404 of a scoped lookup. The page says only "not found"; the audit trail also files the
    attempt under the province of the object that was tried, when it exists, so that province's
    admin sees who probes its records (``provinsi_sasaran``, looked up only when asked)."""

    def __init__(self, model, lookup):
        super().__init__()
        self.model, self.lookup = model, lookup

    @property
    def provinsi_sasaran(self) -> int | None:
        try:
            obj = self.model._default_manager.filter(**self.lookup).first()
        except (ValueError, TypeError, ValidationError):
            return None
        return provinsi_objek(obj)


# The fields through which a record reaches its region, in the order they are tried.
_MENUJU_WILAYAH = (
    "kabkota", "wilayah", "instansi", "rakor", "laporan", "penugasan", "tindak_lanjut", "periode"
)  # fmt: skip


def provinsi_objek(obj) -> int | None:
    """The province a record belongs to (a region's own province for a region), or None."""
    from kesbangpol.models import Wilayah

    for _ in range(len(_MENUJU_WILAYAH)):
        if obj is None:
            return None
        if isinstance(obj, Wilayah):
            return obj.provinsi_id or obj.pk
        if getattr(obj, "provinsi_id", None):
            return obj.provinsi_id
        langkah = next((n for n in _MENUJU_WILAYAH if getattr(obj, f"{n}_id", None)), None)
        obj = getattr(obj, langkah) if langkah else None
    return None


def require(allowed: bool) -> None:
    """For rules finer than read/write, checked after the scoped lookup."""
    if not allowed:
        raise PermissionDenied
