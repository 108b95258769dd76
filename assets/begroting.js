/* Buurtbegroting: the table of areas × indicators and budget (layouts/begroting.py).
 *
 * The server sends the table as data (JSON text in the hidden #begroting-spec); this
 * file builds it with DOM calls into #begroting-table. Dash components for thousands of
 * cells made the page take minutes; DOM calls take milliseconds. Every text goes in with
 * textContent or as an attribute value, never as HTML, so an area name or a budget line
 * from an upload cannot run as script.
 *
 * Sorting: a click on a column head sets the Dash store #begroting-sort (same column:
 * the other direction), which makes the server send the rows in the new order.
 */
window.buurtmonitor = Object.assign({}, window.buurtmonitor, {
  begroting: (function () {
    let shown = null;

    function cell(spec) {
      const el = document.createElement(spec.tag === "th" ? "th" : "td");
      const attrs = spec.attrs || {};
      Object.keys(attrs).forEach(function (name) { el.setAttribute(name, attrs[name]); });
      if (spec.className) { el.className = spec.className; }
      if (spec.scope) { el.scope = spec.scope; }
      if (spec.colSpan) { el.colSpan = spec.colSpan; }
      if (spec.rowSpan) { el.rowSpan = spec.rowSpan; }
      if (spec.title) { el.title = spec.title; }
      if (spec.bg) { el.style.background = spec.bg; }
      if (spec.sort) {
        const button = document.createElement("button");
        button.type = "button";
        button.className = "sort-button";
        button.textContent = spec.text;
        if (spec.sortTitle) { button.title = spec.sortTitle; }
        button.dataset.sort = spec.sort;
        el.appendChild(button);
      } else {
        el.textContent = spec.text || "";
      }
      if (spec.sr) {
        const hidden = document.createElement("span");
        hidden.className = "sr-only";
        hidden.textContent = spec.sr;
        el.appendChild(hidden);
      }
      return el;
    }

    function row(spec) {
      const tr = document.createElement("tr");
      const attrs = spec.attrs || {};
      Object.keys(attrs).forEach(function (name) { tr.setAttribute(name, attrs[name]); });
      if (spec.className) { tr.className = spec.className; }
      (spec.cells || []).forEach(function (c) { tr.appendChild(cell(c)); });
      return tr;
    }

    function build(spec) {
      const table = document.createElement("table");
      table.id = spec.id;
      table.className = spec.className;
      const caption = document.createElement("caption");
      caption.textContent = spec.caption;
      table.appendChild(caption);
      const thead = document.createElement("thead");
      spec.head.forEach(function (cells) {
        if (cells.length) { thead.appendChild(row({ cells: cells })); }
      });
      table.appendChild(thead);
      const tbody = document.createElement("tbody");
      spec.body.forEach(function (r) { tbody.appendChild(row(r)); });
      table.appendChild(tbody);
      table.addEventListener("click", function (event) {
        const button = event.target.closest("button.sort-button");
        if (!button || !window.dash_clientside || !window.dash_clientside.set_props) { return; }
        const col = button.dataset.sort;
        const desc = spec.sort && spec.sort.col === col ? !spec.sort.desc : false;
        window.dash_clientside.set_props("begroting-sort", { data: { col: col, desc: desc } });
      });
      return table;
    }

    /* Render when the data changed (and again when Dash put back an empty container). */
    function update() {
      const source = document.getElementById("begroting-spec");
      const target = document.getElementById("begroting-table");
      if (!source || !target) { shown = null; return; }
      const text = source.textContent || "";
      if (text === shown && (text === "" || target.firstChild)) { return; }
      shown = text;
      target.replaceChildren(text ? build(JSON.parse(text)) : document.createTextNode(""));
    }

    new MutationObserver(update).observe(document.documentElement, {
      childList: true,
      subtree: true,
      characterData: true,
    });
    return { update: update, build: build };
  })(),
});
