/* Markup repairs for screen readers, checked by axe-core in tests/test_a11y.py.
 *
 * - <html lang>: Dash's page has none; it follows the page's language (?lang=en, else nl).
 * - Dash 4's dropdown: the element that takes the keyboard focus is an input marked
 *   aria-hidden, so a screen reader lands on something it was told to ignore. The marker
 *   goes; the input is named by the control's <label> (around it or pointing at it).
 * - Dash 4's RadioItems and Checklist render a listbox of role="option" labels that hold
 *   the real radio or checkbox inputs (an interactive element inside another, and a
 *   listbox without a name). They become a named radiogroup or group of plain labels:
 *   the inputs themselves carry the state, and arrow keys work as for any radio group.
 * - dcc.Upload's hidden file input gets the upload area's text as its name.
 * - A box that scrolls sideways (a wide table on a phone) and holds nothing focusable
 *   becomes focusable, so a keyboard can scroll it.
 * Only attributes change, never content or Dash's state; a MutationObserver repeats the
 * repairs when Dash renders a page or a component again.
 */
(function () {
  function setLang() {
    const lang = new URLSearchParams(window.location.search).get("lang") === "en" ? "en" : "nl";
    if (document.documentElement.getAttribute("lang") !== lang) {
      document.documentElement.setAttribute("lang", lang);
    }
  }

  let counter = 0;
  function nameOf(list) {
    const fieldset = list.closest("fieldset");
    const legend = fieldset && fieldset.querySelector("legend");
    if (legend) {
      if (!legend.id) legend.id = "a11y-legend-" + ++counter;
      return ["aria-labelledby", legend.id];
    }
    const label = list.closest("label");
    if (label) {
      const text = Array.prototype.filter
        .call(label.childNodes, function (node) { return node.nodeType === Node.TEXT_NODE; })
        .map(function (node) { return node.textContent.trim(); })
        .join(" ")
        .trim();
      if (text) return ["aria-label", text];
    }
    const outside = list.id && document.querySelector('label[for="' + list.id + '"]');
    if (outside) {
      if (!outside.id) outside.id = "a11y-label-" + ++counter;
      return ["aria-labelledby", outside.id];
    }
    return null;
  }

  function repair() {
    setLang();
    document.querySelectorAll(".dash-dropdown-focus-target[aria-hidden]").forEach(function (el) {
      el.removeAttribute("aria-hidden");
      const button = el.parentElement && el.parentElement.querySelector("button.dash-dropdown");
      if (el.closest("label") || !button || el.hasAttribute("aria-labelledby")) return;
      // Named by a <label for> beside it: the label and the chosen value, as the button is.
      const label = button.id && document.querySelector('label[for="' + button.id + '"]');
      if (label && !label.id) label.id = "a11y-label-" + ++counter;
      const ids = [label ? label.id : "", button.getAttribute("aria-labelledby") || ""];
      el.setAttribute("aria-labelledby", ids.join(" ").trim());
    });
    // Only RadioItems and Checklist: a dropdown's menu is a real listbox of options.
    const lists = ".dash-radioitems.dash-options-list, .dash-checklist.dash-options-list";
    document.querySelectorAll(lists).forEach(function (list) {
      if (list.getAttribute("role") !== "listbox") return;
      list.setAttribute("role", list.querySelector('input[type="radio"]') ? "radiogroup" : "group");
      if (!list.hasAttribute("aria-label") && !list.hasAttribute("aria-labelledby")) {
        const name = nameOf(list);
        if (name) list.setAttribute(name[0], name[1]);
      }
    });
    // Also options whose role is gone but that got aria-selected again: React sets it
    // anew when an option is ticked after the first repair.
    document.querySelectorAll(
      '.dash-radioitems [role="option"], .dash-checklist [role="option"], ' +
      ".dash-radioitems .dash-options-list-option[aria-selected], " +
      ".dash-checklist .dash-options-list-option[aria-selected]"
    ).forEach(function (option) {
      option.removeAttribute("role");
      option.removeAttribute("aria-selected");
    });
    document.querySelectorAll('input[type="file"]:not([aria-label])').forEach(function (input) {
      const area = input.parentElement;
      const text = area ? area.textContent.trim() : "";
      if (text) input.setAttribute("aria-label", text);
    });
    document.querySelectorAll("table, .table-scroll, [id$='-table']").forEach(scrollable);
  }

  function scrollable(el) {
    [el, el.parentElement].forEach(function (box) {
      if (!box || box.hasAttribute("tabindex") || box.scrollWidth <= box.clientWidth + 1) return;
      const overflow = window.getComputedStyle(box).overflowX;
      if (overflow !== "auto" && overflow !== "scroll") return;
      if (box.querySelector("a[href], button, input, select, textarea, [tabindex]")) return;
      box.setAttribute("tabindex", "0");
    });
  }

  let queued = false;
  function schedule() {
    if (queued) return;
    queued = true;
    window.requestAnimationFrame(function () {
      queued = false;
      repair();
    });
  }

  new MutationObserver(schedule).observe(document.documentElement, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ["role", "aria-hidden", "aria-selected"],
  });
  window.addEventListener("popstate", schedule);
  window.addEventListener("resize", schedule);
  schedule();
})();
