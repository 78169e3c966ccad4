// baton's page script: served by baton itself, no framework. It keeps the page live from the server's event stream
// (/live, server-sent events, no polling): on each change it fetches the page's live part again and puts it in place.
(function () {
  'use strict';
  var url = new URL(window.location.href);
  if (url.searchParams.has('token')) {
    // The link's token became a cookie; keep it out of the address bar and the history.
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
  }

  var live = document.getElementById('live');
  var notify = document.getElementById('notify');
  var waiting = live ? live.querySelectorAll('tr.waits').length : 0;
  if (notify && 'Notification' in window && Notification.permission === 'default') {
    notify.hidden = false;
    notify.addEventListener('click', function () {
      Notification.requestPermission().then(function () { notify.hidden = true; });
    });
  }

  if (!live || !('EventSource' in window)) {
    return;
  }

  var busy = false;
  var again = false;
  function refresh(sequence) {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    fetch(window.location.pathname + window.location.search, { headers: { 'X-Baton-Live': '1' }, credentials: 'same-origin', cache: 'no-store' })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(function (html) {
        live.innerHTML = html; // rendered by the server, every text from sessions already escaped
        document.documentElement.setAttribute('data-live-sequence', sequence);
        var now = live.querySelectorAll('tr.waits').length;
        if (now > waiting && 'Notification' in window && Notification.permission === 'granted') {
          new Notification('baton', { body: 'A session waits for you.' });
        }
        waiting = now;
      })
      .catch(function () { })
      .then(function () {
        busy = false;
        if (again) {
          again = false;
          refresh(sequence);
        }
      });
  }

  var stream = new EventSource('/live');
  stream.addEventListener('hello', function (event) {
    document.documentElement.setAttribute('data-live-sequence', event.data);
  });
  stream.addEventListener('change', function (event) { refresh(event.data); });
})();
