import { initAll } from "../govuk/govuk-frontend.min.js";
import { openDetailsForErrorLinks } from "./error-summary-details.mjs";

initAll();
openDetailsForErrorLinks();

// After htmx swaps content in, start GOV.UK components in it and move focus to its heading or
// message so screen-reader and keyboard users know something changed.
document.body.addEventListener("htmx:afterSwap", (event) => {
  initAll({ scope: event.detail.target });
  const focusTarget = event.detail.target.querySelector("[data-focus-after-swap]");
  if (focusTarget) {
    focusTarget.setAttribute("tabindex", "-1");
    focusTarget.focus();
  }
});

// The action list's filter panel (a <details>, open without JavaScript) starts closed on a phone, where
// it would push the results a screen down; the chosen filters stay listed above the results.
for (const panel of document.querySelectorAll("[data-app-filter-panel]")) {
  if (window.matchMedia("(max-width: 48.0525em)").matches) {
    panel.open = false;
  }
}
