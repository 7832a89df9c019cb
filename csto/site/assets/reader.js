/* The source reader's page behaviour (csto/reader/). Without it the page still works: the superscript numbers
   and the numbered notes at the end list the rows behind each passage, as on paper.

   With it: focusing a highlight (Tab) or clicking/tapping one shows the rows that cite it in the panel. A click
   lists every passage covering the clicked words (overlapping and nested passages), a focus the focused passage.
   Screen readers hear the rows through each highlight's aria-describedby (the note's count and list of rows); the
   panel is a visual aid and is not announced a second time. */
(function () {
  'use strict';
  document.documentElement.classList.add('rd-js');

  function ready(fn) {
    if (document.readyState !== 'loading') { fn(); } else { document.addEventListener('DOMContentLoaded', fn); }
  }

  /* Class mode: a link from a lesson adds ?lesson=03. Only the passages that lesson uses stay highlighted (the page
     lists them per lesson in main[data-lessons]); the rest of the text reads plain, so a highlight stands out on a
     projector. A banner says so and links to the page with every highlight. */
  function classMode() {
    var main = document.querySelector('main[data-lessons]');
    var lesson = new URLSearchParams(window.location.search).get('lesson');
    if (!main || !lesson) { return; }
    var lessons = JSON.parse(main.getAttribute('data-lessons') || '{}');
    var used = lessons[lesson];
    if (!used) { return; }
    var wrapper = document.querySelector('.rd-page');
    wrapper.classList.add('rd-class-mode');
    var numbers = {};
    Array.prototype.forEach.call(document.querySelectorAll('mark.rd-m'), function (m) {
      if (used.indexOf(m.getAttribute('data-p')) >= 0) { m.classList.add('rd-in-lesson'); } else { m.removeAttribute('tabindex'); }
    });
    Array.prototype.forEach.call(document.querySelectorAll('.rd-notes > li'), function (li) {
      if (used.indexOf(li.getAttribute('data-p')) >= 0) { numbers[li.getAttribute('value')] = true; } else { li.hidden = true; }
    });
    Array.prototype.forEach.call(document.querySelectorAll('sup.rd-ref'), function (sup) {
      var mine = sup.textContent.split(',').filter(function (n) { return numbers[n.trim()]; });
      if (mine.length) { sup.textContent = mine.join(','); } else { sup.hidden = true; }
    });
    var banner = document.querySelector('.rd-class-banner');
    if (banner) {
      banner.textContent = 'Lesson ' + lesson + ': only the ' + used.length + ' passage' + (used.length === 1 ? '' : 's') +
        ' this lesson uses ' + (used.length === 1 ? 'is' : 'are') + ' highlighted. ';
      var all = document.createElement('a');
      all.href = window.location.pathname.split('/').pop();
      all.textContent = 'Show every highlight';
      banner.appendChild(all);
      banner.hidden = false;
    }
    if (!window.location.hash && used.length) {
      var first = document.getElementById(used[0]);
      if (first) { first.scrollIntoView({block: 'center'}); }
    }
  }

  ready(classMode);

  ready(function () {
    var text = document.querySelector('.rd-page .rd-text');
    var panel = document.getElementById('rd-panel');
    if (!text || !panel) { return; }
    var body = panel.querySelector('.rd-panel-body');
    var title = panel.querySelector('.rd-panel-title');
    var close = panel.querySelector('.rd-close');
    var active = [];
    var opener = null;
    var quiet = false;  /* focus given back by the Close button must not reopen the panel */

    function marksOf(anchor) { return text.querySelectorAll('mark[data-p="' + anchor + '"]'); }
    function noteOf(anchor) { return document.getElementById('n-' + anchor); }

    function placeholder() {
      body.textContent = '';
      var p = document.createElement('p');
      p.className = 'rd-panel-empty';
      p.textContent = 'Select a highlighted passage (click, tap, or Tab to it) to see what the course takes from it.';
      body.appendChild(p);
      title.textContent = 'What the course takes from a passage';
    }

    function clear() {
      active.forEach(function (anchor) {
        Array.prototype.forEach.call(marksOf(anchor), function (m) { m.classList.remove('rd-active'); });
      });
      active = [];
    }

    function show(anchors) {
      clear();
      body.textContent = '';
      anchors.forEach(function (anchor) {
        var note = noteOf(anchor);
        if (!note) { return; }
        var item = document.createElement('div');
        item.className = 'rd-panel-item';
        item.setAttribute('data-p', anchor);
        var head = document.createElement('p');
        head.className = 'rd-panel-q';
        head.appendChild(document.createTextNode('Note ' + note.getAttribute('value') + ': '));
        head.appendChild(note.querySelector('.rd-excerpt').cloneNode(true));
        item.appendChild(head);
        var count = note.querySelector('.rd-count').cloneNode(true);
        count.removeAttribute('id');
        item.appendChild(count);
        var list = note.querySelector('.rd-rows').cloneNode(true);
        list.removeAttribute('id');
        item.appendChild(list);
        body.appendChild(item);
        Array.prototype.forEach.call(marksOf(anchor), function (m) { m.classList.add('rd-active'); });
        active.push(anchor);
      });
      title.textContent = active.length > 1 ? 'What the course takes from these ' + active.length + ' overlapping passages' : 'What the course takes from this passage';
      panel.classList.add('rd-open');
      document.documentElement.classList.add('rd-panel-open');
    }

    function hide() {
      clear();
      placeholder();
      panel.classList.remove('rd-open');
      document.documentElement.classList.remove('rd-panel-open');
      if (opener && document.contains(opener) && panel.contains(document.activeElement)) {
        quiet = true;
        opener.focus({ preventScroll: true });
        quiet = false;
      }
    }

    /* Every passage covering the clicked words, in the order of their notes (reading order). */
    function covering(mark) {
      var found = [];
      for (var node = mark; node && node !== text; node = node.parentElement) {
        if (node.matches('mark[data-p]') && found.indexOf(node.getAttribute('data-p')) < 0) { found.push(node.getAttribute('data-p')); }
      }
      return found.sort(function (a, b) {
        return Number(noteOf(a).getAttribute('value')) - Number(noteOf(b).getAttribute('value'));
      });
    }

    text.addEventListener('focusin', function (event) {
      var mark = event.target;
      if (!quiet && mark.matches && mark.matches('mark[data-p][tabindex]')) {
        opener = mark;
        show([mark.getAttribute('data-p')]);
      }
    });
    text.addEventListener('click', function (event) {
      var mark = event.target.closest ? event.target.closest('mark[data-p]') : null;
      if (mark) { show(covering(mark)); }
    });
    close.addEventListener('click', hide);
    document.addEventListener('keydown', function (event) {
      if (event.key === 'Escape' && panel.classList.contains('rd-open')) { hide(); }
    });

    placeholder();
    if (location.hash.length > 1) {
      var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
      if (target && target.matches('mark[data-p][tabindex]')) { target.focus(); }
    }
  });
})();
