/* Keyboard and closing for the header's area search (layouts/search_box.py).
 *
 * The matches are plain links rendered by a Dash callback; this only moves focus and
 * hides the list, it never changes what Dash holds. Arrow Down in the box goes to the
 * first match, Arrow Up/Down go from match to match (Up from the first: back to the box),
 * Escape hides the list and returns to the box, a click elsewhere hides it; typing shows
 * it again. Enter in the box opens the first listed match as a plain link (on the Kaart the
 * page's own URL keeping would otherwise undo a Dash navigation); before any match is
 * listed Enter is the Dash callback (n_submit), which finds and opens the first match.
 */
(function () {
  function box(el) {
    return el && el.closest ? el.closest(".area-search") : null;
  }

  function links(search) {
    return Array.prototype.slice.call(search.querySelectorAll(".area-search-list a"));
  }

  document.addEventListener("keydown", function (event) {
    const search = box(event.target);
    if (!search) return;
    const input = search.querySelector("input");
    const all = links(search);
    const at = all.indexOf(event.target);
    if (event.key === "Enter" && event.target === input && all.length) {
      event.preventDefault();
      event.stopPropagation();
      window.location.assign(all[0].href);
    } else if (event.key === "Escape") {
      search.classList.add("area-search-closed");
      if (input) input.focus();
    } else if (event.key === "ArrowDown" && all.length) {
      search.classList.remove("area-search-closed");
      all[Math.min(at + 1, all.length - 1)].focus();
      event.preventDefault();
    } else if (event.key === "ArrowUp" && at >= 0) {
      (at === 0 ? input : all[at - 1]).focus();
      event.preventDefault();
    }
  });

  document.addEventListener("input", function (event) {
    const search = box(event.target);
    if (search) search.classList.remove("area-search-closed");
  });

  document.addEventListener("click", function (event) {
    document.querySelectorAll(".area-search").forEach(function (search) {
      if (!search.contains(event.target)) search.classList.add("area-search-closed");
    });
  });
})();
