/* Client-side styling of the choropleth (dash-leaflet GeoJSON with a `hideout`; the
 * shared part is buurtmonitor.areaMap in assets/00_common.js).
 *
 * The geometry of a level is sent once; switching indicator, year or method only sends a
 * new hideout: per area [class index, value text, change text, reason index, verhalen,
 * uncertain (1: rond door onzekerheid, marked "±" after the class)], and with another
 * reference than NAP (layouts/reference_choice.py) [6] the index of the area's class in
 * words (classTexts, "beter dan het gemiddelde van stadsdeel Oost") and [7] its reference
 * value. Everything a
 * user or an upload typed (area names, reasons) is put in the DOM with textContent, never
 * as HTML.
 *
 * Keyboard: every area is a focusable link (Tab goes from area to area, in code order);
 * its accessible name says area, value, NAP, class, change and reason in words, focus
 * shows the hover tooltip and a thick outline, Enter opens the buurtprofiel (the same
 * clickData a mouse click sends), Escape hides the tooltip.
 */
window.buurtmonitor = Object.assign({}, window.buurtmonitor, {
  kaart: (function () {
    /* The tooltip's lines as one accessible name. */
    function describe(d, props, h) {
      const labels = h.labels || {};
      const parts = [props.name + " (" + props.code + ")"];
      if (!d) {
        parts.push(h.noData);
      } else {
        parts.push(labels.value + ": " + d[1]);
        parts.push(labels.nap + ": " + napText(d, h));
        parts.push(classText(d, h));
        if (d[5]) { parts.push(labels.uncertainWords); }
        if (d[2]) { parts.push(labels.change + ": " + d[2]); }
        if (d[3] !== null && d[3] !== undefined) { parts.push(h.reasons[d[3]]); }
        if (d[4]) { parts.push(labels.notes + ": " + d[4]); }
      }
      return parts.filter(Boolean).join("; ");
    }

    /* The value compared with: the area's own reference (entry 7), else NAP. */
    function napText(d, h) {
      return d.length > 7 ? d[7] : h.nap;
    }

    /* The class in words; "±" after it when only survey uncertainty made it "rond". */
    function classText(d, h) {
      // Another reference than NAP: each area's class names its own (entry 6).
      const own = d.length > 6 && h.classTexts ? h.classTexts[d[6]] : null;
      const text = own || (h.classLabels || {})[h.classes[d[0]]];
      return d[5] ? text + " " + (h.labels || {}).uncertain : text;
    }

    /* The focused area's outline, drawn on top: neighbours painted later would hide half
     * of a thicker stroke, and moving the area's own path to the end would change the tab
     * order. A white halo under black keeps it visible on dark and light fills alike. */
    let ring = null;

    function highlight(layer) {
      unhighlight();
      const style = function (colour, weight) {
        return {
          interactive: false,
          style: {fill: false, color: colour, weight: weight, opacity: 1, className: "focus-ring"},
        };
      };
      ring = L.layerGroup([
        L.geoJSON(layer.feature, style("#ffffff", 8)),
        L.geoJSON(layer.feature, style("#000000", 4)),
      ]).addTo(layer._map);
    }

    function unhighlight() {
      if (ring) { ring.remove(); }
      ring = null;
    }

    /* A focused area: in view, outlined, its tooltip beside it; Enter opens the
     * buurtprofiel (the same clickData a mouse click sends), Escape hides the tooltip. */
    function focus(el, layer) {
      el.addEventListener("focus", function () {
        const map = layer._map;
        if (map && !map.getBounds().contains(layer.getBounds())) {
          map.panInside(layer.getCenter(), {padding: [60, 60]});
        }
        highlight(layer);
        // Beside the area, not over it.
        layer.openTooltip(L.latLng(layer.getCenter().lat, layer.getBounds().getEast()));
      });
      el.addEventListener("blur", function () {
        unhighlight();
        layer.closeTooltip();
      });
      el.addEventListener("keydown", function (event) {
        if (event.key === "Escape") {
          layer.closeTooltip();
        } else if (event.key === "Enter") {
          event.preventDefault();
          // Propagates to the GeoJSON layer, which sends the feature as clickData.
          layer.fire("click", {latlng: layer.getCenter(), originalEvent: event}, true);
        }
      });
    }

    /* *Geen gegevens* is hatched on the map as in the legend: an SVG pattern (white with
     * grey diagonal lines) that the areas' paths use as their fill. It lives in a tiny
     * SVG of its own in the document, so it survives a map being rebuilt; an SVG that is
     * display:none would not paint its patterns, hence zero size instead. */
    const HATCH = "bm-hatch-geen-gegevens";

    function hatch() {
      if (document.getElementById(HATCH)) { return "url(#" + HATCH + ")"; }
      const svgNs = "http://www.w3.org/2000/svg";
      const make = function (tag, attrs) {
        const el = document.createElementNS(svgNs, tag);
        Object.keys(attrs).forEach(function (k) { el.setAttribute(k, attrs[k]); });
        return el;
      };
      const svg = make("svg", {width: "0", height: "0", "aria-hidden": "true", focusable: "false"});
      svg.style.position = "absolute";
      const pattern = make("pattern", {
        id: HATCH, patternUnits: "userSpaceOnUse", width: "6", height: "6",
        patternTransform: "rotate(45)",
      });
      pattern.appendChild(make("rect", {width: "6", height: "6", fill: "#ffffff"}));
      pattern.appendChild(make("line", {x1: "0", y1: "0", x2: "0", y2: "6", stroke: "#888",
        "stroke-width": "1.5"}));
      const defs = make("defs", {});
      defs.appendChild(pattern);
      svg.appendChild(defs);
      document.body.appendChild(svg);
      return "url(#" + HATCH + ")";
    }

    function paint(d, h) {
      const klasse = d ? h.classes[d[0]] : "geen_gegevens";
      return {
        fillColor: klasse === "geen_gegevens" ? hatch() : (h.colors || {})[klasse] || "#ffffff",
        fillOpacity: klasse === "geen_gegevens" ? 1 : 0.85,
        color: klasse === "geen_gegevens" ? "#777" : "#444",
        weight: 1,
        dashArray: klasse === "geen_gegevens" ? "4 3" : null,
      };
    }

    function tooltip(d, props, h) {
      const labels = h.labels || {};
      const box = document.createElement("div");
      const line = function (text, className) {
        if (!text) { return; }
        const el = document.createElement("div");
        el.textContent = text;
        if (className) { el.className = className; }
        box.appendChild(el);
      };
      line(props.name + " (" + props.code + ")", "tip-title");
      if (!d) {
        line(h.noData);
        return box;
      }
      line(labels.value + ": " + d[1]);
      line(labels.nap + ": " + napText(d, h));
      line(classText(d, h), "tip-class");
      if (d[5]) { line(labels.uncertainWords, "tip-uncertain"); }
      if (d[2]) { line(labels.change + ": " + d[2]); }
      if (d[3] !== null && d[3] !== undefined) { line(h.reasons[d[3]], "tip-reason"); }
      if (d[4]) { line(labels.notes + ": " + d[4], "tip-notes"); }
      return box;
    }

    return window.buurtmonitor.areaMap({
      describe: describe, paint: paint, tooltip: tooltip, role: "link", focus: focus,
    });
  })(),
});
