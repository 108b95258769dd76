/* Wijktypen: every area in the colour of its type (dash-leaflet GeoJSON with a `hideout`;
 * the shared part is buurtmonitor.areaMap in assets/00_common.js).
 *
 * The hideout holds per area [type number (0: niet ingedeeld), description in words],
 * and the colour per type number. Areas without a type are white with a dashed outline.
 */
window.buurtmonitor = Object.assign({}, window.buurtmonitor, {
  wijktypen: window.buurtmonitor.areaMap({
    describe: function (d, props, h) {
      return d ? d[1] : props.name + " (" + props.code + "): " + (h.noData || "");
    },
    mark: function (el, d) {
      el.dataset.type = d ? String(d[0]) : "0";
    },
    paint: function (d, h) {
      const n = d ? d[0] : 0;
      return {
        fillColor: (h.colours || {})[String(n)] || "#ffffff",
        fillOpacity: 0.9,
        color: "#444444",
        weight: 0.8,
        dashArray: n ? null : "4 3",
      };
    },
  }),
});
