// Polls a document job until it is done or failed; the page works without it (reload).
(function () {
  var box = document.getElementById("dokumen-status");
  if (!box || box.dataset.status === "selesai" || box.dataset.status === "gagal") return;
  var bar = document.getElementById("dok-bar");
  var label = document.getElementById("dok-label");
  function tick() {
    fetch(box.dataset.url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (d) {
        bar.style.width = d.progres + "%";
        bar.textContent = d.progres + "%";
        bar.parentElement.setAttribute("aria-valuenow", d.progres);
        label.textContent = d.label;
        label.className = "badge dok-" + d.status;
        document.getElementById("dok-tertahan").classList.toggle("d-none", !d.tertahan);
        var pesan = document.getElementById("dok-pesan");
        pesan.textContent = d.pesan;
        pesan.classList.toggle("d-none", !d.pesan);
        pesan.classList.toggle("text-danger", d.status === "gagal");
        if (d.status === "selesai") {
          bar.classList.remove("progress-bar-striped", "progress-bar-animated");
          var link = document.getElementById("dok-unduh");
          link.href = d.unduh;
          link.classList.remove("d-none");
          window.setTimeout(function () { window.location.reload(); }, 800);
        } else if (d.status === "gagal") {
          bar.classList.add("bg-danger");
        } else {
          window.setTimeout(tick, 1500);
        }
      })
      .catch(function () { window.setTimeout(tick, 4000); });
  }
  window.setTimeout(tick, 800);
})();
