// Forms marked data-unggah send their files with a progress bar (evidence up to UNGGAH_MAKS_MB on a
// slow link). The server's answer replaces the page as a normal submit would (its messages, its
// errors); without JavaScript the form submits as usual.
(function () {
  document.querySelectorAll("form[data-unggah]").forEach(function (form) {
    form.addEventListener("submit", function (ev) {
      var ada = Array.prototype.some.call(form.querySelectorAll("input[type=file]"), function (i) {
        return i.files && i.files.length;
      });
      if (!ada || typeof XMLHttpRequest === "undefined") return;
      ev.preventDefault();
      var box = form.querySelector(".unggah-progres");
      var bar = box.querySelector(".progress-bar");
      var teks = box.querySelector(".unggah-teks");
      box.classList.remove("d-none");
      form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = true; });
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.action || window.location.href);
      xhr.upload.addEventListener("progress", function (e) {
        if (!e.lengthComputable) return;
        var p = Math.round((100 * e.loaded) / e.total);
        bar.style.width = p + "%";
        bar.textContent = p + "%";
        box.querySelector(".progress").setAttribute("aria-valuenow", p);
        teks.textContent = p < 100 ? "Mengunggah… " + p + "%" : "Terunggah, sedang diperiksa server…";
      });
      xhr.addEventListener("load", function () {
        document.open();
        document.write(xhr.responseText);
        document.close();
        if (xhr.responseURL) window.history.replaceState(null, "", xhr.responseURL);
      });
      xhr.addEventListener("error", function () {
        teks.textContent = "Koneksi terputus; berkas belum terkirim. Coba lagi.";
        bar.classList.add("bg-danger");
        form.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = false; });
      });
      var data;
      try { data = new FormData(form, ev.submitter); } catch (e) { data = new FormData(form); }
      xhr.send(data);
    });
  });
})();
