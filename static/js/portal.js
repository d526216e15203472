// The menu button on a phone: Bootstrap's collapse without its 80 KB script bundle (the portal uses
// no other Bootstrap component that needs JavaScript).
document.addEventListener("click", (event) => {
  const tombol = event.target.closest('[data-bs-toggle="collapse"]');
  if (!tombol) return;
  const menu = document.querySelector(tombol.dataset.bsTarget);
  tombol.setAttribute("aria-expanded", String(menu.classList.toggle("show")));
});
