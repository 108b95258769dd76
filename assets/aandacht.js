/* Aandachtsbuurten: the status × ontwikkeling map (dash-leaflet GeoJSON with a `hideout`).
 *
 * The geometry of a level is sent once; a new year, set, span or filter only sends a new
 * hideout: per area [cell index, description in words, 1 when it matches the filter].
 * Cell colours come with it. Matches get a thick black outline; with a filter on, the
 * other areas fade. Texts go into the DOM with textContent, never as HTML. Every area is
 * focusable (Tab) and carries its description as its accessible name.
 */
window.buurtmonitor = Object.assign({}, window.buurtmonitor, {
  aandacht: (function () {
    let current = {};
    const layers = {};

    function entry(code) {
      return (current.areas || {})[code];
    }

    function describe(props) {
      const d = entry(props.code);
      const text = d ? d[1] : props.name + " (" + props.code + "): " + (current.noData || "");
      return d && d[2] ? text + "; " + (current.matchWords || "") : text;
    }

    function label(layer) {
      const el = layer && layer.getElement && layer.getElement();
      if (!el) { return; }
      el.setAttribute("aria-label", describe(layer.feature.properties));
      if (!el.dataset.code) {
        el.dataset.code = layer.feature.properties.code;
        el.setAttribute("tabindex", "0");
        el.setAttribute("role", "img");
        el.addEventListener("focus", function () { layer.openTooltip(); });
        el.addEventListener("blur", function () { layer.closeTooltip(); });
      }
      const d = entry(layer.feature.properties.code);
      el.dataset.cell = d ? current.cells[d[0]] : "onbekend";
      el.dataset.match = d && d[2] ? "1" : "0";
    }

    function style(feature, context) {
      current = (context && context.hideout) || {};
      const d = entry(feature.properties.code);
      const hit = Boolean(d && d[2]);
      label(layers[feature.properties.code]);
      return {
        fillColor: d ? (current.colours || [])[d[0]] || "#ffffff" : "#ffffff",
        fillOpacity: current.filtering && !hit ? 0.3 : 0.9,
        color: hit ? "#000000" : "#555555",
        weight: hit ? 4 : 0.8,
        dashArray: d && current.cells[d[0]] !== "onbekend" ? null : "4 3",
      };
    }

    function tooltip(layer) {
      const box = document.createElement("div");
      box.textContent = describe(layer.feature.properties);
      return box;
    }

    function onEachFeature(feature, layer) {
      layer.bindTooltip(tooltip, {sticky: true, className: "kaart-tip", opacity: 1});
      layers[feature.properties.code] = layer;
      layer.on("add", function () { label(layer); });
    }

    return {style: style, onEachFeature: onEachFeature};
  })(),
});
