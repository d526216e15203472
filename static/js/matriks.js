// On a narrow screen the matrix scrolls sideways: start at the newest quarters (right), not the oldest.
// Measured once the stylesheets are in (this script is async: it may run before they are applied).
(function () {
  function geser() {
    var box = document.querySelector(".matriks-gulir");
    if (box && box.scrollWidth > box.clientWidth) box.scrollLeft = box.scrollWidth;
  }
  if (document.readyState === "complete") geser();
  else window.addEventListener("load", geser);
})();
