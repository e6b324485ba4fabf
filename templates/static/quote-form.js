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
        if (!next) {
          // Not the form (the session ended, the server failed): old totals must not stay on screen.
          preview.replaceChildren();
          var notice = document.createElement('p');
          notice.className = 'error';
          notice.textContent = '无法更新金额,请点击“计算”或重新登录。 / The totals could not be updated: press Calculate, or sign in again.';
          preview.appendChild(notice);
          preview.hidden = false;
          return;
        }
        preview.replaceChildren.apply(preview, Array.prototype.slice.call(next.childNodes).map(function (n) { return document.importNode(n, true); }));
        preview.hidden = next.hidden;
        // The refusal and its list of problems, as the server rendered them for these fields.
        Array.prototype.forEach.call(form.parentNode.querySelectorAll('p.error, ul.problems'), function (n) { n.remove(); });
        Array.prototype.forEach.call(page.querySelectorAll('p.error, ul.problems'), function (n) {
          if (!next.contains(n)) form.parentNode.insertBefore(document.importNode(n, true), form);
        });
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
