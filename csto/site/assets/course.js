/* Behaviour shared by decks and handouts: decks resize figures when their slide shows, keep hidden slides out of the
   tab order, zoom a slightly tall slide to fit and give an opened answer the frame; the quote explorer gains filter
   menus. Nothing here is needed to read a page: without JavaScript every table shows whole. */
/* A figure drawn while its slide was hidden has plotly's default 700 px width: redraw it to the slide's width once the
   slide is laid out (the next animation frame after reveal shows it). */
function cstoResizeFigures(slide) {
  if (!window.Plotly || !slide) { return; }
  window.requestAnimationFrame(function () {
    slide.querySelectorAll('.plotly-graph-div').forEach(function (div) { if (div.offsetWidth) { window.Plotly.Plots.resize(div); } });
  });
}

var CSTO_SLIDE_HEIGHT = 720;
var CSTO_MIN_ZOOM = 0.8;  /* below this a slide would be unreadable: the overflow test then fails instead */

var CSTO_ANSWER_MIN_ZOOM = 0.7;  /* an answer the teacher opens may shrink its slide a little more, to keep its question */

function cstoFitSlide(slide, least) {
  if (!slide) { return; }
  slide.style.zoom = '';
  var height = slide.scrollHeight;
  if (height > CSTO_SLIDE_HEIGHT) {
    var zoom = Math.floor((CSTO_SLIDE_HEIGHT / height) * 100) / 100;
    if (zoom >= (least || CSTO_MIN_ZOOM)) { slide.style.zoom = String(zoom); }
  }
}

/* A folded answer opened on a slide: the question stays above its answer whenever both fit the frame (the slide
   zoomed down to CSTO_ANSWER_MIN_ZOOM at most), so the room reads the answer with its question; only an answer too
   long for that makes the prompt's text step aside (its heading stays). Closing it brings the prompt back. */
function cstoAnswerToggled(event) {
  var details = event.target;
  var slide = details.closest && details.closest('.reveal .slides section');
  if (!slide) { return; }
  var open = !!slide.querySelector('details[open]');
  slide.classList.remove('csto-answer-open');
  slide.style.zoom = '';
  if (open && slide.scrollHeight > CSTO_SLIDE_HEIGHT / CSTO_ANSWER_MIN_ZOOM) { slide.classList.add('csto-answer-open'); }
  cstoFitSlide(slide, open ? CSTO_ANSWER_MIN_ZOOM : CSTO_MIN_ZOOM);
  Reveal.layout();
}

function cstoSyncInert() {
  document.querySelectorAll('.reveal .slides section').forEach(function (section) {
    if (section.getAttribute('aria-hidden') === 'true') { section.setAttribute('inert', ''); }
    else { section.removeAttribute('inert'); }
  });
}

/* Printed (?print-pdf), every slide is fitted as it would be on screen once reveal has laid the print pages out (before,
   the hidden slides measure nothing), so a tall table ends above the footer; the printer waits for the mark. */
function cstoFitPrintedSlides() {
  document.querySelectorAll('.reveal .slides section').forEach(function (s) { cstoFitSlide(s); });
  document.documentElement.setAttribute('data-print-fitted', 'true');
}
document.addEventListener('pdf-ready', cstoFitPrintedSlides);

function cstoDeckReady() {
  Reveal.on('slidechanged', function (event) { cstoSyncInert(); cstoResizeFigures(event.currentSlide); cstoFitSlide(event.currentSlide); });
  document.querySelectorAll('.reveal .slides details').forEach(function (d) { d.addEventListener('toggle', cstoAnswerToggled); });
  cstoSyncInert();
  cstoResizeFigures(Reveal.getCurrentSlide());
  cstoFitSlide(Reveal.getCurrentSlide());
  document.documentElement.setAttribute('data-deck-ready', 'true');
}

/* The quote explorer (handouts and pages): one labelled select per column that the rows carry as data attributes. */
function cstoExplorer(box) {
  if (box.closest('.reveal')) { return; }  /* a room cannot use menus: a deck shows the table whole */
  var rows = Array.from(box.querySelectorAll('tbody tr'));
  var filters = document.createElement('div');
  filters.className = 'csto-filters';
  var status = document.createElement('p');
  status.className = 'csto-filter-status';
  status.setAttribute('aria-live', 'polite');
  var selects = [['speaker', 'Speaker'], ['country', 'Country'], ['source', 'Reported by']].map(function (spec, i) {
    var id = 'csto-filter-' + spec[0] + '-' + Math.random().toString(36).slice(2, 8);
    var label = document.createElement('label');
    label.setAttribute('for', id);
    label.textContent = spec[1] + ' ';
    var select = document.createElement('select');
    select.id = id;
    select.dataset.key = spec[0];
    var values = Array.from(new Set(rows.map(function (r) { return r.dataset[spec[0]]; }).filter(Boolean))).sort();
    [['', 'All']].concat(values.map(function (v) { return [v, v]; })).forEach(function (pair) {
      var option = document.createElement('option');
      option.value = pair[0];
      option.textContent = pair[1];
      select.appendChild(option);
    });
    label.appendChild(select);
    filters.appendChild(label);
    return select;
  });
  function apply() {
    var shown = 0;
    rows.forEach(function (row) {
      var keep = selects.every(function (s) { return !s.value || row.dataset[s.dataset.key] === s.value; });
      row.hidden = !keep;
      if (keep) { shown += 1; }
    });
    status.textContent = shown + ' of ' + rows.length + ' quotations shown';
  }
  selects.forEach(function (s) { s.addEventListener('change', apply); });
  box.insertBefore(status, box.firstChild);
  box.insertBefore(filters, box.firstChild);
  apply();
}

document.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('.csto-explorer').forEach(cstoExplorer);
});
