// Conveniences on the attendance form; the form works without them.
(function () {
  var table = document.getElementById("tabel-kehadiran");
  if (!table) return;
  document.querySelectorAll(".js-only").forEach(function (el) { el.hidden = false; });
  document.querySelectorAll("[data-set-all]").forEach(function (button) {
    button.addEventListener("click", function () {
      table.querySelectorAll("select[name$='-kehadiran']").forEach(function (select) {
        if (!select.closest("tr").hidden) select.value = button.dataset.setAll;
      });
    });
  });
  var filter = document.getElementById("saring");
  filter.addEventListener("input", function () {
    var q = filter.value.toLowerCase();
    table.querySelectorAll("tbody tr").forEach(function (row) {
      row.hidden = q && row.textContent.toLowerCase().indexOf(q) === -1;
    });
  });
})();
