// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // Elements that ask to be shown only with JavaScript (e.g. "saved" indicators).
  document.querySelectorAll("[data-js-only]").forEach((el) => el.classList.remove("is-hidden"));
  document.querySelectorAll("[data-no-js]").forEach((el) => el.classList.add("is-hidden"));
});

// Forms marked data-once submit once: a double click sends one request.
// (The server is idempotent anyway; this only spares a second round trip.)
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!form.matches("form[data-once]")) return;
  if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
    return;
  }
  if (form.dataset.submitted) {
    event.preventDefault();
    return;
  }
  form.dataset.submitted = "1";
});
