/* Figures draw with plotly.js's basic bundle (scatter and bar: 1.2 MB), the only plotly.js the site ships.
   A figure that needs another trace type is a build error caught by the browser tests, not a silent download. */
function cstoDraw(id, figure) {
  window.Plotly.newPlot(id, figure.data, figure.layout, figure.config);
}
