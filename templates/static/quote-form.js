// The quote form with the page's script: switching 私有云 ↔ 公有云 hides the on-premise-only services at once
// and keeps what was typed in them (their fields are renamed keep_…, which the server holds but never sells,
// exactly as it renders them after a switch without the script), the licence amount shows when the tier is
// priced by it, and the totals beside the form follow the fields as they are typed. The form works without
// this script: 切换部署 and 计算 post it back with every value.
(function () {
  'use strict';
  var form = document.getElementById('quote-form');
  var preview = document.getElementById('quote-preview');
  if (!form || !preview || !window.fetch || !window.DOMParser || !window.URLSearchParams) return;
  var timer = null;
  var latest = 0;

  function offering() {
    var checked = form.querySelector('input[name=offering]:checked');
    return checked ? checked.value : 'on_premise';
  }

  /** On a cloud quote the on-premise-only rows are hidden and held; on premise they come back as they were. */
  function applyOffering() {
    var cloud = offering() === 'cloud';
    var held = false;
    Array.prototype.forEach.call(form.querySelectorAll('tr[data-on-premise-only]'), function (row) {
      row.hidden = cloud;
      Array.prototype.forEach.call(row.querySelectorAll('input'), function (input) {
        var plain = input.name.replace(/^keep_/, '');
        input.name = cloud ? 'keep_' + plain : plain;
        if (cloud && (input.type === 'checkbox' ? input.checked : input.value !== '')) held = true;
      });
    });
    var hint = form.querySelector('[data-held]');
    if (hint) hint.hidden = !held;
    showLicence();
  }

  function showLicence() {
    var field = form.querySelector('[data-licence]');
    var tier = form.querySelector('select[name=tier]');
    if (!field || !tier) return;
    var priced = (form.getAttribute('data-licence-share') || '').split(' ').indexOf(offering() + ':' + tier.value) >= 0;
    var input = field.querySelector('input');
    // A typed amount stays in view: hiding it would hide what will be posted.
    field.hidden = !priced && !(input && input.value) && !field.classList.contains('invalid');
  }

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
          notice.setAttribute('role', 'alert');
          notice.textContent = document.documentElement.lang === 'en' ? 'The totals could not be updated: press Calculate, or sign in again.' : '无法更新金额,请点击“计算”或重新登录。';
          preview.appendChild(notice);
          return;
        }
        var open = preview.querySelector('details[open]') !== null;
        preview.replaceChildren.apply(preview, Array.prototype.slice.call(next.childNodes).map(function (n) { return document.importNode(n, true); }));
        var details = preview.querySelector('details');
        if (details && open) details.open = true;
      })
      .catch(function () { /* the 计算 button still works */ });
  }

  function later(ms) {
    clearTimeout(timer);
    timer = setTimeout(refresh, ms);
  }

  var switchButton = form.querySelector('[data-switch]');
  if (switchButton) switchButton.hidden = true;
  applyOffering();
  form.addEventListener('input', function (event) {
    // A new name typed is a new search: the customer chosen for the old one no longer stands.
    if (event.target && event.target.name === 'customerName') {
      var matches = form.querySelector('.matches');
      if (matches) matches.remove();
    }
    later(250);
  });
  form.addEventListener('change', function (event) {
    if (event.target && (event.target.name === 'offering' || event.target.name === 'tier')) applyOffering();
    later(50);
  });
})();
