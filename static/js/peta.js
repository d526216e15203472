// The report map: points from the page's JSON, tiles only when configured (closed networks work too).
// Without tiles each point keeps a permanent label; labels that would overlap an earlier one are
// hidden (its tooltip still shows on hover or tap), and a legend names the colours.
// Leaflet (40 KB compressed) is fetched by this script, not by the page: on a slow link the tables
// are readable before the map library has arrived.
(function () {
  var el = document.getElementById("peta");
  var data = document.getElementById("data-peta");
  var konfig = document.getElementById("peta-konfig");
  if (!el || !data || !konfig) return;
  // Leaflet is fetched at once (without holding DOMContentLoaded); the map is drawn when its script
  // and stylesheet are in and the page has loaded, so the map's box is laid out with the page's
  // stylesheets (this script is async and may run before they are applied) and label overlap is
  // measured with Leaflet's.
  var tunggu = 3;
  function siap() {
    if (--tunggu === 0) gambar(el, JSON.parse(data.textContent), konfig.dataset);
  }
  var css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = konfig.dataset.leafletCss;
  css.onload = siap;
  var js = document.createElement("script");
  js.src = konfig.dataset.leafletJs;
  js.onload = siap;
  document.head.append(css, js);
  if (document.readyState === "complete") siap();
  else window.addEventListener("load", siap);

  function gambar(el, titik, konfig) {
    var map = L.map(el, { scrollWheelZoom: false }).setView([-2.5, 118], 5);
    if (konfig.tileUrl) {
      L.tileLayer(konfig.tileUrl, { maxZoom: 18, attribution: konfig.atribusi || "" }).addTo(map);
    }
    var warna = { tinggi: "#b02a37", sedang: "#e0a800", rendah: "#198754" };
    var nama = { tinggi: "Tinggi", sedang: "Sedang", rendah: "Rendah" };
    var tetap = !konfig.tileUrl;
    // A point's details on click, built as text (never HTML from the data).
    function rincian(t) {
      var box = document.createElement("div");
      var judul = document.createElement("strong");
      judul.textContent = t.judul;
      box.appendChild(judul);
      [t.wilayah, "Tingkat " + nama[t.tingkat] + " · " + t.sumber, t.pihak ? "Pihak: " + t.pihak : "", t.verifikasi]
        .filter(Boolean)
        .forEach(function (baris) {
          var d = document.createElement("div");
          d.textContent = baris;
          box.appendChild(d);
        });
      return box;
    }
    var batas = [];
    var penanda = [];
    titik.forEach(function (t) {
      var m = L.circleMarker([t.lat, t.lng], { radius: 7, color: "#222", weight: 1, fillColor: warna[t.tingkat], fillOpacity: 0.9 })
        .bindTooltip(t.wilayah + ": " + t.judul, { permanent: tetap, direction: "auto", className: "label-peta" })
        .bindPopup(rincian(t))
        .addTo(map);
      penanda.push(m);
      batas.push([t.lat, t.lng]);
    });

    var legenda = L.control({ position: "bottomright" });
    legenda.onAdd = function () {
      var box = L.DomUtil.create("div", "legenda-peta");
      var judul = document.createElement("strong");
      judul.textContent = "Tingkat";
      box.appendChild(judul);
      ["tinggi", "sedang", "rendah"].forEach(function (k) {
        var baris = document.createElement("div");
        var titikWarna = document.createElement("span");
        titikWarna.className = "legenda-titik";
        titikWarna.style.background = warna[k];
        baris.appendChild(titikWarna);
        baris.appendChild(document.createTextNode(" " + nama[k]));
        box.appendChild(baris);
      });
      return box;
    };
    legenda.addTo(map);

    function rapikan() {
      if (!tetap) return;
      var terpakai = [];
      var peta = el.getBoundingClientRect();
      penanda.forEach(function (m) {
        var tip = m.getTooltip() && m.getTooltip().getElement();
        if (!tip) return;
        tip.style.visibility = "";
        var r = tip.getBoundingClientRect();
        var keluar = r.left < peta.left || r.right > peta.right || r.top < peta.top || r.bottom > peta.bottom;
        var tabrak = terpakai.some(function (o) {
          return !(r.right < o.left || r.left > o.right || r.bottom < o.top || r.top > o.bottom);
        });
        if (keluar || tabrak) tip.style.visibility = "hidden";
        else terpakai.push(r);
      });
    }
    if (batas.length) map.fitBounds(batas, { padding: [30, 30], maxZoom: 10 });
    map.on("zoomend moveend", rapikan);
    window.setTimeout(rapikan, 0);
  }
})();
