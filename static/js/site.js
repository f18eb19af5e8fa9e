// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", () => {
  // Elements that ask to be shown only with JavaScript (e.g. "saved" indicators).
  document.querySelectorAll("[data-js-only]").forEach((el) => el.classList.remove("is-hidden"));
  document.querySelectorAll("[data-no-js]").forEach((el) => el.classList.add("is-hidden"));
});

// Every POST form submits once: a double click sends one request. The services are
// idempotent where it matters; this spares people a second mail or a duplicate entry.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if ((form.getAttribute("method") || "").toLowerCase() !== "post") return;
  if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
    return;
  }
  if (form.dataset.submitted) {
    event.preventDefault();
    return;
  }
  form.dataset.submitted = "1";
  // A form whose answer is a download keeps the page; let it be sent again later.
  window.setTimeout(() => delete form.dataset.submitted, 4000);
});

// Coming back with the browser's back button must not leave forms locked.
window.addEventListener("pageshow", () => {
  document.querySelectorAll("form[data-submitted]").forEach((form) => delete form.dataset.submitted);
});

// Conditional questions: show a question as soon as the answer it depends on is given.
// The server decides the same on every page load, so without JavaScript the question
// appears after saving the page.
function answerOf(form, key) {
  const inputs = Array.from(form.querySelectorAll(`[name="${CSS.escape(key)}"]`));
  const live = inputs.filter((input) => !input.closest("[hidden]"));
  if (live.length === 0) return null;
  if (live[0].type === "radio" || live[0].type === "checkbox") {
    return live.filter((input) => input.checked).map((input) => input.value);
  }
  return [live[0].value];
}

function updateConditions(form) {
  // Document order lets a condition depend on a question that is itself conditional.
  form.querySelectorAll("[data-condition-key]").forEach((wrapper) => {
    const key = wrapper.dataset.conditionKey;
    // A condition on a question of another section was decided by the server: keep it.
    if (!form.querySelector(`[name="${CSS.escape(key)}"]`)) return;
    const values = answerOf(form, key);
    wrapper.hidden = !(values && values.includes(wrapper.dataset.conditionValue));
  });
}

document.addEventListener("change", (event) => {
  const form = event.target.closest("form");
  if (form && form.querySelector("[data-condition-key]")) updateConditions(form);
});

// After a failed submit the error summary takes the focus, so that it is read first.
// Its links (and links from elsewhere to a field, like the application's summary of
// missing answers) move the focus to the field and show its label above it.
function focusField(id) {
  const field = document.getElementById(id);
  if (!field) return false;
  const caption = field.closest("fieldset")?.querySelector("legend") || document.querySelector(`label[for="${CSS.escape(id)}"]`);
  field.focus({ preventScroll: true });
  (caption || field).scrollIntoView({ block: "start" });
  return document.activeElement === field;
}

document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  } else if (window.location.hash.length > 1) {
    focusField(decodeURIComponent(window.location.hash.slice(1)));
  }
});

document.addEventListener("click", (event) => {
  const link = event.target.closest("[data-error-summary] a[href^='#']");
  if (!link) return;
  if (focusField(decodeURIComponent(link.getAttribute("href").slice(1)))) event.preventDefault();
});

// Autosave swaps a field's error (or the warning about an answer the call does not
// accept) into the box its aria-describedby names; the inputs follow with aria-invalid.
document.addEventListener("htmx:afterSettle", () => {
  document.querySelectorAll("form [aria-describedby]").forEach((described) => {
    const errorId = described.getAttribute("aria-describedby").split(" ").find((id) => id.endsWith("_error"));
    const box = errorId && document.getElementById(errorId);
    if (!box) return;
    const invalid = box.textContent.trim() !== "";
    const inputs = described.tagName === "FIELDSET" ? described.querySelectorAll("input") : [described];
    inputs.forEach((input) => {
      if (invalid) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    });
  });
});

// An htmx update may remove the element that had focus (the "next page" link on the last
// page). The browser then drops focus to the body and keyboard and screen-reader users
// lose their place, so focus moves to the updated region's caption or heading instead.
let regionThatHadFocus = null;

document.addEventListener("htmx:beforeSwap", (event) => {
  const target = event.detail.target;
  regionThatHadFocus = target && target.id && target.contains(document.activeElement) ? target.id : null;
});

document.addEventListener("htmx:afterSettle", () => {
  if (!regionThatHadFocus) return;
  const region = document.getElementById(regionThatHadFocus);
  regionThatHadFocus = null;
  const active = document.activeElement;
  if (!region || (active && active !== document.body && active.isConnected)) return;
  const landing = region.querySelector("caption, h1, h2, h3, [role='status']") || region;
  if (!landing.hasAttribute("tabindex")) landing.setAttribute("tabindex", "-1");
  landing.focus();
});

// "Copy" buttons (e.g. the citation of a published version): the text stays visible and
// selectable without JavaScript; the button only saves selecting it.
document.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-copy]");
  if (!button || !navigator.clipboard) return;
  const source = document.getElementById(button.dataset.copy);
  const status = button.parentElement.querySelector("[data-copy-status]");
  navigator.clipboard.writeText(source.textContent.trim()).then(() => {
    if (status) status.textContent = button.dataset.copied;
  });
});
