/* Meldingen and voorzieningen as clustered points on the Kaart (dash-leaflet GeoJSON
 * with cluster=True; layouts/kaart_points.py).
 *
 * hideout: {soort, colours}; per point feature.properties: c (the category's colour
 * index) and t (the details, plain-text lines joined by "\n"). Everything from the data
 * goes into the DOM with textContent, never as HTML: a category or name like
 * "<img onerror=…>" shows as those characters.
 */
window.buurtmonitor = Object.assign({}, window.buurtmonitor, {
  kaartpunten: (function () {
    function hideoutOf(context) {
      return (context && context.hideout) || {};
    }

    function pointToLayer(feature, latlng, context) {
      const h = hideoutOf(context);
      const colours = h.colours || ["#555"];
      const props = feature.properties || {};
      const voorziening = h.soort === "voorzieningen";
      return L.circleMarker(latlng, {
        radius: voorziening ? 7 : 5,
        color: voorziening ? "#000" : "#fff",
        weight: voorziening ? 2 : 1,
        fillColor: colours[(props.c || 0) % colours.length],
        fillOpacity: 0.9,
        className: "punt punt-" + (h.soort || ""),
      });
    }

    /* A cluster: a round marker with the number of points; its title names it. */
    function clusterToLayer(feature, latlng, index, context) {
      const h = hideoutOf(context);
      const n = feature.properties.point_count;
      const span = document.createElement("span");
      span.textContent = feature.properties.point_count_abbreviated;
      const div = document.createElement("div");
      div.appendChild(span);
      const size = n < 100 ? 32 : n < 1000 ? 40 : 48;
      const label = String(n) + " " + (h.soort || "");
      const icon = L.divIcon({
        html: div,
        className: "punten-cluster punten-cluster-" + (h.soort || ""),
        iconSize: L.point(size, size),
      });
      return L.marker(latlng, {icon: icon, title: label, alt: label});
    }

    function onEachFeature(feature, layer) {
      const props = feature.properties || {};
      if (props.cluster || !props.t) { return; }
      const box = document.createElement("div");
      box.className = "punt-tooltip";
      props.t.split("\n").forEach(function (line, i) {
        const el = document.createElement(i === 0 ? "strong" : "div");
        el.textContent = line;
        box.appendChild(el);
      });
      layer.bindTooltip(box);
      layer.on("add", function () {
        const el = layer.getElement && layer.getElement();
        if (el) { el.setAttribute("aria-label", props.t.split("\n").join("; ")); }
      });
    }

    return {pointToLayer: pointToLayer, clusterToLayer: clusterToLayer, onEachFeature: onEachFeature};
  })(),
});
