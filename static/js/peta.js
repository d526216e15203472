// The report map: points from the page's JSON, tiles only when configured (closed networks work too).
(function () {
  var el = document.getElementById("peta");
  var data = document.getElementById("data-peta");
  if (!el || !data || typeof L === "undefined") return;
  var titik = JSON.parse(data.textContent);
  var konfig = document.getElementById("peta-konfig").dataset;
  var map = L.map(el, { scrollWheelZoom: false }).setView([-2.5, 118], 5);
  if (konfig.tileUrl) {
    L.tileLayer(konfig.tileUrl, { maxZoom: 18, attribution: konfig.atribusi || "" }).addTo(map);
  }
  var warna = { tinggi: "#b02a37", sedang: "#e0a800", rendah: "#198754" };
  var batas = [];
  titik.forEach(function (t) {
    L.circleMarker([t.lat, t.lng], { radius: 7, color: "#222", weight: 1, fillColor: warna[t.tingkat], fillOpacity: 0.9 })
      .bindTooltip(t.wilayah + ": " + t.judul, { permanent: !konfig.tileUrl, direction: "right", className: "label-peta" })
      .addTo(map);
    batas.push([t.lat, t.lng]);
  });
  if (batas.length) map.fitBounds(batas, { padding: [30, 30], maxZoom: 10 });
})();
