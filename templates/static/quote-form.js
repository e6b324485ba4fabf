// Live totals on the new-quote form: the same server computation as the 计算 button, without reloading.
// The form works without this script; with it, the preview follows the fields as they are typed.
(function () {
  'use strict';
  var form = document.getElementById('quote-form');
  var preview = document.getElementById('quote-preview');
  if (!form || !preview || !window.fetch || !window.DOMParser) return;
  var timer = null;
  var latest = 0;
  function refresh() {
    var ticket = ++latest;
    var body = new URLSearchParams(new FormData(form));
    fetch('/quotes/preview', { method: 'POST', body: body, credentials: 'same-origin', headers: { Accept: 'text/html' } })
      .then(function (res) { return res.text(); })
      .then(function (html) {
        if (ticket !== latest) return; // a newer keystroke has asked again
        var page = new DOMParser().parseFromString(html, 'text/html');
        var next = page.getElementById('quote-preview');
        if (!next) return;
        preview.replaceChildren.apply(preview, Array.prototype.slice.call(next.childNodes).map(function (n) { return document.importNode(n, true); }));
        preview.hidden = next.hidden;
        var error = page.querySelector('p.error');
        var current = form.parentNode.querySelector('p.error');
        if (current) current.remove();
        if (error) form.parentNode.insertBefore(document.importNode(error, true), form);
      })
      .catch(function () { /* the 计算 button still works */ });
  }
  form.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, 250);
  });
  form.addEventListener('change', function () {
    clearTimeout(timer);
    timer = setTimeout(refresh, 50);
  });
})();
