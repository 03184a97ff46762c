// certcheck report: filter the rows of a list page by text and verdict, open an applicant's
// page by 报名序列号, and unfold the folded passes before printing. A few lines of vanilla JS
// loaded from a local file; without JS every row is still shown.
(function () {
  window.addEventListener('beforeprint', function () {
    var folded = document.querySelectorAll('details');
    for (var i = 0; i < folded.length; i++) folded[i].open = true;
  });
  var q = document.getElementById('q'), v = document.getElementById('v');
  var n = document.getElementById('n'), go = document.getElementById('go');
  if (!q || !n || !go) return;  // an applicant's page: no list to filter
  var rows = Array.prototype.slice.call(document.querySelectorAll('#list tbody tr'));
  var texts = null, timer = 0;
  function apply() {
    if (!texts) texts = rows.map(function (r) { return r.textContent.toLowerCase(); });
    var s = q.value.trim().toLowerCase(), w = v ? v.value : '', shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var ok = (!w || rows[i].getAttribute('data-v') === w) && (!s || texts[i].indexOf(s) >= 0);
      rows[i].hidden = !ok; if (ok) shown++;
    }
    n.textContent = shown;
  }
  q.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(apply, 150); });
  if (v) v.addEventListener('change', apply);
  go.addEventListener('submit', function (ev) {
    ev.preventDefault();
    var id = document.getElementById('gid').value.trim();
    if (/^[0-9A-Za-z][0-9A-Za-z_.-]*$/.test(id)) location.href = 'applicants/' + id + '.html';
    else if (id) alert('报名序列号格式不正确，请在名单中查找。');
  });
})();
