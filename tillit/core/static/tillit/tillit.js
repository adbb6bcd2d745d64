// Tillit's own behaviour. No inline scripts anywhere: the CSP forbids them.
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
