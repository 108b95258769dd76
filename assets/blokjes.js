/* Blokjeskaart: a block of indicator cells on every area (dash-leaflet GeoJSON of points).
 *
 * The points (area code, name, representative point) are sent once per level; switching
 * year, set or filter only sends a new hideout: per area the class index of every cell
 * and its value text. The block is built here with DOM calls, never from an HTML string:
 * area names and labels (from uploads and catalogues) go in with textContent or as
 * attribute values, so nothing a user typed can run as script.
 *
 * Keyboard: each block is a small grid with one tab stop (roving tabindex); Tab goes from
 * block to block, the arrow keys (Home/End) from cell to cell, Escape hides the tooltip.
 * A focused cell shows the same tooltip as hovering, and its accessible name says area,
 * indicator, value, NAP, year and class in words.
 */
window.buurtmonitor = Object.assign({}, window.buurtmonitor, {
  blokjes: (function () {
    /* Typical side of an area of the level shown, in metres (from the hideout). */
    let side = null;

    /* Cell size in pixels: a block takes about three quarters of a typical area's width
     * on screen, so it is readable at stadsdeel zoom and small at city zoom. */
    function cellSize(map) {
      const zoom = map.getZoom();
      if (!side) { return zoom >= 14 ? 10 : (zoom >= 13 ? 7 : 4); }
      const lat = map.getCenter().lat * Math.PI / 180;
      const metresPerPixel = 40075016.686 * Math.cos(lat) / Math.pow(2, zoom + 8);
      return Math.max(3, Math.min(14, Math.floor((side / metresPerPixel) * 0.75 / 6)));
    }

    function applySize(map) {
      map.getContainer().style.setProperty("--blok-cel", cellSize(map) + "px");
    }

    function watchZoom(map, newSide) {
      if (!map) { return; }
      if (newSide && newSide !== side) {
        side = newSide;
        applySize(map);
      }
      if (map._blokjesZoom) { return; }
      map._blokjesZoom = true;
      map.on("zoomend", function () { applySize(map); });
      applySize(map);
    }

    function classOf(h, d, i) {
      return d ? h.classes[d.k[i]] : "geen_gegevens";
    }

    /* Rond door onzekerheid: the 95% interval contains NAP (a dot on the cell). */
    function unsure(d, i) {
      return Boolean(d && d.u && d.u[i]);
    }

    /* The class in words, with "±" when only uncertainty made it "rond". */
    function classWords(h, d, i) {
      const text = (h.classLabels || {})[classOf(h, d, i)];
      return unsure(d, i) ? text + " " + (h.labels || {}).uncertain : text;
    }

    function cellText(h, props, d, i) {
      const labels = h.labels || {};
      const year = h.years[i] === null ? labels.noYear : labels.year + " " + h.years[i];
      return props.name + " (" + props.code + "), " + h.indicators[i] + ": " +
        (d ? d.v[i] : "–") + " (" + labels.nap + " " + h.naps[i] + ", " + year + "); " +
        (h.classLabels || {})[classOf(h, d, i)] +
        (unsure(d, i) ? ", " + labels.uncertainWords : "");
    }

    /* The cell the arrow key leads to in a block's rows of cells (null: none). */
    function nextCell(rows, cell, key, ctrl) {
      const r = rows.findIndex(function (row) { return row.indexOf(cell) >= 0; });
      if (r < 0) { return null; }
      const c = rows[r].indexOf(cell);
      const last = rows.length - 1;
      if (key === "ArrowRight") { return rows[r][c + 1] || null; }
      if (key === "ArrowLeft") { return c > 0 ? rows[r][c - 1] : null; }
      if (key === "ArrowDown" && r < last) {
        return rows[r + 1][Math.min(c, rows[r + 1].length - 1)];
      }
      if (key === "ArrowUp" && r > 0) { return rows[r - 1][Math.min(c, rows[r - 1].length - 1)]; }
      if (key === "Home") { return ctrl ? rows[0][0] : rows[r][0]; }
      if (key === "End") {
        return ctrl ? rows[last][rows[last].length - 1] : rows[r][rows[r].length - 1];
      }
      return null;
    }

    function tipBox(h, props, d, i) {
      const box = document.createElement("div");
      const line = function (text, className) {
        const el = document.createElement("div");
        el.textContent = text;
        if (className) { el.className = className; }
        box.appendChild(el);
      };
      line(props.name + " (" + props.code + ")", "tip-title");
      if (i === null || i === undefined) {
        line((h.labels || {}).hover);
        return box;
      }
      const labels = h.labels || {};
      line(h.domains[i], "tip-domain");
      line(h.indicators[i], "tip-indicator");
      line(labels.value + ": " + (d ? d.v[i] : "–"));
      line(labels.nap + ": " + h.naps[i]);
      line(h.years[i] === null ? labels.noYear : labels.year + ": " + h.years[i]);
      line(classWords(h, d, i), "tip-class");
      if (unsure(d, i)) { line(labels.uncertainWords, "tip-uncertain"); }
      return box;
    }

    function pointToLayer(feature, latlng, context) {
      const h = (context && context.hideout) || {};
      const props = feature.properties;
      const d = (h.areas || {})[props.code];
      watchZoom(context && context.map, h.side);

      const block = document.createElement("div");
      block.className = "blok";
      block.setAttribute("role", "grid");
      block.setAttribute("aria-label", props.name + " (" + props.code + ")");
      block.dataset.code = props.code;
      const cells = [];
      (h.rows || []).forEach(function (row) {
        const line = document.createElement("div");
        line.className = "blok-rij";
        line.setAttribute("role", "row");
        const rowCells = [];
        row.forEach(function (i) {
          const klasse = classOf(h, d, i);
          const cell = document.createElement("div");
          cell.className = "blok-cel";
          cell.dataset.i = String(i);
          cell.dataset.klasse = klasse;
          cell.dataset.indicator = h.ids[i];
          if (unsure(d, i)) { cell.dataset.onzeker = "1"; }
          cell.style.backgroundColor = (h.colors || {})[klasse] || "#ffffff";
          cell.setAttribute("role", "gridcell");
          cell.setAttribute("aria-label", cellText(h, props, d, i));
          cell.tabIndex = cells.length || rowCells.length ? -1 : 0;
          rowCells.push(cell);
          line.appendChild(cell);
        });
        cells.push(rowCells);
        block.appendChild(line);
      });

      const icon = L.divIcon({html: block, className: "blok-icon", iconSize: null});
      const marker = L.marker(latlng, {icon: icon, keyboard: false, riseOnHover: true});
      marker.bindTooltip(tipBox(h, props, d, null), {
        sticky: true, direction: "right", offset: [14, 0], opacity: 1, className: "blokjes-tip",
      });
      block.addEventListener("mouseover", function (event) {
        const i = event.target && event.target.dataset ? event.target.dataset.i : undefined;
        marker.setTooltipContent(tipBox(h, props, d, i === undefined ? null : Number(i)));
      });
      // Focus shows what hover shows; the focused block is lifted above its neighbours
      // (z-index, not DOM order: moving a focused element would drop its focus).
      block.addEventListener("focusin", function (event) {
        const i = event.target.dataset.i;
        if (i === undefined) { return; }
        const map = context && context.map;
        let at = latlng;
        if (map) {
          if (!map.getBounds().contains(latlng)) { map.panInside(latlng, {padding: [60, 60]}); }
          // Beside the block's right edge, so the tooltip does not hide the cells.
          const point = map.latLngToContainerPoint(latlng).add([block.offsetWidth / 2, 0]);
          at = map.containerPointToLatLng(point);
        }
        marker.setZIndexOffset(1000);
        marker.setTooltipContent(tipBox(h, props, d, Number(i)));
        marker.openTooltip(at);
      });
      block.addEventListener("focusout", function (event) {
        if (block.contains(event.relatedTarget)) { return; }
        marker.setZIndexOffset(0);
        marker.closeTooltip();
      });
      block.addEventListener("keydown", function (event) {
        if (event.key === "Escape") {
          marker.closeTooltip();
          event.stopPropagation();
          return;
        }
        const target = nextCell(cells, event.target, event.key, event.ctrlKey);
        if (!target && !event.key.startsWith("Arrow") && event.key !== "Home" &&
            event.key !== "End") { return; }
        // Arrows stay in the block: no page scroll, no map pan.
        event.preventDefault();
        event.stopPropagation();
        if (!target) { return; }
        event.target.tabIndex = -1;
        target.tabIndex = 0;
        target.focus({preventScroll: true});
      });
      return marker;
    }

    function filter(feature, context) {
      const h = (context && context.hideout) || {};
      return Boolean((h.areas || {})[feature.properties.code]);
    }

    return {pointToLayer: pointToLayer, filter: filter};
  })(),
});
