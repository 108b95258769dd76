/* Blokjeskaart: a block of indicator cells on every area (dash-leaflet GeoJSON of points).
 *
 * The points (area code, name, representative point) are sent once per level; switching
 * year, set or filter only sends a new hideout: per area the class index of every cell
 * and its value text. The block is built here with DOM calls, never from an HTML string:
 * area names and labels (from uploads and catalogues) go in with textContent or as
 * attribute values, so nothing a user typed can run as script.
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

    function cellText(h, d, i) {
      const labels = h.labels || {};
      const year = h.years[i] === null ? labels.noYear : labels.year + " " + h.years[i];
      return h.indicators[i] + ": " + (d ? d.v[i] : "–") + " (" + labels.nap + " " +
        h.naps[i] + ", " + year + ") · " + (h.classLabels || {})[classOf(h, d, i)];
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
      line((h.classLabels || {})[classOf(h, d, i)], "tip-class");
      return box;
    }

    function pointToLayer(feature, latlng, context) {
      const h = (context && context.hideout) || {};
      const props = feature.properties;
      const d = (h.areas || {})[props.code];
      watchZoom(context && context.map, h.side);

      const block = document.createElement("div");
      block.className = "blok";
      block.setAttribute("role", "group");
      block.setAttribute("aria-label", props.name + " (" + props.code + ")");
      block.dataset.code = props.code;
      (h.rows || []).forEach(function (row) {
        const line = document.createElement("div");
        line.className = "blok-rij";
        row.forEach(function (i) {
          const klasse = classOf(h, d, i);
          const cell = document.createElement("div");
          cell.className = "blok-cel";
          cell.dataset.i = String(i);
          cell.dataset.klasse = klasse;
          cell.dataset.indicator = h.ids[i];
          cell.style.backgroundColor = (h.colors || {})[klasse] || "#ffffff";
          cell.setAttribute("role", "img");
          cell.setAttribute("aria-label", cellText(h, d, i));
          line.appendChild(cell);
        });
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
      return marker;
    }

    function filter(feature, context) {
      const h = (context && context.hideout) || {};
      return Boolean((h.areas || {})[feature.properties.code]);
    }

    return {pointToLayer: pointToLayer, filter: filter};
  })(),
});
