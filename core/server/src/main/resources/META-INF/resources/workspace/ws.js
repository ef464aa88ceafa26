/* Assay's instructor workspace: what every page shares. The credential (the admin token, or an instructor's
   workspace token from an LTI launch) travels as a bearer token, never as a cookie, so the pages work inside an
   LMS iframe with third-party cookies blocked and another site cannot forge a call. It arrives in the URL's
   fragment (#token=…), is moved to sessionStorage at once and removed from the address bar; where storage is
   blocked it stays in memory and rides along in the fragment of the workspace's own links.
   Pages build the DOM with Assay.el (text, never innerHTML from data) and call the REST API with Assay.api. */
(function () {
  'use strict';
  var KEY = 'assay.workspace.token';
  var memory = null;
  var storageWorks = true;

  function store(t) {
    memory = t;
    try { if (t) { sessionStorage.setItem(KEY, t); } else { sessionStorage.removeItem(KEY); } } catch (e) { storageWorks = false; }
  }

  function token() {
    if (memory) { return memory; }
    try { return sessionStorage.getItem(KEY); } catch (e) { storageWorks = false; return null; }
  }

  (function takeFromFragment() {
    var params = new URLSearchParams(location.hash.slice(1));
    var t = params.get('token');
    if (!t) { return; }
    store(t);
    params.delete('token');
    var rest = params.toString();
    history.replaceState(null, '', location.pathname + location.search + (rest ? '#' + rest : ''));
  })();

  /** A refusal from the API: status, the message to show, and the problems per field ({field, message}). */
  function ApiError(status, message, problems, body) {
    this.status = status;
    this.message = message;
    this.problems = problems || [];
    this.body = body;
  }
  ApiError.prototype = Object.create(Error.prototype);

  /** Calls /api (relative to the workspace, so any context root works); resolves to the JSON, rejects with ApiError. */
  function api(method, path, body, options) {
    var headers = { 'Accept': (options && options.accept) || 'application/json' };
    var t = token();
    if (t) { headers.Authorization = 'Bearer ' + t; }
    // options.contentType: the body (a Blob or File, a zip say) goes as it is, with that type; else it goes as JSON.
    var asIs = !!(options && options.contentType);
    if (body !== undefined && body !== null) { headers['Content-Type'] = asIs ? options.contentType : 'application/json'; }
    return fetch('../api' + path, {
      method: method, headers: headers,
      body: body !== undefined && body !== null ? (asIs ? body : JSON.stringify(body)) : undefined
    }).then(function (r) {
      if (options && options.raw && r.ok) { return r; }
      return r.text().then(function (text) {
        var json = null;
        try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
        if (!r.ok) {
          var message = json && (json.message || json.error) ? (json.message || json.error)
            : 'The server answered ' + r.status + '.';
          if (r.status === 401) { message += ' Sign in again from the workspace start page or your LMS.'; }
          throw new ApiError(r.status, message, json && json.problems, json);
        }
        return json;
      });
    }, function () {
      throw new ApiError(0, 'Assay could not be reached. Check your connection and try again.', [], null);
    });
  }

  /** An element: el('p', {class: 'note'}, 'text', child, …). Strings become text nodes; null children are skipped. */
  function el(tag, attrs) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) { return; }
      if (k.indexOf('on') === 0 && typeof v === 'function') { node.addEventListener(k.slice(2), v); }
      else if (k === 'text') { node.textContent = v; }
      else { node.setAttribute(k, v === true ? '' : String(v)); }
    });
    for (var i = 2; i < arguments.length; i++) { append(node, arguments[i]); }
    return node;
  }

  function append(node, child) {
    if (child === null || child === undefined || child === false) { return; }
    if (Array.isArray(child)) { child.forEach(function (c) { append(node, c); }); return; }
    node.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }

  /** Replaces a container's content. */
  function show(container, content) {
    container.textContent = '';
    append(container, content);
    return container;
  }

  /** A refusal or failure, announced to screen readers; problems listed per field. */
  function errorBox(err) {
    var box = el('div', { class: 'error', role: 'alert' }, el('p', {}, err && err.message ? err.message : String(err)));
    if (err && err.problems && err.problems.length) {
      box.appendChild(el('ul', {}, err.problems.map(function (p) {
        return el('li', {}, p.field ? el('code', {}, p.field) : null, p.field ? ': ' : '', p.message || '');
      })));
    }
    return box;
  }

  /**
   * Marks the form controls a refusal names (a control's data-field is the problem's field, e.g. "config.tolerance"):
   * aria-invalid and the message beside it. Returns the problems no control claimed, for a list at the top.
   */
  function markFields(form, problems) {
    form.querySelectorAll('[aria-invalid]').forEach(function (c) { c.removeAttribute('aria-invalid'); });
    form.querySelectorAll('.field-problem').forEach(function (p) { p.remove(); });
    var unclaimed = [];
    (problems || []).forEach(function (p, i) {
      var control = p.field ? form.querySelector('[data-field="' + CSS.escape(p.field) + '"]') : null;
      if (!control) { unclaimed.push(p); return; }
      var id = 'problem-' + i;
      control.setAttribute('aria-invalid', 'true');
      control.setAttribute('aria-describedby', ((control.getAttribute('aria-describedby') || '') + ' ' + id).trim());
      control.insertAdjacentElement('afterend', el('p', { class: 'field-problem', id: id }, p.message || ''));
    });
    return unclaimed;
  }

  /** A workspace link that keeps the credential where storage is blocked (it rides in the fragment). */
  function href(page, query) {
    var q = new URLSearchParams(query || {}).toString();
    var t = token();
    return page + (q ? '?' + q : '') + (!storageWorks && t ? '#token=' + encodeURIComponent(t) : '');
  }

  function param(name) { return new URLSearchParams(location.search).get(name); }

  var me = null;
  /** Who the credential is: {role, actor, assignment, target, expires} (GET /api/me), fetched once per page. */
  function whoami() {
    if (!me) { me = token() ? api('GET', '/me') : Promise.reject(new ApiError(401, 'Not signed in.', [], null)); }
    return me;
  }

  /**
   * The header every page shows: where you are and where you can go. `where` = {assignment: id, question: "pack/name"},
   * `current` names the page (one of the keys below) and gets aria-current.
   */
  function header(current, where) {
    where = where || {};
    var links = [['index', 'Assignments', href('index.html')]];
    if (where.assignment) {
      links.push(['assignment', 'Overview', href('assignment.html', { id: where.assignment })]);
      links.push(['review', 'Review', href('review.html', { id: where.assignment })]);
      links.push(['impact', 'Impact and regrade', href('impact.html', { id: where.assignment })]);
    }
    if (where.question) {
      links.push(['question', 'Edit question', href('question.html', { q: where.question, assignment: where.assignment || '' })]);
      links.push(['analytics', 'Analytics', href('analytics.html', { q: where.question, assignment: where.assignment || '' })]);
    }
    links.push(['packs', 'Packs', href('packs.html')]);
    var nav = el('nav', { 'aria-label': 'Workspace' }, el('ul', {}, links.map(function (l) {
      return el('li', {}, el('a', { href: l[2], 'aria-current': l[0] === current ? 'page' : null }, l[1]));
    })));
    var bar = el('header', { class: 'ws-header' }, el('a', { class: 'brand', href: href('index.html') }, 'Assay workspace'), nav);
    document.body.insertBefore(bar, document.body.firstChild);
    // An instructor's token reaches one assignment: no list of every assignment, no packs (the admin's pages).
    whoami().then(function (who) {
      if (who && who.assignment) {
        nav.querySelectorAll('a').forEach(function (a) {
          var page = a.getAttribute('href').split(/[?#]/)[0];
          if (page === 'index.html' || page === 'packs.html') { a.parentNode.remove(); }
        });
      }
    }, function () { /* not signed in, or no /api/me: the admin's menu */ });
    return bar;
  }

  /** Typesets $…$ and $$…$$ in a node with KaTeX (auto-render), where KaTeX is on the page. */
  function typeset(node) {
    if (window.renderMathInElement) {
      window.renderMathInElement(node, { delimiters: [{ left: '$$', right: '$$', display: true },
        { left: '$', right: '$', display: false }, { left: '\\(', right: '\\)', display: false },
        { left: '\\[', right: '\\]', display: true }], throwOnError: false });
    }
  }

  function number(x, digits) {
    if (x === null || x === undefined || !isFinite(x)) { return '–'; }
    return Number(x).toLocaleString(undefined, { maximumFractionDigits: digits === undefined ? 2 : digits });
  }

  /**
   * Markdown with LaTeX rendered by the server as students see it (POST /api/render/markdown): resolves to one HTML
   * string per text. The server escapes raw HTML, so the result may go into innerHTML; maths comes as span.math.
   */
  function renderMarkdown(texts) {
    if (!texts.length) { return Promise.resolve([]); }
    return api('POST', '/render/markdown', { markdown: texts }).then(function (r) { return r.html; });
  }

  /** Typesets the server's span.math elements in a node with KaTeX, as the students' page does. */
  function typesetMath(node) {
    if (!window.katex) { return; }
    node.querySelectorAll('.math:not([data-done])').forEach(function (m) {
      var tex = m.textContent;
      try {
        window.katex.render(tex, m, { displayMode: m.getAttribute('data-display') === 'true', throwOnError: false });
        m.setAttribute('data-done', '');
        m.setAttribute('data-tex', tex);
      } catch (e) { m.textContent = tex; }
    });
  }

  window.Assay = {
    api: api, ApiError: ApiError, el: el, show: show, errorBox: errorBox, markFields: markFields, href: href,
    param: param, whoami: whoami, header: header, typeset: typeset, number: number,
    token: token, signIn: store, signOut: function () { store(null); me = null; },
    renderMarkdown: renderMarkdown, typesetMath: typesetMath
  };
})();

