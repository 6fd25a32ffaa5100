// The console's own script: small behaviours that need no server round trip. Loaded with defer on
// every signed-in page; the pages work without it (forms post normally).
'use strict';

// A form marked data-confirm asks before it is sent; the text of the attribute is the question.
document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.dataset.confirm) return;
  if (!window.confirm(form.dataset.confirm)) {
    event.preventDefault();
    event.stopImmediatePropagation();
  }
}, true);
