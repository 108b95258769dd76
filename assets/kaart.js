/* Client-side styling of the choropleth (dash-leaflet GeoJSON with a `hideout`).
 *
 * The geometry of a level is sent once; switching indicator, year or method only sends a
 * new hideout: per area [class index, value text, change text, reason index]. Everything a
 * user or an upload typed (area names, reasons) is put in the DOM with textContent, never
 * as HTML.
 */
window.buurtmonitor = Object.assign({}, window.buurtmonitor, {
  kaart: (function () {
    let current = {};

    function entry(code) {
      return (current.areas || {})[code];
    }

    function style(feature, context) {
      current = (context && context.hideout) || {};
      const d = entry(feature.properties.code);
      const klasse = d ? current.classes[d[0]] : "geen_gegevens";
      return {
        fillColor: (current.colors || {})[klasse] || "#ffffff",
        fillOpacity: 0.85,
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
      const klasse = current.classes[d[0]];
      line((current.labels || {}).value + ": " + d[1]);
      line("NAP: " + current.nap);
      line((current.classLabels || {})[klasse], "tip-class");
      if (d[2]) { line((current.labels || {}).change + ": " + d[2]); }
      if (d[3] !== null && d[3] !== undefined) { line(current.reasons[d[3]], "tip-reason"); }
      return box;
    }

    function onEachFeature(feature, layer) {
      layer.bindTooltip(tooltip, {sticky: true, className: "kaart-tip"});
    }

    return {style: style, onEachFeature: onEachFeature};
  })(),
});
