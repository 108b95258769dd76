/* Carry-over: the chosen indicator, year, level, area and reference follow the user from page to
 * page. A click (or Enter) on a header navigation link adds to its target the keys of the
 * current URL that the target page reads (see each page's urlstate keys in layouts/*.py)
 * and that the link does not name itself, or else the last value chosen in this tab (a
 * year chosen on the Kaart survives a visit to Trends, which has none); the language
 * switch keeps the current URL's keys.
 * dcc.Link navigates with its own href prop, so the click is taken over here (capture
 * phase, before React) and the navigation done the way dcc.Link does it.
 */
(function () {
  const CARRY = {
    "/": ["indicator", "jaar", "niveau", "referentie", "basisjaar"],
    "/tabel": ["indicator"],
    "/trends": ["indicator", "niveau", "referentie", "basisjaar"],
    "/vergelijking": ["indicator", "jaar", "niveau", "referentie", "basisjaar"],
    "/blokjes": ["jaar", "niveau", "gebied"],
    "/begroting": ["jaar", "niveau", "gebied"],
    "/aandacht": ["jaar", "niveau"],
    "/agenda": ["gebied"],
  };

  const MEMORY = "buurtmonitor.carry";

  function remembered() {
    try {
      return JSON.parse(window.sessionStorage.getItem(MEMORY)) || {};
    } catch (error) {
      return {};
    }
  }

  /* What the user chose so far in this tab: the keys of the current URL, over what earlier
   * pages left. A key the current page reads but its URL lacks was cleared: forgotten. */
  function remember(current) {
    const memory = remembered();
    (CARRY[window.location.pathname] || []).forEach(function (key) {
      delete memory[key];
    });
    Object.keys(CARRY).forEach(function (path) {
      CARRY[path].forEach(function (key) {
        if (current.has(key)) memory[key] = current.get(key);
      });
    });
    try {
      window.sessionStorage.setItem(MEMORY, JSON.stringify(memory));
    } catch (error) {
      /* storage off: carry from the current URL only */
    }
    return memory;
  }

  function carried(link) {
    const target = new URL(link.getAttribute("href"), window.location.href);
    const current = new URLSearchParams(window.location.search);
    const memory = remember(current);
    if (link.id === "language-switch") {
      current.forEach(function (value, key) {
        if (!target.searchParams.has(key)) target.searchParams.set(key, value);
      });
    } else {
      (CARRY[target.pathname] || []).forEach(function (key) {
        if (key in memory && !target.searchParams.has(key)) target.searchParams.set(key, memory[key]);
      });
    }
    return target.pathname + target.search;
  }

  window.addEventListener(
    "click",
    function (event) {
      const link = event.target.closest && event.target.closest(".header nav a, #language-switch");
      if (!link || event.button !== 0) return;
      const href = carried(link);
      link.setAttribute("href", href);
      if (event.metaKey || event.shiftKey || event.altKey || event.ctrlKey) return;
      event.preventDefault();
      event.stopPropagation();
      if (link.id === "language-switch") {
        window.location = href;
        return;
      }
      window.history.pushState({}, "", href);
      window.dispatchEvent(new CustomEvent("_dashprivate_pushstate"));
      window.scrollTo(0, 0);
    },
    true
  );
})();
