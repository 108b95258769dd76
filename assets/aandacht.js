/* Aandachtsbuurten: the status × ontwikkeling map (dash-leaflet GeoJSON with a `hideout`;
 * the shared part is buurtmonitor.areaMap in assets/00_common.js).
 *
 * The hideout holds per area [cell index, description in words, 1 when it matches the
 * filter]. Cell colours come with it. Matches get a thick black outline; with a filter
 * on, the other areas fade.
 */
window.buurtmonitor = Object.assign({}, window.buurtmonitor, {
  aandacht: window.buurtmonitor.areaMap({
    describe: function (d, props, h) {
      const text = d ? d[1] : props.name + " (" + props.code + "): " + (h.noData || "");
      return d && d[2] ? text + "; " + (h.matchWords || "") : text;
    },
    mark: function (el, d, h) {
      el.dataset.cell = d ? h.cells[d[0]] : "onbekend";
      el.dataset.match = d && d[2] ? "1" : "0";
    },
    paint: function (d, h) {
      const hit = Boolean(d && d[2]);
      return {
        fillColor: d ? (h.colours || [])[d[0]] || "#ffffff" : "#ffffff",
        fillOpacity: h.filtering && !hit ? 0.3 : 0.9,
        color: hit ? "#000000" : "#555555",
        weight: hit ? 4 : 0.8,
        dashArray: d && h.cells[d[0]] !== "onbekend" ? null : "4 3",
      };
    },
  }),
});
