/* Kaart: the areas picked to compare (layouts/kaart_pick.py) get a thick outline on the
 * map, so the choice is visible where it was made. A clientside callback hands over the
 * chosen codes; the paths carry their code in data-code (assets/kaart.js). The geometry
 * of another level is drawn a moment after its data arrive, hence the second pass. */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  kaart_pick: {
    mark: function (codes) {
      const chosen = new Set(Array.isArray(codes) ? codes : []);
      const apply = function () {
        document.querySelectorAll("#kaart-map path[data-code]").forEach(function (el) {
          el.classList.toggle("kaart-picked", chosen.has(el.dataset.code));
        });
      };
      apply();
      window.setTimeout(apply, 500);
      return chosen.size;
    },
  },
});
