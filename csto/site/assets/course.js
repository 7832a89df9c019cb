/* Deck behaviour: resize figures when their slide shows, and keep hidden slides out of the tab order. */
function cstoResizeFigures(slide) {
  if (!window.Plotly || !slide) { return; }
  slide.querySelectorAll('.plotly-graph-div').forEach(function (div) { window.Plotly.Plots.resize(div); });
}

var CSTO_SLIDE_HEIGHT = 720;
var CSTO_MIN_ZOOM = 0.8;  /* below this a slide would be unreadable: the overflow test then fails instead */

/* A slide a little taller than the frame is zoomed to fit, so a projector never cuts its last line. */
function cstoFitSlide(slide) {
  if (!slide) { return; }
  slide.style.zoom = '';
  var height = slide.scrollHeight;
  if (height > CSTO_SLIDE_HEIGHT) {
    var zoom = Math.floor((CSTO_SLIDE_HEIGHT / height) * 100) / 100;
    if (zoom >= CSTO_MIN_ZOOM) { slide.style.zoom = String(zoom); }
  }
}

function cstoSyncInert() {
  document.querySelectorAll('.reveal .slides section').forEach(function (section) {
    if (section.getAttribute('aria-hidden') === 'true') { section.setAttribute('inert', ''); }
    else { section.removeAttribute('inert'); }
  });
}

function cstoDeckReady() {
  Reveal.on('slidechanged', function (event) { cstoSyncInert(); cstoResizeFigures(event.currentSlide); cstoFitSlide(event.currentSlide); });
  cstoSyncInert();
  cstoResizeFigures(Reveal.getCurrentSlide());
  cstoFitSlide(Reveal.getCurrentSlide());
  document.documentElement.setAttribute('data-deck-ready', 'true');
}
