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
