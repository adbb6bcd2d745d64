// Tillit's own behaviour. No inline scripts anywhere: the CSP forbids them.
document.documentElement.classList.add("js");

// A table wider than the screen scrolls in its own box; the box must be reachable by keyboard
// (WCAG 2.1.1), so it becomes focusable when it actually scrolls.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll(".table-wrap, .table-scroll").forEach((box) => {
    if (box.scrollWidth > box.clientWidth && !box.hasAttribute("tabindex")) {
      box.setAttribute("tabindex", "0");
    }
  });
});

// On a phone the main menu (and the logout form) open from the "Meny" button.
document.addEventListener("click", (event) => {
  const toggle = event.target.closest(".menu-toggle");
  if (!toggle) return;
  const open = toggle.getAttribute("aria-expanded") !== "true";
  toggle.setAttribute("aria-expanded", String(open));
  document.querySelectorAll(".main-nav, .logout").forEach((el) => el.classList.toggle("open", open));
});
document.addEventListener("click", (event) => {
  const target = event.target.closest("[data-confirm]");
  if (target && !window.confirm(target.dataset.confirm)) {
    event.preventDefault();
  }
});

// A submitted form cannot be submitted twice by a double click (the server also guards this).
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form.dataset.submitting === "1") {
    event.preventDefault();
    return;
  }
  form.dataset.submitting = "1";
  window.setTimeout(() => { form.dataset.submitting = ""; }, 4000);
});
