// The office picker: type to narrow the grouped checkbox list (office or region name); the count of
// ticked offices stays in view. Without JavaScript the full list is shown.
(function () {
  document.querySelectorAll("[data-pilih-instansi]").forEach(function (box) {
    var cari = box.querySelector(".cari-instansi");
    var jumlah = box.querySelector(".jumlah-dipilih");
    var kelompok = box.querySelectorAll(".kelompok-instansi");
    cari.hidden = false;
    function hitung() {
      var n = box.querySelectorAll("input[type=checkbox]:checked").length;
      jumlah.textContent = n ? n + " instansi dipilih" : "";
    }
    cari.addEventListener("input", function () {
      var q = cari.value.trim().toLowerCase();
      kelompok.forEach(function (g) {
        var wilayah = g.querySelector("legend").textContent.toLowerCase();
        var ada = false;
        g.querySelectorAll(".form-check").forEach(function (baris) {
          var cocok = !q || wilayah.indexOf(q) !== -1 || baris.textContent.toLowerCase().indexOf(q) !== -1;
          baris.hidden = !cocok;
          ada = ada || cocok;
        });
        g.hidden = !ada;
      });
    });
    box.addEventListener("change", hitung);
    hitung();
  });
})();
