"""PDF rendering with WeasyPrint, shared by every app's documents.

Documents extend ``templates/pdf/base.html`` (a small print stylesheet of their own, never the site's
Bootstrap). The URL fetcher serves only the portal's own static files: untrusted text in a document
must never make the renderer read a local file (``file://``) or call another host.
"""

import base64
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

BASE_URL = "https://portal.invalid/"


class PortalURLFetcher(URLFetcher):
    def fetch(self, url, headers=None):
        if url.startswith("data:image/"):
            # Photos from the (private) media storage are embedded by the builders as data URLs.
            kepala, _, isi = url.partition(",")
            if not kepala.endswith(";base64"):
                raise ValueError("Gambar data: harus base64.")
            content_type = kepala[5:].split(";")[0]
            return URLFetcherResponse(url, body=base64.b64decode(isi), headers={"Content-Type": content_type})
        parts = urlsplit(url)
        prefix = urlsplit(BASE_URL + settings.STATIC_URL.lstrip("/")).path
        if f"{parts.scheme}://{parts.netloc}/" != BASE_URL or not parts.path.startswith(prefix):
            raise ValueError(f"Sumber luar ditolak dalam PDF: {url[:80]}")
        relative = unquote(parts.path[len(prefix) :])
        if ".." in Path(relative).parts:
            raise ValueError("Jalur berkas statis tidak sah.")
        found = finders.find(relative) or (Path(settings.STATIC_ROOT) / relative)
        path = Path(found)
        if not path.is_file():
            raise ValueError(f"Berkas statis tidak ada: {relative}")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": content_type})


def render_html(html: str) -> tuple[bytes, int]:
    """PDF bytes and page count of a document's HTML. The PDF is tagged (headings, tables, the
    document's language), so that a screen reader follows it as it would the page."""
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=PortalURLFetcher()).render()
    return document.write_pdf(pdf_tags=True), len(document.pages)


def render_pdf(template_name: str, context: dict) -> bytes:
    html = render_to_string(template_name, {"PORTAL_NAMA": settings.PORTAL_NAMA, **context})
    return render_html(html)[0]


def data_url(fieldfile, content_type: str) -> str:
    """A stored image as a data URL, for embedding in a PDF without a public media URL."""
    with fieldfile.open("rb") as f:
        return f"data:{content_type};base64,{base64.b64encode(f.read()).decode()}"
