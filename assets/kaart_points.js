/* Meldingen and voorzieningen as clustered points on the Kaart (dash-leaflet GeoJSON
 * with cluster=True; layouts/kaart_points.py).
 *
 * hideout: {soort, colours, categories, buurten (labels), labels (the words around the
 * details)}; per point feature.properties: c (category index), b (buurt index) and the
 * details it has: u subcategorie, d datum, s status, h afhandeltermijn, n naam, a adres.
 * Everything from the data goes into the DOM with textContent, never as HTML: a category
 * or name like "<img onerror=…>" shows as those characters.
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

    /* A point's details as plain-text lines (the same words in the accessible name). */
    function lines(props, h) {
      const words = h.labels || {};
      let category = (h.categories || [])[props.c] || "";
      if (props.u) { category += " \u2013 " + props.u; }
      const out = [(words.kind || "") + ": " + category];
      if (props.n) { out.push(props.n); }
      if (props.a) { out.push(props.a); }
      if (props.d) { out.push((words.datum || "") + ": " + props.d); }
      if (props.s) { out.push((words.status || "") + ": " + props.s); }
      if (props.h !== undefined && props.h !== null) {
        out.push((words.days || "{days}").replace("{days}", String(Math.round(props.h))));
      }
      const buurt = (h.buurten || [])[props.b];
      if (buurt) { out.push((words.buurt || "") + ": " + buurt); }
      return out;
    }

    function onEachFeature(feature, layer, context) {
      const props = feature.properties || {};
      if (props.cluster) { return; }
      const h = hideoutOf(context);
      /* Built when the tooltip opens, not for every point a zoom adds. */
      layer.bindTooltip(function () {
        const box = document.createElement("div");
        box.className = "punt-tooltip";
        lines(props, h).forEach(function (line, i) {
          const el = document.createElement(i === 0 ? "strong" : "div");
          el.textContent = line;
          box.appendChild(el);
        });
        return box;
      });
      layer.on("add", function () {
        const el = layer.getElement && layer.getElement();
        if (el) { el.setAttribute("aria-label", lines(props, h).join("; ")); }
      });
    }

    return {pointToLayer: pointToLayer, clusterToLayer: clusterToLayer, onEachFeature: onEachFeature};
  })(),
});
