// "Markierte Stelle übernehmen": copies the text selected inside the paragraph into the
// passage field. Progressive enhancement only: without it, people type or paste the
// words into the field, and the server finds them in the paragraph.
document.addEventListener("DOMContentLoaded", () => {
  const source = document.querySelector("[data-quote-source]");
  const button = document.querySelector("[data-quote-take]");
  const status = document.querySelector("[data-quote-status]");
  if (!source || !button) return;
  const field = document.getElementById(button.dataset.quoteTake);
  if (!field) return;
  let remembered = "";
  const selectedInSource = () => {
    const selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return "";
    const range = selection.getRangeAt(0);
    if (!source.contains(range.commonAncestorContainer)) return "";
    return selection.toString().replace(/\s+/g, " ").trim();
  };
  // Focus moving to the button may clear the selection: keep the last one made.
  document.addEventListener("selectionchange", () => {
    const text = selectedInSource();
    if (text) remembered = text;
  });
  button.hidden = false;
  button.addEventListener("click", () => {
    const text = selectedInSource() || remembered;
    if (!text) {
      status.textContent = button.dataset.quoteEmpty || "";
      return;
    }
    field.value = text;
    status.textContent = (button.dataset.quoteDone || "") + " „" + text + "“";
    field.focus();
  });
});
