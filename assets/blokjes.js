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
    /* Columns and rows of cells in a block (from the hideout's rows). */
    let shape = {cols: 6, rows: 3};
    let labels = {};

    /* Cell sizes in pixels: 3 is the smallest whose colour can still be told apart. */
    const MIN_CELL = 3;
    const MAX_CELL = 14;
    /* Pixels kept free between two blocks, so each block's white ring stays visible. */
    const GAP = 2;

    /* The cell size a reader would like: a block takes about three quarters of a typical
     * area's width on screen, readable at stadsdeel zoom and small at city zoom. */
    function readableSize(map) {
      const zoom = map.getZoom();
      if (!side) { return zoom >= 14 ? 10 : (zoom >= 13 ? 7 : 4); }
      const lat = map.getCenter().lat * Math.PI / 180;
      const metresPerPixel = 40075016.686 * Math.cos(lat) / Math.pow(2, zoom + 8);
      return Math.floor((side / metresPerPixel) * 0.75 / shape.cols);
    }

    /* A block's outer size for cells of ``c`` pixels: 1-pixel gaps and 1-pixel padding. */
    function blockSize(c) {
      return {w: shape.cols * c + shape.cols + 1, h: shape.rows * c + shape.rows + 1};
    }

    /* Neighbours closer than ``reach`` in both directions: a grid of buckets, so a city of
     * thousands of buurten does not compare every pair. Calls visit(i, j) once per pair. */
    function eachClosePair(points, reach, visit) {
      const buckets = new Map();
      const key = function (x, y) { return x + "," + y; };
      points.forEach(function (p, i) {
        const k = key(Math.floor(p.x / reach), Math.floor(p.y / reach));
        if (!buckets.has(k)) { buckets.set(k, []); }
        buckets.get(k).push(i);
      });
      points.forEach(function (p, i) {
        const bx = Math.floor(p.x / reach);
        const by = Math.floor(p.y / reach);
        for (let x = bx - 1; x <= bx + 1; x++) {
          for (let y = by - 1; y <= by + 1; y++) {
            (buckets.get(key(x, y)) || []).forEach(function (j) {
              if (j > i && Math.abs(points[j].x - p.x) < reach &&
                  Math.abs(points[j].y - p.y) < reach) { visit(i, j); }
            });
          }
        }
      });
    }

    /* The largest cell size at which no two blocks on their areas' points overlap. */
    function fittingSize(anchors) {
      const big = blockSize(MAX_CELL);
      let best = MAX_CELL;
      eachClosePair(anchors, Math.max(big.w, big.h) + GAP, function (i, j) {
        const dx = Math.abs(anchors[i].x - anchors[j].x);
        const dy = Math.abs(anchors[i].y - anchors[j].y);
        // Apart when side by side (dx) or one above the other (dy) with a gap.
        const byX = (dx - GAP - shape.cols - 1) / shape.cols;
        const byY = (dy - GAP - shape.rows - 1) / shape.rows;
        best = Math.min(best, Math.max(byX, byY));
      });
      return Math.floor(best);
    }

    /* Blocks that overlap are nudged apart, each at most ``reach`` (a fraction) of its own
     * size, so that it still covers its area's point; a block that cannot be placed
     * without overlap is hidden (``hidden``: their indexes). */
    function separate(anchors, size, reach) {
      const W = size.w + GAP;
      const H = size.h + GAP;
      const maxX = Math.max(0, size.w * reach - 1);
      const maxY = Math.max(0, size.h * reach - 1);
      const at = anchors.map(function (p) { return {x: p.x, y: p.y}; });
      const overlapping = function (i, j) {
        return Math.abs(at[i].x - at[j].x) < W - 0.01 && Math.abs(at[i].y - at[j].y) < H - 0.01;
      };
      const clamp = function (i) {
        at[i].x = Math.max(anchors[i].x - maxX, Math.min(anchors[i].x + maxX, at[i].x));
        at[i].y = Math.max(anchors[i].y - maxY, Math.min(anchors[i].y + maxY, at[i].y));
      };
      for (let round = 0; round < 60; round++) {
        let moved = false;
        eachClosePair(at, Math.max(W, H) + maxX + maxY, function (i, j) {
          if (!overlapping(i, j)) { return; }
          const dx = at[j].x - at[i].x;
          const dy = at[j].y - at[i].y;
          const ox = W - Math.abs(dx);
          const oy = H - Math.abs(dy);
          // Push along the direction that needs the smaller move (relative to the size).
          if (ox / W < oy / H) {
            const s = (dx > 0 || (dx === 0 && j > i)) ? 1 : -1;
            at[i].x -= s * ox / 2; at[j].x += s * ox / 2;
          } else {
            const s = (dy > 0 || (dy === 0 && j > i)) ? 1 : -1;
            at[i].y -= s * oy / 2; at[j].y += s * oy / 2;
          }
          clamp(i); clamp(j);
          moved = true;
        });
        if (!moved) { break; }
      }
      // What still overlaps: hide the block with the most overlaps until none is left.
      const hidden = new Set();
      for (;;) {
        const count = new Map();
        eachClosePair(at, Math.max(W, H) + maxX + maxY, function (i, j) {
          if (hidden.has(i) || hidden.has(j) || !overlapping(i, j)) { return; }
          count.set(i, (count.get(i) || 0) + 1);
          count.set(j, (count.get(j) || 0) + 1);
        });
        if (!count.size) { break; }
        let worst = null;
        count.forEach(function (n, i) {
          if (worst === null || n > count.get(worst) || (n === count.get(worst) && i > worst)) {
            worst = i;
          }
        });
        hidden.add(worst);
      }
      return {at: at, hidden: hidden};
    }

    /* The map's note when blocks are hidden at this zoom (a Leaflet control, role status). */
    function note(map, shown, total) {
      if (!map._blokjesNote) {
        const control = L.control({position: "bottomleft"});
        control.onAdd = function () {
          const el = L.DomUtil.create("div", "blokjes-fit");
          el.setAttribute("role", "status");
          el.id = "blokjes-fit";
          return el;
        };
        control.addTo(map);
        map._blokjesNote = control.getContainer();
      }
      const el = map._blokjesNote;
      el.textContent = shown < total ?
        String(labels.hidden || "").replace("{shown}", shown).replace("{total}", total) : "";
      el.hidden = shown >= total;
    }

    /* Size and place every block on the map: as large as readable, never overlapping. */
    function arrange(map) {
      if (!map) { return; }
      if (!map._loaded) { map.whenReady(function () { arrange(map); }); return; }
      const markers = [];
      map.eachLayer(function (layer) { if (layer._blok) { markers.push(layer); } });
      const anchors = markers.map(function (m) { return map.latLngToLayerPoint(m.getLatLng()); });
      // The largest readable size at which every block fits: on its point, else nudged by
      // at most a quarter of its size; at the smallest size by at most half, else hidden.
      const fit = fittingSize(anchors);
      let cell = Math.max(MIN_CELL, Math.min(MAX_CELL, readableSize(map)));
      let placed = null;
      for (; cell > MIN_CELL; cell--) {
        placed = separate(anchors, blockSize(cell), cell <= fit ? 0 : 0.25);
        if (!placed.hidden.size) { break; }
      }
      if (cell === MIN_CELL) { placed = separate(anchors, blockSize(cell), 0.5); }
      map.getContainer().style.setProperty("--blok-cel", cell + "px");
      markers.forEach(function (m, i) {
        const block = m._blok;
        const shift = {x: placed.at[i].x - anchors[i].x, y: placed.at[i].y - anchors[i].y};
        block._shift = shift;
        block.style.left = shift.x.toFixed(1) + "px";
        block.style.top = shift.y.toFixed(1) + "px";
        const el = m.getElement();
        if (el) { el.style.display = placed.hidden.has(i) ? "none" : ""; }
      });
      note(map, markers.length - placed.hidden.size, markers.length);
    }

    /* One arrangement after a batch of new blocks (a new hideout adds them one by one). */
    function schedule(map) {
      if (!map || map._blokjesPending) { return; }
      map._blokjesPending = true;
      window.requestAnimationFrame(function () {
        map._blokjesPending = false;
        arrange(map);
      });
      if (map._blokjesZoom) { return; }
      map._blokjesZoom = true;
      map.on("zoomend", function () { arrange(map); });
    }

    function configure(h) {
      if (h.side) { side = h.side; }
      const rows = h.rows || [];
      shape = {
        cols: Math.max(1, ...rows.map(function (r) { return r.length; })),
        rows: Math.max(1, rows.length),
      };
      labels = h.labels || {};
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
      configure(h);
      schedule(context && context.map);

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
      marker._blok = block;
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
          const shift = block._shift || {x: 0, y: 0};
          const point = map.latLngToContainerPoint(latlng)
            .add([shift.x + block.offsetWidth / 2, shift.y]);
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
