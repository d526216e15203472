"""The users read Indonesian, never the code's names: no string a user may read (the apps' string
literals other than docstrings, and the templates) names a model's inner class such as
``Penugasan.Status``. A rename once turned a message into "Penugasan.Status: Belum sesuai"."""

import ast
import re
from pathlib import Path

from django.apps import apps
from django.conf import settings

APPS = ("kesbangpol", "rakor", "rekomendasi", "laporan")
ROOT = Path(settings.BASE_DIR)


def _modul():
    """Each of the apps' modules (migrations aside) as (path, syntax tree)."""
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path.relative_to(ROOT), ast.parse(path.read_text())


def _pola() -> re.Pattern:
    nama = sorted({m.__name__ for m in apps.get_models() if m._meta.app_label in APPS})
    return re.compile(rf"(?<![\w.])(?:{'|'.join(nama)})\.[A-Z]\w*")


def _bukan_teks(tree) -> set[int]:
    """Docstrings and type annotations (``list["Rakor.Status"]``): code's words, not the users'."""
    lewati = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        ):
            lewati.add(id(node.body[0].value))
        for anotasi in (getattr(node, "returns", None), getattr(node, "annotation", None)):
            if anotasi is not None:
                lewati |= {id(n) for n in ast.walk(anotasi)}
    return lewati


def test_no_message_or_template_names_a_models_inner_class():
    pola, temuan = _pola(), []
    for path, tree in _modul():
        lewati = _bukan_teks(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in lewati:
                temuan += [f"{path}:{node.lineno}: {m}" for m in pola.findall(node.value)]
    for path in sorted((ROOT / "templates").rglob("*.html")) + sorted((ROOT / "templates").rglob("*.txt")):
        temuan += [f"{path.relative_to(ROOT)}: {m}" for m in pola.findall(path.read_text())]
    assert not temuan


def test_the_check_finds_the_slip_it_guards_against():
    assert _pola().findall("Tindak lanjut dicatat. Penugasan.Status: Belum sesuai.") == ["Penugasan.Status"]
    assert not _pola().findall("rekomendasi.models.Penugasan.Status")  # a dotted path in settings


def _pengenal(node) -> str | None:
    """The identifier a node defines or uses: a function, class, variable, argument or attribute."""
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return node.name
    if isinstance(node, ast.arg | ast.keyword):
        return node.arg
    if isinstance(node, ast.Name):
        return node.id
    return node.attr if isinstance(node, ast.Attribute) else None


def test_permission_names_say_dapat_not_boleh():
    """One vocabulary (issue 16): what a user may do is ``dapat_…`` in every app, as in
    ``access.dapat_menulis``; ``boleh`` stays a word of the users' sentences."""
    pola, temuan = re.compile(r"(?:^|_)boleh(?:_|$)"), []
    for path, tree in _modul():
        temuan += [
            f"{path}:{node.lineno}: {nama}"
            for node in ast.walk(tree)
            if (nama := _pengenal(node)) and pola.search(nama)
        ]
    for path in sorted((ROOT / "templates").rglob("*.html")):
        for tag in re.findall(r"\{[{%](.*?)[%}]\}", path.read_text()):
            tag = re.sub(r"\"[^\"]*\"|'[^']*'", "", tag)  # a sentence quoted in a tag is the users' words
            temuan += [f"{path.relative_to(ROOT)}: {k}" for k in re.findall(r"\w+", tag) if pola.search(k)]
    assert not temuan
