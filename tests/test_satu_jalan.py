"""One lookup path: every object a view fetches of a scoped model goes through ``for_user`` (directly,
through ``access.get_object_for_user`` or through a scoped parent), and no view builds markup from
model fields in Python. Read from the source, so a new view cannot slip past."""

import ast
import inspect
from pathlib import Path

from django.apps import apps
from django.conf import settings

VIEWS = [
    "kesbangpol/views.py",
    "rakor/views.py",
    "rekomendasi/views.py",
    "laporan/views.py",
    "laporan/views_provinsi.py",
    "laporan/views_segera.py",
    "laporan/views_sinyal.py",
    # The read-only API's endpoints.
    "kesbangpol/api/wilayah.py",
    "rakor/api.py",
    "rekomendasi/api.py",
    "laporan/api.py",
]

# Reads of a scoped model that are not a user's lookup of an object, each with its reason.
DIIZINKAN = {
    # The user's own province or kab/kota, taken from their scope; a national admin picks any
    # province (provinces and kab/kota are public reference data).
    ("rakor/views.py", "_provinsi_baru", "Wilayah"),
    ("rekomendasi/views.py", "_provinsi_dasbor", "Wilayah"),
    ("laporan/views_provinsi.py", "_provinsi", "Wilayah"),
    ("laporan/views.py", "beranda", "Wilayah"),
    ("laporan/views.py", "buka", "Wilayah"),
    # The public check of a printed PDF: anyone holding it may see whether it is genuine and who
    # issued it (PRODUCT.md), and nothing else.
    ("kesbangpol/views.py", "verifikasi", "Dokumen"),
    ("kesbangpol/views.py", "verifikasi", "Instansi"),
}


def _scoped_models() -> set[str]:
    return {
        m.__name__
        for m in apps.get_models()
        if m._meta.app_label in {"kesbangpol", "rakor", "rekomendasi", "laporan"}
        and hasattr(m._default_manager, "for_user")
    }


def _kette(node):
    """The verbs of a chain like ``Model.objects.select_related(...).get(...)`` and its model."""
    verbs = []
    while True:
        if isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Attribute):
            verbs.append(node.attr)
            node = node.value
        else:
            break
    if len(verbs) >= 2 and verbs[-1] == "objects" and isinstance(node, ast.Name):
        return node.id, verbs[::-1][1:]
    return None, []


def _lookups(tree):
    """(function, model) for every single-object lookup ``Model.objects…get()/first()`` that is not
    scoped: no ``for_user`` in its chain, and not the queryset handed to
    ``access.get_object_for_user`` (which scopes it)."""
    for fn in ast.walk(tree):
        if not isinstance(fn, ast.FunctionDef):
            continue
        for node in ast.walk(fn):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
                continue
            if node.func.attr == "get_object_for_user":
                continue
            model, verbs = _kette(node)
            if model and verbs[-1] in ("get", "first", "last") and "for_user" not in verbs:
                yield fn.name, model


def test_views_read_scoped_models_only_through_for_user():
    scoped = _scoped_models()
    assert {"Rakor", "LaporanTriwulan", "Penugasan", "Narasumber", "PotensiKonflik"} <= scoped
    found = set()
    for path in VIEWS:
        tree = ast.parse((Path(settings.BASE_DIR) / path).read_text())
        calls = {
            n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
        }
        assert "get_object_or_404" not in calls, f"{path}: get_object_or_404 skips the user's scope"
        found |= {(path, fn, model) for fn, model in _lookups(tree) if model in scoped}
    assert found - DIIZINKAN == set(), "a view reads a scoped model without for_user"
    assert DIIZINKAN - found == set(), "an allowance is no longer needed: remove it"


def test_no_markup_is_built_from_strings_in_python():
    """Rows and charts are templates; the one exception is segno's QR code, which escapes its input."""
    pakai = []
    for app in ("kesbangpol", "rakor", "rekomendasi", "laporan"):
        for path in (Path(settings.BASE_DIR) / app).rglob("*.py"):
            if "mark_safe(" in path.read_text():
                pakai.append(path.relative_to(settings.BASE_DIR).as_posix())
    assert pakai == ["kesbangpol/templatetags/portal.py"]
    from kesbangpol.templatetags import portal

    assert "mark_safe(segno" in inspect.getsource(portal.qr)


def test_the_paste_parser_knows_the_items_limit():
    from rekomendasi import tempel
    from rekomendasi.models import Rekomendasi

    assert Rekomendasi._meta.get_field("isi").max_length == tempel.MAKS_ISI
