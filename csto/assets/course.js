/* Deck behaviour: resize figures when their slide shows, and keep hidden slides out of the tab order. */
function cstoResizeFigures(slide) {
  if (!window.Plotly || !slide) { return; }
  slide.querySelectorAll('.plotly-graph-div').forEach(function (div) { window.Plotly.Plots.resize(div); });
}

function cstoSyncInert() {
  document.querySelectorAll('.reveal .slides section').forEach(function (section) {
    if (section.getAttribute('aria-hidden') === 'true') { section.setAttribute('inert', ''); }
    else { section.removeAttribute('inert'); }
  });
}

function cstoDeckReady() {
  Reveal.on('slidechanged', function (event) { cstoSyncInert(); cstoResizeFigures(event.currentSlide); });
  cstoSyncInert();
  cstoResizeFigures(Reveal.getCurrentSlide());
  document.documentElement.setAttribute('data-deck-ready', 'true');
}
