// A session ends after 30 minutes without a request (SESSION_IDLE_SECONDS), and an operator who typed
// a long report item for longer than that lost the text when saving. While the user types or clicks,
// this asks the server now and then (which counts as activity); two minutes before the end it says
// so, with a button that keeps the session; at the end it says that the session ended, so the text
// can be copied before signing in again. Tabs of one session share the end time (localStorage).
(() => {
  // Set by templates/_sesi.html on this script's tag (in the admin, in the page's head).
  const { sesiSisa, sesiUrl, masukUrl } = document.currentScript.dataset;
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
  // Once ended, the page stays told so: signing in again (in another tab) gives a new CSRF token, and
  // this page's forms would still be refused.
  const sudahBerakhir = () => kotak?.dataset.jenis === "berakhir";

  function tautanMasuk() {
    const a = document.createElement("a");
    a.className = "btn btn-sm btn-primary";
    a.href = `${masukUrl}?next=${encodeURIComponent(location.pathname + location.search)}`;
    a.textContent = "Masuk kembali";
    return a;
  }

  function tombolTetap() {
    const tombol = document.createElement("button");
    tombol.type = "button";
    tombol.className = "btn btn-sm btn-primary";
    tombol.textContent = "Tetap masuk";
    tombol.addEventListener("click", tanya);
    return tombol;
  }

  function keterangan(teks) {
    const span = document.createElement("span");
    span.className = "small";
    span.textContent = teks;
    return span;
  }

  // Each state: its colour, its sentence, and what the user can do.
  const KEADAAN = {
    berakhir: [
      "alert-danger",
      "Sesi Anda telah berakhir. Isian yang belum disimpan tidak terkirim: salin dulu bila perlu, lalu masuk kembali.",
      tautanMasuk,
    ],
    peringatan: [
      "alert-warning",
      "Sesi Anda akan berakhir dalam 2 menit karena tidak ada aktivitas. Isian yang belum disimpan akan hilang.",
      tombolTetap,
    ],
    batas: [
      "alert-warning",
      "Sesi Anda akan berakhir dalam 2 menit. Simpan isian Anda sekarang, lalu masuk kembali.",
      () => keterangan("Batas lama sesi sejak masuk tidak dapat diperpanjang."),
    ],
  };

  function keadaan() {
    if (sudahBerakhir()) return "berakhir";
    const sisa = berakhirPada() - detik();
    if (sisa <= 0) return "berakhir";
    if (sisa <= PERINGATAN) return dapatDiperpanjang ? "peringatan" : "batas";
    return null;
  }

  function periksa() {
    const jenis = keadaan();
    if ((kotak?.dataset.jenis ?? null) === jenis) return;
    kotak?.remove();
    kotak = null;
    document.body.style.paddingBottom = "";
    if (!jenis) return;
    const [warna, teks, aksi] = KEADAAN[jenis];
    kotak = document.createElement("div");
    kotak.dataset.jenis = jenis;
    kotak.className = `alert ${warna} sesi-peringatan`;
    kotak.setAttribute("role", "alert");
    const p = document.createElement("p");
    p.className = "mb-2";
    p.textContent = teks;
    kotak.append(p, aksi());
    document.body.append(kotak);
    // Room below the page's end, so that what the notice covers (a form's save button, on a phone)
    // can be scrolled into view above it.
    document.body.style.paddingBottom = `${kotak.offsetHeight + 32}px`;
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
        if (!sudahBerakhir() && detik() - terakhirBertanya > JEDA && berakhirPada() > detik()) tanya();
      },
      { passive: true },
    );
  }
  window.addEventListener("storage", (event) => {
    if (event.key === KUNCI) periksa();
  });
  simpan(Number(sesiSisa)); // at least this much is left after this page's request (the server says)
  setInterval(periksa, 5000);
})();
