// The reviewer's desk: keyboard shortcuts (queue: j/k/Enter and /; applicant: 1/2/3 choose,
// Ctrl+Enter submits, Esc back), the decision form (materials pre-filled with their 反馈意见
// templates), zoom and the boxes of the fields read. Plain script from a local file.
(function () {
  function typing(ev) {
    var t = ev.target.tagName;
    return t === 'INPUT' || t === 'TEXTAREA' || t === 'SELECT';
  }
  // -- queue
  var queue = document.getElementById('queue');
  if (queue) {
    var rows = Array.prototype.slice.call(queue.querySelectorAll('tbody tr[data-href]'));
    var at = 0;
    function select(i) {
      if (!rows.length) return;
      rows[at].classList.remove('sel');
      at = Math.max(0, Math.min(rows.length - 1, i));
      rows[at].classList.add('sel');
      rows[at].scrollIntoView({block: 'nearest'});
    }
    rows.forEach(function (r, i) {
      r.addEventListener('click', function (ev) {
        if (ev.target.tagName !== 'A') location.href = r.getAttribute('data-href');
      });
    });
    document.addEventListener('keydown', function (ev) {
      if (typing(ev) || ev.ctrlKey || ev.metaKey || ev.altKey) return;
      if (ev.key === 'j' || ev.key === 'ArrowDown') { select(at + 1); ev.preventDefault(); }
      else if (ev.key === 'k' || ev.key === 'ArrowUp') { select(at - 1); ev.preventDefault(); }
      else if ((ev.key === 'Enter' || ev.key === 'o') && rows.length) {
        location.href = rows[at].getAttribute('data-href'); ev.preventDefault();
      } else if (ev.key === '/') {
        var s = document.getElementById('search'); if (s) { s.focus(); ev.preventDefault(); }
      }
    });
  }
  // -- boxes and zoom
  Array.prototype.forEach.call(document.querySelectorAll('figure.zoom'), function (fig) {
    var img = fig.querySelector('img.page'), stage = fig.querySelector('.stage'), scale = 1;
    var w = +img.getAttribute('data-w'), h = +img.getAttribute('data-h');
    Array.prototype.forEach.call(fig.querySelectorAll('.box'), function (b) {
      var v = b.getAttribute('data-box').split(',').map(Number);
      if (!w || !h || v.length !== 4) return;
      b.style.left = (100 * v[0] / w) + '%'; b.style.top = (100 * v[1] / h) + '%';
      b.style.width = (100 * (v[2] - v[0]) / w) + '%';
      b.style.height = (100 * (v[3] - v[1]) / h) + '%';
    });
    function zoom(f) { scale = Math.max(1, Math.min(4, scale * f)); stage.style.width = (100 * scale) + '%'; }
    fig.querySelector('.zin').addEventListener('click', function () { zoom(1.5); });
    fig.querySelector('.zout').addEventListener('click', function () { zoom(1 / 1.5); });
    img.addEventListener('dblclick', function () { zoom(scale > 1 ? 1 / scale : 2); });
  });
  // -- the decision form
  var form = document.getElementById('decide-form');
  if (!form) return;
  var feedback = document.getElementById('feedback');
  var boxes = Array.prototype.slice.call(form.querySelectorAll('input[name=materials]'));
  var edited = feedback && feedback.value.trim() !== '';
  function compose() {
    if (!feedback || edited) return;
    feedback.value = boxes.filter(function (b) { return b.checked; }).map(function (b) {
      return b.getAttribute('data-label') + '：' + b.getAttribute('data-template');
    }).join('\n');
  }
  function mode() {
    var c = form.querySelector('input[name=decision]:checked');
    form.className = c ? c.value : '';
    if (c && c.value === 'resubmit') compose();
  }
  if (feedback) feedback.addEventListener('input', function () { edited = true; });
  boxes.forEach(function (b) { b.addEventListener('change', function () { compose(); }); });
  Array.prototype.forEach.call(form.querySelectorAll('input[name=decision]'), function (r) {
    r.addEventListener('change', mode);
  });
  mode();
  var keys = {'1': 'd-pass', '2': 'd-resubmit', '3': 'd-reject'};
  document.addEventListener('keydown', function (ev) {
    if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) {
      ev.preventDefault(); form.requestSubmit(); return;
    }
    if (typing(ev) || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (keys[ev.key]) {
      var r = document.getElementById(keys[ev.key]);
      if (r && !r.disabled) { r.checked = true; mode(); ev.preventDefault(); }
      if (ev.key === '3') { var reason = document.getElementById('reason'); if (reason) reason.focus(); }
    } else if (ev.key === 'Enter') {
      if (form.querySelector('input[name=decision]:checked')) { ev.preventDefault(); form.requestSubmit(); }
    } else if (ev.key === 'Escape') {
      var back = document.getElementById('back'); if (back) location.href = back.href;
    }
  });
})();
