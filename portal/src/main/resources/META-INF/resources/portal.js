// Improvements only: every page works without this script.
// 1. Live refresh: the page listens to its stream of changes (server-sent events) and, when one arrives, fetches
//    itself again and swaps in the panels whose content changed, announcing them in the polite live region.
// 2. Sortable tables: each heading becomes a button that sorts by that column (aria-sort says how).
(function () {
  'use strict';

  // Panels announced since the last refresh; the page is asked for only those (a network page builds just them).
  var pending = {};

  function refresh() {
    var status = document.getElementById('live-status');
    var names = Object.keys(pending);
    pending = {};
    var url = new URL(window.location.href);
    url.hash = '';
    if (names.length && names.indexOf('*') < 0 && document.querySelector('[data-panel="registry"]')) {
      url.searchParams.set('panels', names.join(','));
    }
    fetch(url.toString(), { headers: { 'X-Portal-Refresh': '1' }, credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (!html) { return; }
        var fresh = new DOMParser().parseFromString(html, 'text/html');
        var changed = [];
        document.querySelectorAll('[data-panel]').forEach(function (panel) {
          var replacement = fresh.getElementById(panel.id);
          if (replacement && replacement.innerHTML !== panel.innerHTML) {
            var focusedId = document.activeElement && panel.contains(document.activeElement) ? document.activeElement.id : null;
            panel.innerHTML = replacement.innerHTML;
            panel.classList.remove('pcn-updated');
            void panel.offsetWidth;
            panel.classList.add('pcn-updated');
            makeSortable(panel);
            if (focusedId && document.getElementById(focusedId)) { document.getElementById(focusedId).focus(); }
            var heading = panel.querySelector('h2');
            changed.push(heading ? heading.textContent : panel.id);
          }
        });
        if (changed.length && status) {
          status.textContent = 'Updated at ' + new Date().toLocaleTimeString('en-GB') + ': ' + changed.join(', ') + '.';
        }
        document.body.setAttribute('data-refreshed', String(Date.now()));
      })
      .catch(function () { /* the next change tries again */ });
  }

  function listen() {
    var source = document.body.getAttribute('data-changes');
    if (!source || !window.EventSource || !window.fetch || !window.DOMParser) { return; }
    var timer = null;
    var events = new EventSource(source);
    events.onopen = function () { document.body.setAttribute('data-live', 'connected'); };
    var delay = parseInt(document.body.getAttribute('data-refresh-delay') || '50', 10);
    events.onmessage = function (e) {
      if (e.data === 'ping') { return; }
      // A network page hears a panel name; a page of many networks hears "NETWORK panel" and refreshes whole.
      pending[e.data.indexOf(' ') < 0 ? e.data : '*'] = true;
      // Events of one change arrive together (a practice leaves one network and joins another): refresh once.
      clearTimeout(timer);
      timer = setTimeout(refresh, delay);
    };
  }

  function cellValue(row, index) {
    var cell = row.children[index];
    return cell ? (cell.getAttribute('data-value') || cell.textContent.trim()) : '';
  }

  function makeSortable(root) {
    root.querySelectorAll('table[data-sortable]').forEach(function (table) {
      var headers = table.querySelectorAll('thead th');
      headers.forEach(function (th, index) {
        if (th.querySelector('button')) { return; }
        var button = document.createElement('button');
        button.type = 'button';
        button.className = 'pcn-sort-button';
        button.textContent = th.textContent.trim();
        th.textContent = '';
        th.appendChild(button);
        th.setAttribute('aria-sort', 'none');
        button.addEventListener('click', function () {
          var ascending = th.getAttribute('aria-sort') !== 'ascending';
          headers.forEach(function (h) { h.setAttribute('aria-sort', 'none'); });
          th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
          var numeric = th.hasAttribute('data-numeric');
          var body = table.tBodies[0];
          var rows = Array.prototype.slice.call(body.rows);
          rows.sort(function (a, b) {
            var x = cellValue(a, index), y = cellValue(b, index);
            var result = numeric ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : x.localeCompare(y, 'en-GB');
            return ascending ? result : -result;
          });
          rows.forEach(function (r) { body.appendChild(r); });
        });
      });
    });
  }

  makeSortable(document);
  listen();
}());
