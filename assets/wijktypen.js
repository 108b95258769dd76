/* Wijktypen: every area in the colour of its type (dash-leaflet GeoJSON with a `hideout`).
 *
 * The geometry of a level is sent once; another number of types only sends a new
 * hideout: per area [type number (0: niet ingedeeld), description in words], and the
 * colour per type number. Areas without a type are white with a dashed outline. Texts go
 * into the DOM with textContent, never as HTML. Every area is focusable (Tab) and
 * carries its description as its accessible name.
 */
window.buurtmonitor = Object.assign({}, window.buurtmonitor, {
  wijktypen: (function () {
    let current = {};
    const layers = {};

    function entry(code) {
      return (current.areas || {})[code];
    }

    function describe(props) {
      const d = entry(props.code);
      return d ? d[1] : props.name + " (" + props.code + "): " + (current.noData || "");
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
      el.dataset.type = d ? String(d[0]) : "0";
    }

    function style(feature, context) {
      current = (context && context.hideout) || {};
      const d = entry(feature.properties.code);
      const n = d ? d[0] : 0;
      label(layers[feature.properties.code]);
      return {
        fillColor: (current.colours || {})[String(n)] || "#ffffff",
        fillOpacity: 0.9,
        color: "#444444",
        weight: 0.8,
        dashArray: n ? null : "4 3",
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
