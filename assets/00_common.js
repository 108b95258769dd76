/* What the area maps share (assets/kaart.js, aandacht.js, wijktypen.js): loaded first,
 * as Dash loads assets in name order.
 *
 * buurtmonitor.areaMap(spec) makes the `style` and `onEachFeature` a dash-leaflet GeoJSON
 * takes (through window.buurtmonitor.<page>, dash_extensions' Namespace). The geometry of
 * a level is sent once; a new choice only sends a new `hideout`, whose `areas` holds per
 * area code the page's entry. Every area is focusable (Tab) and carries its description
 * as its accessible name; texts go into the DOM with textContent, never as HTML.
 *
 * spec:
 *   describe(d, props, hideout) -> the area's accessible name (d: its entry or undefined)
 *   paint(d, hideout)           -> the Leaflet path style
 *   mark(el, d, hideout)        -> optional: data attributes on the area's element
 *   tooltip(d, props, hideout)  -> optional: the tooltip's element (default: the name)
 *   role                        -> optional: the element's role (default "img")
 *   focus(el, layer)            -> optional: its focus handling (default: the tooltip
 *                                  opens on focus and closes on blur)
 */
window.buurtmonitor = Object.assign({}, window.buurtmonitor, {
  areaMap: function (spec) {
    let current = {};
    /* Area code → its layer, to rename the areas when a new hideout restyles them. */
    const layers = {};

    function entry(code) {
      return (current.areas || {})[code];
    }

    function tooltipOnFocus(el, layer) {
      el.addEventListener("focus", function () { layer.openTooltip(); });
      el.addEventListener("blur", function () { layer.closeTooltip(); });
    }

    function label(layer) {
      const el = layer && layer.getElement && layer.getElement();
      if (!el) { return; }
      const props = layer.feature.properties;
      const d = entry(props.code);
      el.setAttribute("aria-label", spec.describe(d, props, current));
      if (!el.dataset.code) {
        el.dataset.code = props.code;
        el.setAttribute("tabindex", "0");
        el.setAttribute("role", spec.role || "img");
        (spec.focus || tooltipOnFocus)(el, layer);
      }
      if (spec.mark) { spec.mark(el, d, current); }
    }

    function style(feature, context) {
      current = (context && context.hideout) || {};
      label(layers[feature.properties.code]);
      return spec.paint(entry(feature.properties.code), current);
    }

    function tooltip(layer) {
      const props = layer.feature.properties;
      if (spec.tooltip) { return spec.tooltip(entry(props.code), props, current); }
      const box = document.createElement("div");
      box.textContent = spec.describe(entry(props.code), props, current);
      return box;
    }

    function onEachFeature(feature, layer) {
      // Opaque (Leaflet's default is 0.9): the map must not show through the words.
      layer.bindTooltip(tooltip, {sticky: true, className: "kaart-tip", opacity: 1});
      layers[feature.properties.code] = layer;
      layer.on("add", function () { label(layer); });
    }

    return {style: style, onEachFeature: onEachFeature};
  },
});
