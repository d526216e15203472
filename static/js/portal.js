// What every page needs, in one small script.

// The menu button on a phone: Bootstrap's collapse without its 80 KB script bundle (the portal uses
// no other Bootstrap component that needs JavaScript).
document.addEventListener("click", (event) => {
  const tombol = event.target.closest('[data-bs-toggle="collapse"]');
  if (!tombol) return;
  const menu = document.querySelector(tombol.dataset.bsTarget);
  tombol.setAttribute("aria-expanded", String(menu.classList.toggle("show")));
});

// A form is sent once. On a slow link the answer takes seconds, and a second click on "Simpan" would
// send it again: the same potensi, follow-up or recommendation saved twice. Another submit of the
// same form is ignored for SEKALI_MS, or until the page comes back from the browser's back button.
// Forms that send themselves (data-unggah) guard their own buttons.
const SEKALI_MS = 15000;
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (event.defaultPrevented || form.method !== "post") return;
  if (Date.now() - Number(form.dataset.dikirim || 0) < SEKALI_MS) {
    event.preventDefault();
    return;
  }
  form.dataset.dikirim = String(Date.now());
  form.setAttribute("aria-busy", "true");
});
window.addEventListener("pageshow", (event) => {
  if (!event.persisted) return;
  for (const form of document.querySelectorAll("form[data-dikirim]")) {
    delete form.dataset.dikirim;
    form.removeAttribute("aria-busy");
  }
});
