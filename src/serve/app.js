// archcost serve: the what-if page. Controls hold the file's values (data-base); changed values
// are the what-if, kept in the URL fragment (#workload.requests_per_month=60000000&...) and sent
// to /api/view, whose report HTML replaces #report. Every number comes from the server's engine.
(function () {
  'use strict';
  const body = document.body;
  const lang = body.dataset.lang;
  const form = document.getElementById('controls');
  const report = document.getElementById('report');
  const extra = new Map(); // changed keys from a link that have no control
  let version = body.dataset.version;
  let shown = ''; // the query whose view is on screen ('' = the file as it is)
  let failed = null; // the last query the server refused
  let inflight = false;
  let again = false;

  const $ = (id) => document.getElementById(id);
  const controls = () => Array.from(form.querySelectorAll('[data-key]'));
  const control = (key) => controls().find((el) => el.dataset.key === key);
  const slider = (key) =>
    Array.from(form.querySelectorAll('input[type=range]')).find((r) => r.dataset.for === key);

  function valueOf(el) {
    return el.type === 'checkbox' ? String(el.checked) : el.value.trim();
  }

  function setValue(el, v) {
    if (el.type === 'checkbox') {
      el.checked = v === 'true';
    } else if (el.tagName === 'SELECT') {
      if (!Array.from(el.options).some((o) => o.value === v)) el.add(new Option(v, v));
      el.value = v;
    } else {
      el.value = v;
      el.setAttribute('value', v);
    }
    syncSlider(el);
  }

  // Sliders work in positions 0..1000 between data-min and data-max (linear or log).
  function syncSlider(el) {
    const r = slider(el.dataset.key);
    if (!r) return;
    const v = Number(el.value);
    const min = Number(r.dataset.min);
    const max = Number(r.dataset.max);
    if (!Number.isFinite(v)) return;
    let p;
    if (r.dataset.scale === 'log') {
      p = v > 0 ? (1000 * Math.log(v / min)) / Math.log(max / min) : 0;
    } else {
      p = (1000 * (v - min)) / (max - min);
    }
    r.value = String(Math.max(0, Math.min(1000, p)));
  }

  function fromSlider(r) {
    const min = Number(r.dataset.min);
    const max = Number(r.dataset.max);
    const p = Number(r.value) / 1000;
    const v = r.dataset.scale === 'log' ? min * Math.pow(max / min, p) : min + (max - min) * p;
    if (r.dataset.whole) return String(Math.round(v));
    return v === 0 ? '0' : String(Number(v.toPrecision(3)));
  }

  // The what-if: every control whose value differs from the file, then keys from the link.
  function edits() {
    const p = new URLSearchParams();
    for (const el of controls()) {
      const v = valueOf(el);
      const changed = v !== '' && v !== el.dataset.base;
      const box = el.closest('.ctl');
      if (box) box.classList.toggle('changed', changed);
      if (changed) p.set(el.dataset.key, v);
    }
    extra.forEach((v, k) => {
      if (!p.has(k)) p.set(k, v);
    });
    return p;
  }

  function withLang(p) {
    const q = new URLSearchParams(p);
    q.set('lang', lang);
    return q.toString();
  }

  function showError(id, text) {
    const box = $(id);
    if (!box) return;
    box.hidden = !text;
    box.querySelector('pre').textContent = text || '';
  }

  function listExtra() {
    const box = $('other-changes');
    const ul = box.querySelector('ul');
    ul.textContent = '';
    extra.forEach((v, k) => {
      const li = document.createElement('li');
      li.textContent = k + ' = ' + v + ' ';
      const drop = document.createElement('button');
      drop.type = 'button';
      drop.textContent = '×';
      drop.addEventListener('click', () => {
        extra.delete(k);
        listExtra();
        schedule();
      });
      li.appendChild(drop);
      ul.appendChild(li);
    });
    box.hidden = extra.size === 0;
  }

  function updateLinks(p) {
    const q = p.toString();
    $('download-zip').href = '/api/report.zip?' + withLang(p);
    $('download-toml').href = '/api/scenario.toml' + (q ? '?' + q : '');
    const other = lang === 'ja' ? 'en' : 'ja';
    $('lang-switch').href = '?lang=' + other + (q ? '#' + q : '');
  }

  function schedule() {
    if (inflight) {
      again = true;
      return;
    }
    render();
  }

  function render() {
    const p = edits();
    const q = p.toString();
    const hash = q ? '#' + q : '';
    if (location.hash !== hash) {
      history.replaceState(null, '', location.pathname + location.search + hash);
    }
    updateLinks(p);
    if (q === shown || q === failed) return;
    inflight = true;
    report.dataset.state = 'loading';
    $('busy').hidden = false;
    fetch('/api/view?' + withLang(p), { cache: 'no-store' })
      .then((r) => r.text().then((text) => ({ r, text })))
      .then(({ r, text }) => {
        if (r.ok) {
          report.innerHTML = text;
          shown = q;
          failed = null;
          report.dataset.query = q;
          delete report.dataset.error;
          showError('what-if-error', '');
        } else {
          failed = q;
          report.dataset.error = '1';
          showError('what-if-error', text);
        }
      })
      .catch((e) => showError('what-if-error', String(e)))
      .finally(() => {
        inflight = false;
        report.dataset.state = 'ready';
        $('busy').hidden = true;
        if (again) {
          again = false;
          render();
        }
      });
  }

  // Set the controls from the URL fragment (a shared link).
  function applyHash() {
    const p = new URLSearchParams(location.hash.slice(1));
    extra.clear();
    for (const el of controls()) {
      setValue(el, p.has(el.dataset.key) ? p.get(el.dataset.key) : el.dataset.base);
    }
    p.forEach((v, k) => {
      if (!control(k)) extra.set(k, v);
    });
    listExtra();
  }

  // After the file changed on disk: new controls (new base values), same what-if.
  function refreshPanel() {
    const keep = edits();
    fetch('/api/panel?lang=' + lang, { cache: 'no-store' })
      .then((r) => (r.ok ? r.text() : Promise.reject(r.status)))
      .then((html) => {
        form.innerHTML = html;
        extra.clear();
        for (const el of controls()) {
          if (keep.has(el.dataset.key)) setValue(el, keep.get(el.dataset.key));
          else syncSlider(el);
        }
        keep.forEach((v, k) => {
          if (!control(k)) extra.set(k, v);
        });
        listExtra();
        shown = null;
        failed = null;
        render();
      })
      .catch(() => {});
  }

  function poll() {
    fetch('/api/status', { cache: 'no-store' })
      .then((r) => r.json())
      .then((s) => {
        showError('file-error', s.error || '');
        if (String(s.version) !== version) {
          version = String(s.version);
          refreshPanel();
        }
      })
      .catch(() => {})
      .finally(() => setTimeout(poll, 500));
  }

  let typing = null;
  form.addEventListener('input', (e) => {
    const t = e.target;
    if (t.type === 'range') {
      const el = control(t.dataset.for);
      if (el) el.value = fromSlider(t);
    } else if (t.type === 'text') {
      // Instance names: wait for a pause (or a pick from the list) instead of every keystroke.
      clearTimeout(typing);
      typing = setTimeout(schedule, 600);
      return;
    } else {
      syncSlider(t);
    }
    schedule();
  });
  form.addEventListener('change', schedule);
  form.addEventListener('submit', (e) => e.preventDefault());
  window.addEventListener('hashchange', () => {
    applyHash();
    render();
  });
  $('reset').addEventListener('click', () => {
    extra.clear();
    for (const el of controls()) setValue(el, el.dataset.base);
    listExtra();
    render();
  });
  $('save').addEventListener('click', () => {
    const values = {};
    edits().forEach((v, k) => {
      values[k] = v;
    });
    const out = $('save-result');
    fetch('/api/save?lang=' + lang, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: $('save-name').value, values }),
    })
      .then((r) => r.text().then((text) => ({ r, text })))
      .then(({ r, text }) => {
        out.hidden = false;
        out.textContent = r.ok ? body.dataset.savedLabel + ': ' + JSON.parse(text).saved : text;
      })
      .catch((e) => {
        out.hidden = false;
        out.textContent = String(e);
      });
  });

  // Optimize: the search of /api/optimize for the what-if on screen, shown above the report
  // (best, saving, why it cannot get cheaper, alternatives); cleared when the what-if changes.
  const result = $('optimize-result');
  function optimize() {
    const q = edits();
    result.dataset.state = 'loading';
    $('busy').hidden = false;
    fetch('/api/optimize?format=html&' + withLang(q), { cache: 'no-store' })
      .then((r) => r.text().then((text) => ({ r, text })))
      .then(({ r, text }) => {
        if (r.ok) {
          result.innerHTML = text;
          result.hidden = false;
          result.dataset.query = q.toString();
          showError('optimize-error', '');
        } else {
          result.hidden = true;
          showError('optimize-error', text);
        }
      })
      .catch((e) => showError('optimize-error', String(e)))
      .finally(() => {
        result.dataset.state = 'ready';
        $('busy').hidden = true;
      });
  }
  $('optimize').addEventListener('click', optimize);
  form.addEventListener('change', () => {
    if (!result.hidden && result.dataset.query !== edits().toString()) {
      result.hidden = true;
      result.dataset.state = 'idle';
    }
  });

  for (const el of controls()) syncSlider(el);
  applyHash();
  render();
  if (body.dataset.optimize === '1') optimize();
  setTimeout(poll, 500);
})();
