// On a narrow screen the matrix scrolls sideways: start at the newest quarters (right), not the oldest.
(function () {
  var box = document.querySelector(".matriks-gulir");
  if (box && box.scrollWidth > box.clientWidth) box.scrollLeft = box.scrollWidth;
})();
