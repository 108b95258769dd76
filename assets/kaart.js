/* Client-side styling of the choropleth (dash-leaflet GeoJSON with a `hideout`).
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
    let current = {};
    /* Area code → its layer, to rename the areas when a new hideout restyles them. */
    const layers = {};

    function entry(code) {
      return (current.areas || {})[code];
    }

    /* The tooltip's lines as one accessible name. */
    function describe(props) {
      const d = entry(props.code);
      const parts = [props.name + " (" + props.code + ")"];
      if (!d) {
        parts.push(current.noData);
      } else {
        parts.push((current.labels || {}).value + ": " + d[1]);
        parts.push((current.labels || {}).nap + ": " + napText(d));
        parts.push(classText(d));
        if (d[5]) { parts.push((current.labels || {}).uncertainWords); }
        if (d[2]) { parts.push((current.labels || {}).change + ": " + d[2]); }
        if (d[3] !== null && d[3] !== undefined) { parts.push(current.reasons[d[3]]); }
        if (d[4]) { parts.push((current.labels || {}).notes + ": " + d[4]); }
      }
      return parts.filter(Boolean).join("; ");
    }

    /* The value compared with: the area's own reference (entry 7), else NAP. */
    function napText(d) {
      return d.length > 7 ? d[7] : current.nap;
    }

    /* The class in words; "±" after it when only survey uncertainty made it "rond". */
    function classText(d) {
      // Another reference than NAP: each area's class names its own (entry 6).
      const own = d.length > 6 && current.classTexts ? current.classTexts[d[6]] : null;
      const text = own || (current.classLabels || {})[current.classes[d[0]]];
      return d[5] ? text + " " + (current.labels || {}).uncertain : text;
    }

    function label(layer) {
      const el = layer && layer.getElement && layer.getElement();
      if (el) { el.setAttribute("aria-label", describe(layer.feature.properties)); }
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

    function focusable(layer) {
      const el = layer.getElement && layer.getElement();
      if (!el) { return; }
      label(layer);
      if (el.dataset.code) { return; }
      el.dataset.code = layer.feature.properties.code;
      el.setAttribute("tabindex", "0");
      el.setAttribute("role", "link");
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

    function style(feature, context) {
      current = (context && context.hideout) || {};
      const d = entry(feature.properties.code);
      const klasse = d ? current.classes[d[0]] : "geen_gegevens";
      label(layers[feature.properties.code]);
      return {
        fillColor: klasse === "geen_gegevens" ? hatch() : (current.colors || {})[klasse] || "#ffffff",
        fillOpacity: klasse === "geen_gegevens" ? 1 : 0.85,
        color: klasse === "geen_gegevens" ? "#777" : "#444",
        weight: 1,
        dashArray: klasse === "geen_gegevens" ? "4 3" : null,
      };
    }

    function tooltip(layer) {
      const props = layer.feature.properties;
      const d = entry(props.code);
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
        line(current.noData);
        return box;
      }
      line((current.labels || {}).value + ": " + d[1]);
      line((current.labels || {}).nap + ": " + napText(d));
      line(classText(d), "tip-class");
      if (d[5]) { line((current.labels || {}).uncertainWords, "tip-uncertain"); }
      if (d[2]) { line((current.labels || {}).change + ": " + d[2]); }
      if (d[3] !== null && d[3] !== undefined) { line(current.reasons[d[3]], "tip-reason"); }
      if (d[4]) { line((current.labels || {}).notes + ": " + d[4], "tip-notes"); }
      return box;
    }

    function onEachFeature(feature, layer) {
      // Opaque (Leaflet's default is 0.9): the map must not show through the words.
      layer.bindTooltip(tooltip, {sticky: true, className: "kaart-tip", opacity: 1});
      layers[feature.properties.code] = layer;
      layer.on("add", function () { focusable(layer); });
    }

    return {style: style, onEachFeature: onEachFeature};
  })(),
});
