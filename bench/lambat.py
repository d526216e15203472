"""Pages over a slow link, as an operator in a kab/kota office feels them: Debian's Chromium driven by
Playwright, the network throttled by Chromium itself (400 kbit/s down, 200 up, 400 ms round trip),
390 px wide, against gunicorn with production settings. Each page cold (a new browser profile: no
cache, new connections) and warm (the same page again), as seconds to DOMContentLoaded and bytes
over the wire. Chromium's throttle is deterministic, so these figures repeat to a few per cent.

``python -m bench.lambat [--ulang N] [--halaman TEKS] [--json FILE]``, with the caller's
DATABASE_URL (``make bench`` uses the demo data on PostgreSQL)."""

import json
import statistics
import sys
from pathlib import Path

from bench import argumen, data, setup

CHROMIUM = "/usr/bin/chromium"
JARINGAN = {
    "offline": False,
    "latency": 400,
    "downloadThroughput": 400_000 / 8,
    "uploadThroughput": 200_000 / 8,
}
# What the issue names: the operator's home, report list and report page; the staff's matrix,
# aggregates and the rakor page (labels from the apps' bench_pages()).
HALAMAN = [
    "beranda operator",
    "daftar laporan operator",
    "laporan Kab. Paser",
    "matriks kelengkapan",
    "agregat",
    "halaman rakor Kaltim 2024",
]
# DOMContentLoaded (what the targets name) and the first contentful paint (when the page
# shows, with its stylesheet), both from the start of the navigation; bytes as transferred.
WAKTU = """() => new Promise((selesai) => {
  const n = performance.getEntriesByType("navigation")[0];
  const bytes = [n, ...performance.getEntriesByType("resource")].reduce((s, e) => s + e.transferSize, 0);
  const cat = (fcp) => selesai({dcl: n.domContentLoadedEventEnd / 1000, fcp: fcp / 1000, bytes});
  const ada = performance.getEntriesByName("first-contentful-paint")[0];
  if (ada) return cat(ada.startTime);
  new PerformanceObserver((l) => cat(l.getEntries()[0].startTime)).observe({type: "paint", buffered: true});
})"""


def _buka(browser, server_url, cookie, url, warm_ulang):
    """One cold load in a fresh context, then ``warm_ulang`` loads of the same page in it."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        locale="id-ID",
        extra_http_headers={"X-Forwarded-Proto": "https"},  # behind the TLS proxy
    )
    context.add_cookies([{**cookie, "url": server_url}])
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", JARINGAN)
    hasil = []
    for _ in range(1 + warm_ulang):
        response = page.goto(server_url + url, wait_until="load")
        if response.status != 200:
            raise RuntimeError(f"{url}: {response.status}")
        hasil.append(page.evaluate(WAKTU))
    context.close()
    return hasil[0], hasil[1:]


def ukur(server_url: str, halaman: list[tuple], sessions: dict, cookie_name: str, ulang: int) -> list[dict]:
    from playwright.sync_api import sync_playwright

    args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
    hasil = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=args + ["--disable-dev-shm-usage"])
        # Each page once unthrottled first: the workers' first request compiles templates and opens
        # connections, which is not the link's cost.
        for _label, url, user, _kelas in halaman:
            pemanasan = browser.new_context(extra_http_headers={"X-Forwarded-Proto": "https"})
            pemanasan.add_cookies(
                [{"name": cookie_name, "value": sessions[user], "url": server_url, "secure": True}]
            )
            pemanasan.new_page().goto(server_url + url)
            pemanasan.close()
        for label, url, user, _kelas in halaman:
            cookie = {"name": cookie_name, "value": sessions[user], "httpOnly": True}
            dingin, hangat = [], []
            for _ in range(ulang):
                d, h = _buka(browser, server_url, cookie, url, 2)
                dingin.append(d)
                hangat += h
            hasil.append(
                {
                    "label": label,
                    "url": url,
                    "user": user,
                    "dingin": statistics.median(x["dcl"] for x in dingin),
                    "dingin_fcp": statistics.median(x["fcp"] for x in dingin),
                    "dingin_bytes": statistics.median(x["bytes"] for x in dingin),
                    "hangat": statistics.median(x["dcl"] for x in hangat),
                    "hangat_fcp": statistics.median(x["fcp"] for x in hangat),
                    "hangat_bytes": statistics.median(x["bytes"] for x in hangat),
                }
            )
        browser.close()
    return hasil


def main(argv=None):
    parser = argumen(__doc__)
    parser.add_argument("--ulang", type=int, default=3, help="Muat dingin per halaman (median).")
    parser.add_argument("--halaman", default="", help="Hanya halaman yang labelnya memuat teks ini.")
    args = parser.parse_args(argv)
    import os

    # Plain cookie names: the browser talks http to 127.0.0.1 and would not keep a __Host- cookie
    # (behind the proxy it talks https); the cookies' size and the pages are the same.
    env = data.env_server(os.environ.get("DATABASE_URL") or data.siapkan("demo"), SECURE_COOKIES="false")
    os.environ.update(env)
    setup()
    from django.conf import settings

    from bench.halaman import halaman

    rows, sessions = halaman(args.halaman)
    pilih = [r for r in rows if any(r[0].startswith(h) for h in HALAMAN)]
    data.collectstatic(env)
    with data.Server(env, "lambat") as server:
        hasil = ukur(
            server.url,
            pilih,
            sessions,
            settings.SESSION_COOKIE_NAME,
            args.ulang,
        )
    if args.json:
        Path(args.json).write_text(json.dumps(hasil))
    print(tabel(hasil))


def tabel(hasil: list[dict]) -> str:
    lines = [
        "| halaman | dingin: DOMContentLoaded s | dingin: tampil (FCP) s | dingin: KiB "
        "| hangat: DOMContentLoaded s | hangat: FCP s | hangat: KiB |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for h in hasil:
        lines.append(
            f"| {h['label']} | {h['dingin']:.2f} | {h['dingin_fcp']:.2f} | {h['dingin_bytes'] / 1024:.1f} "
            f"| {h['hangat']:.2f} | {h['hangat_fcp']:.2f} | {h['hangat_bytes'] / 1024:.1f} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
