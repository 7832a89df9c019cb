/* Figures draw with plotly.js's basic bundle (scatter, bar and pie: 1.2 MB, about 0.35 s to load here). A figure
   that needs another trace type (the quote table) loads the full plotly.min.js once, without holding up the others. */
var CSTO_BASIC_TRACES = ['scatter', 'bar', 'pie'];
var CSTO_FULL_BUNDLE = '../assets/plotly.min.js';
var cstoWaiting = [];

function cstoPlot(id, figure) { window.Plotly.newPlot(id, figure.data, figure.layout, figure.config); }

function cstoNeedsFullBundle(figure) {
  return figure.data.some(function (trace) { return CSTO_BASIC_TRACES.indexOf(trace.type || 'scatter') < 0; });
}

function cstoLoadFullBundle() {
  if (cstoLoadFullBundle.started) { return; }
  cstoLoadFullBundle.started = true;
  var script = document.createElement('script');
  script.src = CSTO_FULL_BUNDLE;
  script.onload = function () {
    window.cstoFullBundle = true;
    cstoWaiting.splice(0).forEach(function (entry) { cstoPlot(entry[0], entry[1]); });
  };
  document.head.appendChild(script);
}

function cstoDraw(id, figure) {
  if (cstoNeedsFullBundle(figure) && !window.cstoFullBundle) {
    cstoWaiting.push([id, figure]);
    cstoLoadFullBundle();
  } else {
    cstoPlot(id, figure);
  }
}
