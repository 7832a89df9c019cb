/* Figures draw with plotly.js's basic bundle (scatter and bar: 1.2 MB), the only plotly.js the site ships.
   A figure that needs another trace type is a build error caught by the browser tests, not a silent download.

   A figure may carry ``layout.meta.narrow``: relayout updates for when it is drawn narrower than a slide (a printed
   A4 page, a phone), written by charts.add_narrow_layout. Plotly has no layout by width, so after every draw or
   resize the figure takes its narrow or its wide form, whichever its width calls for. */
var CSTO_NARROW_PX = 900;

function cstoPath(object, dotted) {
  return dotted.replace(/\[(\d+)\]/g, '.$1').split('.').reduce(function (o, k) { return o == null ? undefined : o[k]; }, object);
}

function cstoFitWidth(div, wide, wideTraces) {
  var meta = (div.layout && div.layout.meta) || {};
  var narrow = meta.narrow, narrowTraces = meta.narrow_traces;
  if (!narrow || !div.offsetWidth) { return; }
  var want = div.offsetWidth < CSTO_NARROW_PX ? 'narrow' : 'wide';
  if (div.getAttribute('data-csto-form') === want) { return; }
  div.setAttribute('data-csto-form', want);
  if (narrow.height) { div.style.height = want === 'narrow' ? narrow.height + 'px' : ''; }  /* the page's CSS sets the wide height */
  if (narrowTraces) { window.Plotly.restyle(div, want === 'narrow' ? narrowTraces : wideTraces); }
  window.Plotly.relayout(div, want === 'narrow' ? narrow : wide);
}

function cstoDraw(id, figure) {
  var narrow = (figure.layout.meta || {}).narrow || {};
  var narrowTraces = (figure.layout.meta || {}).narrow_traces || {};
  var wide = {}, wideTraces = {};
  Object.keys(narrow).forEach(function (key) { var v = cstoPath(figure.layout, key); wide[key] = v === undefined ? null : v; });
  Object.keys(narrowTraces).forEach(function (key) {
    wideTraces[key] = figure.data.map(function (trace) { var v = cstoPath(trace, key); return v === undefined ? null : v; });
  });
  window.Plotly.newPlot(id, figure.data, figure.layout, figure.config).then(function (div) {
    div.setAttribute('data-csto-form', 'wide');
    cstoFitWidth(div, wide, wideTraces);
    div.on('plotly_afterplot', function () { cstoFitWidth(div, wide, wideTraces); });
  });
}
