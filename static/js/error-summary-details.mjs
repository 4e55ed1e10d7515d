// GOV.UK error summary links move focus to the field with the error. When that field is inside a closed
// <details> (the "Add evidence" section of an update), open it first: the click is caught on its way down
// (capture), before GOV.UK Frontend's error summary handles it and focuses the field.
export function openDetailsForErrorLinks(root = document) {
  root.addEventListener(
    "click",
    (event) => {
      const link = event.target.closest(".govuk-error-summary a[href^='#']");
      if (!link) return;
      const field = document.getElementById(decodeURIComponent(link.hash.slice(1)));
      const details = field && field.closest("details");
      if (details && !details.open) details.open = true;
    },
    true,
  );
}
