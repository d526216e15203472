"""Where uploads and generated PDFs are stored (the default storage unless MEDIA_STORAGE_BACKEND
names another): files on disk, each written under a temporary name and moved into place, so a
full disk or a killed worker never leaves a truncated file under a real name, and a name written
again (a document rendered a second time) replaces its file instead of leaving a copy beside it.
:func:`bersihkan` removes what no record references."""

import contextlib
import datetime
import logging
import os
import tempfile
import time

from django.apps import apps
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import models

log = logging.getLogger(__name__)
AWALAN_SEMENTARA = ".sementara-"


class PenyimpananBerkas(FileSystemStorage):
    def __init__(self, **kwargs):
        kwargs.setdefault("allow_overwrite", True)
        super().__init__(**kwargs)

    def _save(self, name, content):
        tujuan = self.path(name)
        folder = os.path.dirname(tujuan)
        os.makedirs(folder, exist_ok=True)
        fd, sementara = tempfile.mkstemp(dir=folder, prefix=AWALAN_SEMENTARA)
        try:
            with os.fdopen(fd, "wb") as f:
                for chunk in content.chunks():
                    f.write(chunk)
                f.flush()
                os.fsync(f.fileno())
            os.chmod(sementara, self.file_permissions_mode or 0o644)
            os.replace(sementara, tujuan)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(sementara)
            raise
        return name.replace("\\", "/")


def _dirujuk() -> set[str]:
    """Every stored name a record points at (history rows included: an old version keeps its file;
    simple-history keeps a model's file fields as text columns of the same name)."""
    nama = set()
    for model in apps.get_models():
        asal = getattr(model, "instance_type", model)  # a history model's tracked model
        kolom = {f.name for f in asal._meta.concrete_fields if isinstance(f, models.FileField)}
        for f in kolom:
            nama |= set(model._default_manager.exclude(**{f: ""}).values_list(f, flat=True))
    return nama


def bersihkan(umur_jam: int = 6) -> int:
    """Remove files under the storage root that no record references and that are older than
    ``umur_jam`` (a file being uploaded right now is not referenced yet), and left-over temporary
    files. Returns how many were removed; only for storage on this disk."""
    if not isinstance(default_storage, FileSystemStorage):
        return 0
    root = default_storage.location
    batas = time.time() - datetime.timedelta(hours=umur_jam).total_seconds()
    dirujuk = _dirujuk()
    dihapus = 0
    for folder, _dirs, files in os.walk(root):
        for f in files:
            jalur = os.path.join(folder, f)
            nama = os.path.relpath(jalur, root).replace(os.sep, "/")
            try:
                if os.path.getmtime(jalur) > batas or nama in dirujuk:
                    continue
                os.unlink(jalur)
            except OSError:
                continue
            dihapus += 1
            log.info("Berkas tanpa rujukan dihapus: %s", nama)
    return dihapus
