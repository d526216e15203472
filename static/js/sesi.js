// A session ends after 30 minutes without a request (SESSION_IDLE_SECONDS), and an operator who typed
// a long report item for longer than that lost the text when saving. While the user types or clicks,
// this asks the server now and then (which counts as activity); two minutes before the end it says
// so, with a button that keeps the session; at the end it says that the session ended, so the text
// can be copied before signing in again. Tabs of one session share the end time (localStorage).
(() => {
  const { sesiIdle, sesiUrl, masukUrl } = document.body.dataset;
  if (!sesiUrl) return;
  const KUNCI = "kesbangpol-sesi-berakhir";
  const PERINGATAN = 120; // seconds before the end
  const JEDA = 300; // while the user works, ask at most every five minutes
  const detik = () => Date.now() / 1000;
  let terakhirBertanya = detik();
  let dapatDiperpanjang = true;
  let kotak = null;

  const simpan = (sisa) => localStorage.setItem(KUNCI, String(detik() + sisa));
  const berakhirPada = () => Number(localStorage.getItem(KUNCI)) || detik();

  function tampilkan(jenis, teks, aksi) {
    if (kotak && kotak.dataset.jenis === jenis) return;
    if (kotak) kotak.remove();
    kotak = document.createElement("div");
    kotak.dataset.jenis = jenis;
    kotak.className = `alert ${jenis === "berakhir" ? "alert-danger" : "alert-warning"} sesi-peringatan`;
    kotak.setAttribute("role", "alert");
    const p = document.createElement("p");
    p.className = "mb-2";
    p.textContent = teks;
    kotak.append(p, aksi);
    document.body.append(kotak);
  }

  function sembunyikan() {
    if (kotak) kotak.remove();
    kotak = null;
  }

  function periksa() {
    // Once ended, the page stays told so: signing in again (in another tab) gives a new CSRF token,
    // and this page's forms would still be refused.
    if (kotak && kotak.dataset.jenis === "berakhir") return;
    const sisa = berakhirPada() - detik();
    if (sisa <= 0) {
      const masuk = document.createElement("a");
      masuk.className = "btn btn-sm btn-primary";
      masuk.href = `${masukUrl}?next=${encodeURIComponent(location.pathname + location.search)}`;
      masuk.textContent = "Masuk kembali";
      tampilkan(
        "berakhir",
        "Sesi Anda telah berakhir. Isian yang belum disimpan tidak terkirim: salin dulu bila perlu, lalu masuk kembali.",
        masuk,
      );
    } else if (sisa <= PERINGATAN && dapatDiperpanjang) {
      const tetap = document.createElement("button");
      tetap.type = "button";
      tetap.className = "btn btn-sm btn-primary";
      tetap.textContent = "Tetap masuk";
      tetap.addEventListener("click", tanya);
      tampilkan(
        "peringatan",
        "Sesi Anda akan berakhir dalam 2 menit karena tidak ada aktivitas. Isian yang belum disimpan akan hilang.",
        tetap,
      );
    } else if (sisa <= PERINGATAN) {
      const simpanDulu = document.createElement("span");
      simpanDulu.className = "small";
      simpanDulu.textContent = "Sesi dibatasi 12 jam sejak masuk dan tidak dapat diperpanjang.";
      tampilkan(
        "batas",
        "Sesi Anda akan berakhir dalam 2 menit. Simpan isian Anda sekarang, lalu masuk kembali.",
        simpanDulu,
      );
    } else {
      sembunyikan();
    }
  }

  async function tanya() {
    terakhirBertanya = detik();
    try {
      const jawaban = await fetch(sesiUrl, { headers: { Accept: "application/json" }, redirect: "manual" });
      if (jawaban.type === "opaqueredirect") {
        simpan(0); // the server sent the sign-in page: the session has ended
      } else if (jawaban.ok) {
        const data = await jawaban.json();
        dapatDiperpanjang = data.dapat_diperpanjang;
        simpan(data.sisa_detik);
      }
    } catch {
      // No network: the end time stays as it was, and the next check decides.
    }
    periksa();
  }

  for (const jenis of ["keydown", "input", "pointerdown"]) {
    document.addEventListener(
      jenis,
      () => {
        const berakhir = kotak && kotak.dataset.jenis === "berakhir";
        if (!berakhir && detik() - terakhirBertanya > JEDA && berakhirPada() > detik()) tanya();
      },
      { passive: true },
    );
  }
  window.addEventListener("storage", (event) => {
    if (event.key === KUNCI) periksa();
  });
  // This page's request counted as activity, but the server rewrites its stamp at most once a minute:
  // at least the idle time less a minute is left. The server's answers (/akun/sesi/) are exact, the
  // limit of 12 hours since sign-in included.
  simpan(Number(sesiIdle) - 60);
  setInterval(periksa, 5000);
})();
