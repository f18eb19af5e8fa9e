// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // Elements that ask to be shown only with JavaScript (e.g. "saved" indicators).
  document.querySelectorAll("[data-js-only]").forEach((el) => el.classList.remove("is-hidden"));
  document.querySelectorAll("[data-no-js]").forEach((el) => el.classList.add("is-hidden"));
});