/* Added for the impact, analytics, review and packs pages: downloads that need the bearer credential, and maths in an
   answer's echo typeset with KaTeX (where the page loads it). */
(function (Assay) {
  'use strict';

  /**
   * Fetches a file from the API with the credential (a plain link cannot carry it) and saves it under `filename`;
   * resolves to the file's size in bytes, rejects with Assay.ApiError.
   */
  function download(path, filename, accept) {
    return Assay.api('GET', path, null, { raw: true, accept: accept || '*/*' })
      .then(function (r) { return r.blob(); })
      .then(function (blob) {
        var url = URL.createObjectURL(blob);
        var a = Assay.el('a', { href: url, download: filename, hidden: true });
        document.body.appendChild(a);
        a.click();
        a.remove();
        setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
        return blob.size;
      });
  }

  /**
   * An answer's echo as a node: its LaTeX typeset by KaTeX (with the text beside it for screen readers and copying)
   * where the plugin gave LaTeX and KaTeX is loaded, else its text as code.
   */
  function echo(e) {
    var text = e && e.text ? e.text : '';
    var latex = e && e.latex ? e.latex : '';
    if (latex && window.katex) {
      var span = Assay.el('span', { class: 'echo-math' });
      try {
        window.katex.render(latex, span, { throwOnError: false, output: 'htmlAndMathml' });
        return span;
      } catch (err) { /* falls back to the text */ }
    }
    return Assay.el('code', { class: 'echo-text' }, text || latex);
  }

  /**
   * A table in a box that scrolls sideways on a narrow screen; the box is a named region a keyboard can reach (focus it,
   * then the arrow keys scroll), as a scrollable area must be.
   */
  function scrollTable(label, table) {
    return Assay.el('div', { class: 'table-wrap', role: 'region', 'aria-label': label, tabindex: '0' }, table);
  }

  Assay.download = download;
  Assay.echo = echo;
  Assay.scrollTable = scrollTable;
})(window.Assay);

/* Added for tenancy: whose answers a page shows. */
(function (Assay) {
  'use strict';

  /**
   * A line under the page's title saying whose answers it shows. The server holds a workspace token opened from an LMS
   * activity to that activity's answers (one assignment may serve several courses); the admin sees every course's.
   * Resolves to the line.
   */
  function answersScope() {
    var line = Assay.el('p', { class: 'muted answers-scope', id: 'answers-scope' });
    var title = document.querySelector('main h1');
    if (title) { title.after(line); }
    return Assay.whoami().then(function (me) { return me && me.target; }, function (err) {
      if (err.status === 404) { return null; } // no /api/me: the admin token is the only credential
      throw err;
    }).then(function (target) {
      line.textContent = target ? 'Answers through your LMS activity' : 'All answers';
      return line;
    }, function () { line.remove(); return null; });
  }

  Assay.answersScope = answersScope;
})(window.Assay);
