/* The question editor: prompt (Markdown + LaTeX, previewed as students see it), points, expected approach, the plugin's
   configuration as a form generated from its schema (or raw YAML), a sample answer previewed with the draft, the
   question's tests (a refused save lists each failing test and offers to take what it gets now), and the versions
   (history, diff, restore). Nothing here is stored until Save; a preview stores nothing. */
(function () {
  'use strict';
  var A = window.Assay;
  var el = A.el;
  var qid = A.param('q') || '';
  var assignment = A.param('assignment') || '';
  var base = '/questions/' + qid.split('/').map(encodeURIComponent).join('/');
  var main = document.getElementById('main');

  var state = {
    question: null,      // GET /questions/{q}
    inForce: null,       // GET …/config: the version in force
    schema: null,        // the plugin's config schema, or one inferred from the configuration
    schemaFromServer: false,
    readForm: null,      // () → the configuration the form holds
    extras: {},          // configuration keys the schema does not name: kept as they are
    view: 'form',
    tests: [],           // the draft tests, sent with the save when changed
    testsChanged: false,
    dirty: false,
    lastPreview: null,   // {answer, files, result}
    versions: []
  };

  A.header('question', { assignment: assignment, question: qid });
  main.addEventListener('input', markDirty);
  main.addEventListener('change', markDirty);
  window.addEventListener('beforeunload', function (e) {
    if (state.dirty) { e.preventDefault(); e.returnValue = ''; }
  });

  if (!/^[^/]+\/[^/]+$/.test(qid)) {
    A.show(main, [el('h1', {}, 'Edit question'), A.errorBox({ message: 'This address names no question: open one from its assignment\'s overview.' })]);
    return;
  }

  load();

  function load() {
    return Promise.all([A.api('GET', base), A.api('GET', base + '/config')]).then(function (r) {
      state.question = r[0];
      state.inForce = r[1];
      state.tests = (r[1].tests || []).map(copy);
      state.testsChanged = false;
      return A.api('GET', '/plugins/' + encodeURIComponent(r[0].plugin) + '/config-schema').then(function (s) {
        state.schema = s; state.schemaFromServer = true;
      }, function () {
        state.schema = inferSchema(r[1].config || {}); state.schemaFromServer = false;
      });
    }).then(render, function (err) {
      A.show(main, [el('h1', {}, 'Edit question'), A.errorBox(err),
        el('p', {}, el('a', { href: A.href('assignment.html', { id: assignment }) }, 'Back to the assignment'))]);
    });
  }

  function copy(x) { return JSON.parse(JSON.stringify(x)); }

  /**
   * Whether this server versions the title, prompt and points with the configuration (GET …/config gives them): its
   * `points`, a number every version has (a null prompt may be left out of the JSON).
   */
  function versionsPrompt(v) { return !!v && typeof v.points === 'number'; }

  /* ---------- the page ---------- */

  function render() {
    var q = state.question;
    var v = state.inForce;
    var editsPrompt = versionsPrompt(v);
    document.title = q.title + ' · Edit · Assay workspace';
    state.dirty = false;
    state.view = 'form';
    A.show(main, [
      el('h1', { id: 'title' }, q.title),
      el('p', { class: 'muted' }, el('code', {}, q.id), ' · plugin ', el('code', {}, q.plugin), ' · configuration version ',
        el('span', { id: 'version-in-force' }, String(v.version)), ' · ',
        el('span', { class: 'badge ' + (q.state === 'READY' ? 'good' : 'bad') }, q.state)),
      q.problems && q.problems.length ? el('div', { class: 'notice' }, el('ul', {}, q.problems.map(function (p) { return el('li', {}, p); }))) : null,
      el('div', { id: 'save-status', 'aria-live': 'polite' }),
      promptSection(q, v, editsPrompt),
      previewSection(),
      testsSection(),
      saveSection(),
      versionsSection()
    ]);
    renderTests();
    renderPromptPreview();
    loadVersions();
  }

  function markDirty(e) {
    if (e.target.closest('#editor')) { state.dirty = true; }
  }

  function section(id, heading, content) {
    return el('section', { id: id, 'aria-labelledby': id + '-h' }, el('h2', { id: id + '-h' }, heading), content);
  }

  /* ---------- prompt, points, expected approach ---------- */

  function promptSection(q, v, editsPrompt) {
    var note = editsPrompt ? null : el('p', { class: 'doc', id: 'prompt-note' },
      'This server keeps the title, prompt and points in the course pack: edit them there (or import the pack). ' +
      'The preview below still shows your text as students would see it.');
    var timer = null;
    var prompt = el('textarea', { id: 'prompt', 'data-field': 'prompt', rows: 8, 'aria-describedby': 'prompt-doc' + (note ? ' prompt-note' : ''),
      oninput: function () { clearTimeout(timer); timer = setTimeout(renderPromptPreview, 400); } });
    prompt.value = editsPrompt && v.prompt !== null && v.prompt !== undefined ? v.prompt : (q.prompt || '');
    var title = el('input', { type: 'text', id: 'question-title', 'data-field': 'title', readonly: !editsPrompt, maxlength: 200 });
    title.value = editsPrompt && v.title ? v.title : q.title;
    var points = el('input', { type: 'number', id: 'points', 'data-field': 'points', min: 0, max: 10000, step: 'any', readonly: !editsPrompt });
    points.value = editsPrompt && v.points !== null && v.points !== undefined ? v.points : q.points;
    var approach = el('textarea', { id: 'expected-approach', 'data-field': 'expectedApproach', rows: 5, 'aria-describedby': 'approach-doc' });
    approach.value = v.expectedApproach || '';
    return el('form', { id: 'editor', novalidate: true, onsubmit: function (e) { e.preventDefault(); } },
      section('prompt-section', 'Prompt and points', [
        note,
        el('label', { for: 'question-title' }, 'Title'), title,
        el('label', { for: 'points' }, 'Points'), points,
        el('div', { class: 'two-col' },
          el('div', {},
            el('label', { for: 'prompt' }, 'Prompt'),
            el('p', { class: 'doc', id: 'prompt-doc' }, 'Markdown with LaTeX: $…$ inline, $$…$$ displayed.'),
            prompt),
          el('div', {},
            el('h3', { id: 'prompt-preview-h' }, 'As students see it'),
            el('div', { id: 'prompt-preview', class: 'prompt md', 'aria-labelledby': 'prompt-preview-h', 'aria-live': 'polite' }))),
        el('label', { for: 'expected-approach' }, 'Expected approach'),
        el('p', { class: 'doc', id: 'approach-doc' }, 'The route a correct solution takes; students see it with their feedback (Markdown + LaTeX).'),
        approach
      ]),
      buildConfigSection());
  }

  function renderPromptPreview() {
    var box = document.getElementById('prompt-preview');
    var text = document.getElementById('prompt').value;
    A.renderMarkdown([text]).then(function (html) {
      box.innerHTML = html[0]; // the server's renderer escapes raw HTML: this is safe HTML
      A.typesetMath(box);
    }, function (err) { A.show(box, A.errorBox(err)); });
  }

  /* ---------- configuration: form or YAML ---------- */

  function buildConfigSection() {
    var s = state.schema;
    var formButton = el('button', { type: 'button', class: 'secondary', id: 'view-form', 'aria-pressed': 'true', onclick: function () { switchView('form'); } }, 'Form');
    var yamlButton = el('button', { type: 'button', class: 'secondary', id: 'view-yaml', 'aria-pressed': 'false', onclick: function () { switchView('yaml'); } },
      window.jsyaml ? 'YAML' : 'JSON');
    return section('config-section', 'Grading configuration', [
      s.doc ? el('p', { class: 'doc' }, s.doc) : null,
      state.schemaFromServer ? null : el('p', { class: 'notice', id: 'schema-note' },
        'This server does not describe the ' + state.question.plugin + ' plugin\'s configuration type, so the form follows the ' +
        'fields the configuration has now, without their documentation or limits. The plugin checks every value on save.'),
      el('div', { role: 'group', 'aria-label': 'Configuration view', class: 'view-switch' }, formButton, ' ', yamlButton),
      el('div', { id: 'config-view-problem', 'aria-live': 'assertive' }),
      el('div', { id: 'config-form' }, buildForm(state.inForce.config || {})),
      el('div', { id: 'config-raw', hidden: true },
        el('label', { for: 'config-yaml' }, window.jsyaml ? 'Configuration (YAML)' : 'Configuration (JSON)'),
        el('textarea', { id: 'config-yaml', 'data-field': 'config', rows: 16, spellcheck: 'false' }))
    ]);
  }

  function buildForm(config) {
    var known = {};
    (state.schema.fields || []).forEach(function (f) { known[f.name] = true; });
    state.extras = {};
    Object.keys(config).forEach(function (k) { if (!known[k]) { state.extras[k] = config[k]; } });
    var built = fieldsOf(state.schema.fields || [], config, 'config');
    state.readForm = function () { return Object.assign(copy(state.extras), built.read()); };
    return built.node;
  }

  function dumpRaw(value) { return window.jsyaml ? window.jsyaml.dump(value, { lineWidth: 120, noRefs: true }) : JSON.stringify(value, null, 2); }
  function parseRaw(text) {
    var v = window.jsyaml ? window.jsyaml.load(text) : JSON.parse(text);
    if (v === null || v === undefined) { v = {}; }
    if (typeof v !== 'object' || Array.isArray(v)) { throw new Error('The configuration must be a mapping of field names to values.'); }
    return v;
  }

  function switchView(view) {
    var problem = document.getElementById('config-view-problem');
    A.show(problem, null);
    if (view === state.view) { return; }
    var raw = document.getElementById('config-yaml');
    if (view === 'yaml') {
      raw.value = dumpRaw(state.readForm());
    } else {
      var value;
      try { value = parseRaw(raw.value); } catch (e) {
        A.show(problem, A.errorBox({ message: 'The ' + (window.jsyaml ? 'YAML' : 'JSON') + ' does not read: ' + e.message +
          ' Fix it here, then switch to the form.' }));
        raw.focus();
        return;
      }
      A.show(document.getElementById('config-form'), buildForm(value));
    }
    state.view = view;
    document.getElementById('config-form').hidden = view !== 'form';
    document.getElementById('config-raw').hidden = view === 'form';
    document.getElementById('view-form').setAttribute('aria-pressed', String(view === 'form'));
    document.getElementById('view-yaml').setAttribute('aria-pressed', String(view !== 'form'));
    (view === 'form' ? document.querySelector('#config-form input, #config-form select, #config-form textarea') || document.getElementById('view-form') : raw).focus();
  }

  /** The draft configuration, from the view shown; throws with a message when the raw text does not read. */
  function draftConfig() {
    if (state.view === 'form') { return state.readForm(); }
    try { return parseRaw(document.getElementById('config-yaml').value); } catch (e) {
      throw new A.ApiError(400, 'The configuration does not read: ' + e.message, [{ field: 'config', message: e.message }], null);
    }
  }

  /* The form, generated from the schema: each field a control with its name, type, doc and limits; lists and maps with
     add and remove; nested records as fieldsets. Each builder returns {node, read}; read() gives the value (undefined:
     leave the field out, so the plugin's default applies). */

  var ids = 0;
  function nextId(path) { ids += 1; return 'f' + ids + '-' + path.replace(/[^A-Za-z0-9]+/g, '-'); }

  function fieldsOf(fields, value, path) {
    value = value && typeof value === 'object' ? value : {};
    var parts = fields.map(function (f) { return { f: f, b: field(f, value[f.name], path + '.' + f.name, f.name) }; });
    return {
      node: el('div', { class: 'fields' }, parts.map(function (p) { return p.b.node; })),
      read: function () {
        var out = {};
        parts.forEach(function (p) { var v = p.b.read(); if (v !== undefined) { out[p.f.name] = v; } });
        return out;
      }
    };
  }

  function hint(f) {
    var c = f.constraints || {};
    var bits = [];
    if (f.type === 'list') {
      if (c.minItems !== undefined && c.minItems !== null) { bits.push('at least ' + c.minItems + ' item' + (c.minItems === 1 ? '' : 's')); }
      if (c.maxItems !== undefined && c.maxItems !== null) { bits.push('at most ' + c.maxItems + ' items'); }
    } else {
      if (c.min !== undefined && c.min !== null) { bits.push('at least ' + c.min); }
      if (c.max !== undefined && c.max !== null) { bits.push('at most ' + c.max); }
      if (c.minLength) { bits.push('at least ' + c.minLength + ' characters'); }
      if (c.maxLength) { bits.push('at most ' + c.maxLength + ' characters'); }
      if (c.pattern) { bits.push('matching ' + c.pattern); }
    }
    if (c.notBlank) { bits.push('not blank'); }
    if (f.required) { bits.push('required'); }
    // The schema gives a default and an example as the text the plugin's @Doc wrote (e.g. "false"): shown as written.
    if (f.defaultValue !== undefined && f.defaultValue !== null) { bits.push('default ' + shown(f.defaultValue)); }
    if (f.example !== undefined && f.example !== null) { bits.push('e.g. ' + shown(f.example)); }
    return bits.join(' · ');
  }

  function shown(v) { return typeof v === 'string' ? v : JSON.stringify(v); }

  function describe(id, f) {
    var nodes = [];
    var described = [];
    if (f.doc) { nodes.push(el('p', { class: 'doc', id: id + '-doc' }, f.doc)); described.push(id + '-doc'); }
    var h = hint(f);
    if (h) { nodes.push(el('p', { class: 'doc hint', id: id + '-hint' }, h)); described.push(id + '-hint'); }
    return { nodes: nodes, ids: described.join(' ') || null };
  }

  function typeLabel(f) {
    if (f.type === 'list') { return 'list of ' + ((f.items && f.items.type) || 'values'); }
    if (f.type === 'map') { return 'map to ' + ((f.values && f.values.type) || 'values'); }
    return f.type || 'value';
  }

  function field(f, value, path, labelText) {
    var t = f.type;
    if (t === 'list') { return listField(f, value, path, labelText); }
    if (t === 'map') { return mapField(f, value, path, labelText); }
    if (t === 'object') {
      var inner = fieldsOf(f.fields || [], value, path);
      var d = describe(nextId(path), f);
      return {
        node: el('fieldset', { class: 'record', 'data-field': path }, el('legend', {}, labelText, ' ', el('span', { class: 'muted' }, '(' + typeLabel(f) + ')')), d.nodes, inner.node),
        read: function () { var v = inner.read(); return Object.keys(v).length || value !== undefined ? v : undefined; }
      };
    }
    return scalarField(f, value, path, labelText);
  }

  function scalarField(f, value, path, labelText) {
    var id = nextId(path);
    var d = describe(id, f);
    var c = f.constraints || {};
    var control;
    var read;
    var label = el('label', { for: id }, labelText, ' ', el('span', { class: 'muted type' }, '(' + typeLabel(f) + ')'));
    if (f.type === 'boolean') {
      control = el('input', { type: 'checkbox', id: id, 'data-field': path, 'aria-describedby': d.ids });
      var initial = value === undefined || value === null ? f.defaultValue === true : value === true;
      control.checked = initial;
      read = function () { return value === undefined && control.checked === initial ? undefined : control.checked; };
      return { node: el('div', { class: 'field check' }, control, ' ', label, d.nodes), read: read };
    }
    if (f.type === 'enum') {
      control = el('select', { id: id, 'data-field': path, 'aria-describedby': d.ids, required: !!f.required },
        f.required && value !== undefined ? null : el('option', { value: '' }, f.defaultValue ? '(default: ' + f.defaultValue + ')' : '(not set)'),
        (f.choices || []).map(function (ch) { return el('option', { value: ch }, ch); }));
      control.value = value === undefined || value === null ? '' : String(value);
      read = function () { return control.value === '' ? undefined : control.value; };
    } else if (f.type === 'integer' || f.type === 'number') {
      control = el('input', { type: 'number', id: id, 'data-field': path, 'aria-describedby': d.ids, required: !!f.required,
        step: f.type === 'integer' ? 1 : 'any', min: c.min, max: c.max, inputmode: f.type === 'integer' ? 'numeric' : 'decimal' });
      control.value = value === undefined || value === null ? '' : String(value);
      read = function () {
        if (control.value.trim() === '') { return value === null ? null : undefined; }
        var n = Number(control.value);
        return isFinite(n) ? n : control.value; // a non-number goes to the server, which names the field
      };
    } else if (f.type === 'string' || f.type === undefined) {
      var long = typeof value === 'string' && (value.indexOf('\n') >= 0 || value.length > 80);
      control = el(long ? 'textarea' : 'input', { type: long ? null : 'text', id: id, 'data-field': path, 'aria-describedby': d.ids,
        required: !!(f.required || c.notBlank), minlength: c.minLength, maxlength: c.maxLength, pattern: c.pattern, rows: long ? 4 : null });
      control.value = value === undefined || value === null ? '' : String(value);
      read = function () { return control.value === '' && (value === undefined || value === null) ? (value === null ? null : undefined) : control.value; };
    } else {
      // A type the form does not know: JSON, so nothing is lost.
      control = el('textarea', { id: id, 'data-field': path, 'aria-describedby': d.ids, rows: 3 });
      control.value = value === undefined ? '' : JSON.stringify(value);
      read = function () {
        if (control.value.trim() === '') { return undefined; }
        try { return JSON.parse(control.value); } catch (e) { return control.value; }
      };
    }
    return { node: el('div', { class: 'field' }, label, d.nodes, control), read: read };
  }

  function listField(f, value, path, labelText) {
    var items = [];
    var list = el('ol', { class: 'items' });
    var itemSchema = f.items || { type: 'string' };
    var legendId = nextId(path);
    var d = describe(legendId, f);
    function add(v, focus) {
      var entry = { b: null, li: null };
      var index = items.length;
      entry.b = field(itemSchema, v, path + '[' + index + ']', labelText + ' ' + (index + 1));
      entry.li = el('li', {}, entry.b.node, el('button', { type: 'button', class: 'secondary remove', onclick: function () {
        items.splice(items.indexOf(entry), 1);
        entry.li.remove();
        state.dirty = true;
        addButton.focus();
      } }, 'Remove ' + labelText + ' ' + (index + 1)));
      items.push(entry);
      list.appendChild(entry.li);
      if (focus) { var c = entry.li.querySelector('input, select, textarea'); if (c) { c.focus(); } }
    }
    var addButton = el('button', { type: 'button', class: 'secondary add', onclick: function () { add(undefined, true); state.dirty = true; } }, 'Add to ' + labelText);
    (Array.isArray(value) ? value : []).forEach(function (v) { add(v, false); });
    return {
      node: el('fieldset', { class: 'list', 'data-field': path, 'aria-describedby': d.ids }, el('legend', { id: legendId }, labelText, ' ', el('span', { class: 'muted' }, '(' + typeLabel(f) + ')')), d.nodes, list, addButton),
      read: function () {
        var out = items.map(function (e) { return e.b.read(); }).filter(function (v) { return v !== undefined; });
        return out.length || value !== undefined ? out : undefined;
      }
    };
  }

  function mapField(f, value, path, labelText) {
    var rows = [];
    var body = el('div', { class: 'map-rows' });
    var valueSchema = f.values || { type: 'string' };
    var legendId = nextId(path);
    var d = describe(legendId, f);
    function add(k, v, focus) {
      var row = {};
      var n = rows.length + 1;
      var keyId = nextId(path + '-key');
      row.key = el('input', { type: 'text', id: keyId, 'data-field': path + '.key' + n });
      row.key.value = k || '';
      row.b = field(valueSchema, v, path + '.' + (k || ('new' + n)), 'Value ' + n);
      row.node = el('div', { class: 'map-row' }, el('label', { for: keyId }, 'Key ' + n), row.key, row.b.node,
        el('button', { type: 'button', class: 'secondary remove', onclick: function () {
          rows.splice(rows.indexOf(row), 1); row.node.remove(); state.dirty = true; addButton.focus();
        } }, 'Remove entry ' + n));
      rows.push(row);
      body.appendChild(row.node);
      if (focus) { row.key.focus(); }
    }
    var addButton = el('button', { type: 'button', class: 'secondary add', onclick: function () { add('', undefined, true); state.dirty = true; } }, 'Add an entry to ' + labelText);
    Object.keys(value && typeof value === 'object' ? value : {}).forEach(function (k) { add(k, value[k], false); });
    return {
      node: el('fieldset', { class: 'map', 'data-field': path }, el('legend', { id: legendId }, labelText, ' ', el('span', { class: 'muted' }, '(' + typeLabel(f) + ')')), d.nodes, body, addButton),
      read: function () {
        var out = {};
        rows.forEach(function (r) { var k = r.key.value.trim(); var v = r.b.read(); if (k) { out[k] = v === undefined ? null : v; } });
        return Object.keys(out).length || value !== undefined ? out : undefined;
      }
    };
  }

  /** Where the server describes no schema: one from the configuration's own values (names and types only). */
  function inferSchema(config) {
    function of(name, v) {
      if (Array.isArray(v)) { return { name: name, type: 'list', items: v.length ? of(null, v[0]) : { type: 'string' } }; }
      if (v !== null && typeof v === 'object') {
        return { name: name, type: 'object', fields: Object.keys(v).map(function (k) { return of(k, v[k]); }) };
      }
      if (typeof v === 'boolean') { return { name: name, type: 'boolean' }; }
      if (typeof v === 'number') { return { name: name, type: Number.isInteger(v) ? 'integer' : 'number' }; }
      if (typeof v === 'string' || v === null) { return { name: name, type: 'string' }; }
      return { name: name, type: 'json' };
    }
    return { plugin: null, doc: null, fields: Object.keys(config).map(function (k) { return of(k, config[k]); }) };
  }

  /* ---------- preview a sample answer ---------- */

  function previewSection() {
    return section('preview-section', 'Try an answer', [
      el('p', { class: 'doc' }, 'Graded with the configuration as it stands in the editor (not yet saved), exactly as a student would see it. Nothing is stored.'),
      el('label', { for: 'sample-answer' }, 'Sample answer'),
      el('textarea', { id: 'sample-answer', 'data-field': 'answer', rows: 4 }),
      el('label', { for: 'sample-files' }, 'Answer files (for questions that take files)'),
      el('input', { type: 'file', id: 'sample-files', multiple: true }),
      el('p', {}, el('button', { type: 'button', id: 'preview-button', onclick: preview }, 'Preview with the draft')),
      el('div', { id: 'preview-result', 'aria-live': 'polite', tabindex: '-1' })
    ]);
  }

  function readFiles(input) {
    return Promise.all(Array.prototype.map.call(input.files || [], function (file) {
      return new Promise(function (resolve, reject) {
        var reader = new FileReader();
        reader.onload = function () { resolve({ name: file.name, mediaType: file.type || null, content: String(reader.result).replace(/^data:[^,]*,/, '') }); };
        reader.onerror = function () { reject(new A.ApiError(0, 'The file ' + file.name + ' could not be read.', [], null)); };
        reader.readAsDataURL(file);
      });
    }));
  }

  function preview() {
    var out = document.getElementById('preview-result');
    var button = document.getElementById('preview-button');
    var answer = document.getElementById('sample-answer').value;
    var config;
    try { config = draftConfig(); } catch (e) { return showRefusal(out, e); }
    button.disabled = true;
    A.show(out, el('p', { role: 'status' }, 'Grading…'));
    readFiles(document.getElementById('sample-files')).then(function (files) {
      return A.api('POST', base + '/preview', { answer: answer, files: files.length ? files : null, config: config }).then(function (r) {
        state.lastPreview = { answer: answer, files: files, result: r };
        return showGrade(out, r, files.length > 0);
      });
    }).catch(function (err) { showRefusal(out, err); }).then(function () { button.disabled = false; });
  }

  function fmt(x) { return A.number(x, 2); }

  /** The grade as the student's page shows it: score, status, how the answer was read, notes, feedback. */
  function showGrade(out, r, hadFiles) {
    var texts = [];
    (r.feedback || []).forEach(function (f) { texts.push(f.title || ''); texts.push(f.markdown || ''); });
    var echoLatex = r.echo && r.echo.latex;
    // Without the renderer (a credential that may not call it), the feedback still shows, as plain text.
    return A.renderMarkdown(texts).catch(function () { return null; }).then(function (rendered) {
      var html = rendered || texts.map(function (t) {
        var d = document.createElement('div'); d.textContent = t; return d.innerHTML;
      });
      var scoreLine;
      switch (r.status) {
        case 'GRADED': scoreLine = [el('strong', {}, fmt(r.points) + ' / ' + fmt(r.maximum) + ' points')]; break;
        case 'NEEDS_REVIEW': scoreLine = [el('strong', {}, fmt(r.points) + ' / ' + fmt(r.maximum) + ' points'), ' (provisional: an instructor would review this answer)']; break;
        case 'INVALID_ANSWER': scoreLine = [el('strong', {}, 'Not graded'), ': Assay could not read this answer (it would not count against the student)']; break;
        default: scoreLine = [el('strong', {}, 'Not graded'), ': the grader failed (' + r.status + ')'];
      }
      var feedback = (r.feedback || []).map(function (f, i) {
        var s = el('section', { class: 'fb ' + String(f.kind || '').toLowerCase() });
        if (f.title) { var h = el('h4', { class: 'md' }); h.innerHTML = html[2 * i].replace(/^<p>|<\/p>\s*$/g, ''); s.appendChild(h); }
        var d = el('div', { class: 'md' }); d.innerHTML = html[2 * i + 1]; s.appendChild(d); // the server's renderer escaped it
        if (f.figure && /^image\/(png|svg\+xml)$/.test(f.figure.mediaType)) {
          s.appendChild(el('img', { src: 'data:' + f.figure.mediaType + ';base64,' + f.figure.data, alt: f.figure.altText || '' }));
        }
        return s;
      });
      // The students' page shows how a graded answer was read only where the plugin gives LaTeX; the text echo is
      // for the instructor (it is what the analytics group answers by).
      var echo = echoLatex ? el('p', { class: 'echo' }, 'Read as: ', el('span', { class: 'math', 'data-display': 'true' }, echoLatex)) : null;
      var add = el('button', { type: 'button', id: 'add-test', class: 'secondary', disabled: hadFiles || r.status === 'ERROR',
        onclick: addPreviewAsTest }, 'Add as a test');
      A.show(out, el('article', { class: 'attempt', id: 'preview-grade', 'data-status': r.status },
        el('h3', {}, 'What the student would see'),
        el('p', { class: 'score ' + String(r.status).toLowerCase(), id: 'preview-score' }, scoreLine),
        echo,
        feedback,
        el('h3', {}, 'For you'),
        el('dl', { class: 'facts' },
          el('dt', {}, 'Status'), el('dd', { id: 'preview-status' }, r.status),
          el('dt', {}, 'Score'), el('dd', { id: 'preview-fraction' }, fmt(r.score) + ' of the points (' + fmt(r.points) + ' of ' + fmt(r.maximum) + ')'),
          r.echo && r.echo.text ? [el('dt', {}, 'Read as (echo)'), el('dd', { id: 'preview-echo' }, el('code', {}, r.echo.text))] : null,
          el('dt', {}, 'Answer notes'), el('dd', { id: 'preview-notes' }, (r.notes || []).length ? r.notes.map(function (n, i) { return [i ? ' ' : '', el('code', {}, n)]; }) : 'none'),
          el('dt', {}, 'Graded with'), el('dd', {}, r.draft ? 'the draft configuration' : 'version ' + r.configVersion, ' · plugin ', r.plugin, ' ', r.pluginVersion || '', ' · ', fmt(r.durationMs, 0), ' ms')),
        el('p', {}, add, ' ', el('span', { class: 'doc', id: 'add-test-doc' }, hadFiles
          ? 'An answer with uploaded files cannot become a test here: tests name files of the course pack.'
          : 'Keeps this answer as a question test expecting this score and these notes; it is stored with your next save.'))));
      A.typesetMath(out);
      out.focus();
    });
  }

  function addPreviewAsTest() {
    var p = state.lastPreview;
    if (!p) { return; }
    state.tests.push({ name: 'preview ' + (state.tests.length + 1), answer: p.answer, files: {}, score: p.result.score,
      notes: (p.result.notes || []).slice(), feedback: [], added: true });
    state.testsChanged = true;
    state.dirty = true;
    renderTests();
    var status = document.getElementById('tests-status');
    A.show(status, el('p', { class: 'ok' }, 'Added as test ' + state.tests.length + ', expecting score ' + fmt(p.result.score) +
      '. Save to keep it.'));
    status.focus();
  }

  /* ---------- the question's tests ---------- */

  function testsSection() {
    return section('tests-section', 'Question tests', [
      el('p', { class: 'doc' }, 'Each save runs these with the new configuration; a save that makes one fail is refused unless you update the test here.'),
      el('div', { id: 'tests-status', tabindex: '-1', 'aria-live': 'polite' }),
      el('div', { id: 'tests-table', class: 'table-wrap' })
    ]);
  }

  function renderTests() {
    var target = document.getElementById('tests-table');
    if (!state.tests.length) { A.show(target, el('p', { class: 'muted' }, 'No tests yet. Preview an answer and add it as a test.')); return; }
    A.show(target, el('table', { id: 'tests' },
      el('caption', { class: 'visually-hidden' }, 'The question\'s tests'),
      el('thead', {}, el('tr', {}, ['#', 'Name', 'Answer', 'Expected score', 'Expected notes', ''].map(function (h) { return el('th', { scope: 'col' }, h); }))),
      el('tbody', {}, state.tests.map(function (t, i) {
        return el('tr', { 'data-test': i },
          el('td', { class: 'num' }, String(i + 1)),
          el('td', {}, t.name || '', t.added ? [' ', el('span', { class: 'badge warn' }, 'new')] : null, t.updated ? [' ', el('span', { class: 'badge warn' }, 'updated')] : null),
          el('td', {}, el('pre', {}, t.answer), Object.keys(t.files || {}).length ? el('span', { class: 'muted' }, 'files: ' + Object.keys(t.files).join(', ')) : null),
          el('td', { class: 'num', 'data-field': 'tests[' + i + '].score' }, fmt(t.score)),
          el('td', {}, (t.notes || []).map(function (n, j) { return [j ? ' ' : '', el('code', {}, n)]; })),
          el('td', {}, el('button', { type: 'button', class: 'secondary', onclick: function () {
            state.tests.splice(i, 1); state.testsChanged = true; state.dirty = true; renderTests();
            document.getElementById('tests-status').focus();
          } }, 'Remove test ' + (i + 1))));
      }))));
  }

  /** A 422 from a save: each failing test with what it expects and what it got, and a button to take what it gets now. */
  function showFailures(target, err, offerUpdates) {
    var failures = (err.body && err.body.failures) || [];
    A.show(target, el('div', { class: 'error', role: 'alert', id: 'failing-tests' },
      el('p', {}, err.message),
      el('ul', {}, failures.map(function (f) {
        var got = f.got;
        return el('li', { 'data-failure': f.index },
          el('strong', {}, 'Test ' + (f.index + 1) + (f.name ? ' (' + f.name + ')' : '')), ': answer ', el('code', {}, f.answer), '. ',
          'Expected score ' + fmt(f.expected.score) + ', notes ' + notesText(f.expected.notes) + '; ',
          got ? 'got score ' + fmt(got.score) + ', notes ' + notesText(got.notes) + '. ' : 'nothing was graded. ',
          f.message ? el('span', { class: 'muted' }, f.message) : null,
          offerUpdates && got ? [' ', el('button', { type: 'button', class: 'secondary update-test', 'data-index': f.index, onclick: function (e) {
            var t = state.tests[f.index];
            t.score = got.score; t.notes = (got.notes || []).slice(); t.updated = true;
            state.testsChanged = true; state.dirty = true;
            renderTests();
            var b = e.target;
            b.replaceWith(el('span', { class: 'badge good' }, 'updated: save again to keep it'));
            document.getElementById('save-button').focus();
          } }, 'Update test ' + (f.index + 1) + ' to expect what it gets now')] : null);
      }))));
  }

  function notesText(notes) { return notes && notes.length ? notes.join(', ') : 'none'; }

  /* ---------- save ---------- */

  function saveSection() {
    return section('save-section', 'Save', [
      el('label', { for: 'reason' }, 'Why (kept with the version)'),
      el('input', { type: 'text', id: 'reason', 'data-field': 'reason', maxlength: 500 }),
      el('p', { class: 'doc', id: 'save-shared' }, 'The configuration is shared: a save changes this question for every '
        + 'course that uses this pack, not only your LMS activity.'),
      el('p', {}, el('button', { type: 'button', id: 'save-button', onclick: save }, 'Save as a new version')),
      el('div', { id: 'save-result', tabindex: '-1', 'aria-live': 'polite' })
    ]);
  }

  /**
   * A problem's field as the editor's controls name it: the plugin's checks name a configuration field without the
   * "config." prefix ("alternatives[0].score"), and Bean Validation adds "<list element>" steps.
   */
  function controlField(field) {
    if (!field) { return field; }
    var f = String(field).replace(/\.<[^>]+>/g, '');
    if (main.querySelector('[data-field="' + CSS.escape(f) + '"]')) { return f; }
    if (main.querySelector('[data-field="' + CSS.escape('config.' + f) + '"]')) { return 'config.' + f; }
    return field;
  }

  function showRefusal(target, err) {
    var problems = (err.problems || []).map(function (p) { return { field: controlField(p.field), message: p.message }; });
    var unclaimed = A.markFields(main, problems);
    A.show(target, A.errorBox({ message: err.message, problems: unclaimed }));
    var first = main.querySelector('[aria-invalid="true"]');
    (first || target).focus();
  }

  function save() {
    var out = document.getElementById('save-result');
    var button = document.getElementById('save-button');
    var body;
    try {
      body = { config: draftConfig(), expectedApproach: document.getElementById('expected-approach').value,
        reason: document.getElementById('reason').value.trim() || null };
    } catch (e) { return showRefusal(out, e); }
    if (state.testsChanged) {
      body.tests = state.tests.map(function (t) {
        return { name: t.name, answer: t.answer, files: t.files, score: t.score, notes: t.notes, feedback: t.feedback };
      });
    }
    if (versionsPrompt(state.inForce)) {
      body.title = document.getElementById('question-title').value;
      body.prompt = document.getElementById('prompt').value;
      body.points = Number(document.getElementById('points').value);
      body.baseVersion = state.inForce.version;
    }
    A.markFields(main, []);
    button.disabled = true;
    A.show(out, el('p', { role: 'status' }, 'Saving and running the question\'s tests…'));
    A.api('PUT', base + '/config', body).then(function (v) {
      var made = v.version !== state.inForce.version;
      state.dirty = false;
      return load().then(function () {
        var result = document.getElementById('save-result');
        A.show(result, el('p', { class: 'ok', id: 'saved' }, made ? 'Saved as version ' + v.version + '. The question\'s tests pass.'
          : 'Nothing changed: version ' + v.version + ' stays in force.'));
        result.focus();
      });
    }, function (err) {
      if (err.status === 422 && err.body && err.body.failures) {
        showFailures(out, err, true);
        out.focus();
      } else if (err.status === 409) {
        // Someone saved another version since this form was loaded: the form keeps every edit (nothing reloads here);
        // the versions list below shows the other save, so the instructor can compare before making theirs again.
        A.show(out, el('div', { id: 'save-conflict' }, A.errorBox({ message: err.message }),
          el('p', { class: 'doc' }, 'Your edits are still in this form. Copy what you need, then reload the page to start from the ' +
            'version in force and make your change again (reloading replaces this form).')));
        loadVersions();
        out.focus();
      } else {
        showRefusal(out, err);
      }
    }).then(function () { var b = document.getElementById('save-button'); if (b) { b.disabled = false; } });
  }

  /* ---------- versions ---------- */

  function versionsSection() {
    return section('versions-section', 'Versions', [
      el('div', { id: 'versions-list', class: 'table-wrap' }, el('p', { role: 'status' }, 'Loading the versions…')),
      el('h3', {}, 'Compare two versions'),
      el('div', { class: 'inline-fields' },
        el('label', { for: 'diff-from' }, 'From'), el('select', { id: 'diff-from' }),
        el('label', { for: 'diff-to' }, 'To'), el('select', { id: 'diff-to' })),
      el('p', {}, el('button', { type: 'button', class: 'secondary', id: 'diff-button', onclick: showDiff }, 'Show the changes')),
      el('div', { id: 'diff-result', tabindex: '-1', 'aria-live': 'polite' }),
      el('h3', {}, 'Restore a version'),
      el('p', { class: 'doc' }, 'Makes a new version equal to the one you choose; the versions between stay in the history. The question\'s tests run as on any save.'),
      el('label', { for: 'restore-version' }, 'Version to restore'), el('select', { id: 'restore-version' }),
      el('label', { for: 'restore-reason' }, 'Why'), el('input', { type: 'text', id: 'restore-reason', maxlength: 500 }),
      el('p', {}, el('button', { type: 'button', class: 'secondary', id: 'restore-button', onclick: restore }, 'Restore this version')),
      el('div', { id: 'restore-result', tabindex: '-1', 'aria-live': 'polite' })
    ]);
  }

  function loadVersions() {
    A.api('GET', base + '/config/versions').then(function (vs) {
      state.versions = vs;
      var list = document.getElementById('versions-list');
      var newestFirst = vs.slice().reverse();
      A.show(list, el('table', { id: 'versions' },
        el('caption', { class: 'visually-hidden' }, 'Configuration versions, newest first'),
        el('thead', {}, el('tr', {}, ['Version', 'When', 'Who', 'Why', 'Tests'].map(function (h) { return el('th', { scope: 'col' }, h); }))),
        el('tbody', {}, newestFirst.map(function (v) {
          return el('tr', { 'data-version': v.version },
            // The newest version is the one in force (a restore makes a new version), also when someone saved since this page loaded.
            el('td', { class: 'num' }, String(v.version), v.version === newestFirst[0].version ? [' ', el('span', { class: 'badge good' }, 'in force')] : null),
            el('td', {}, v.createdAt ? new Date(v.createdAt).toLocaleString() : '–'),
            el('td', {}, v.createdBy || '–'),
            el('td', { class: 'reason' }, v.reason || el('span', { class: 'muted' }, 'no reason given')),
            el('td', { class: 'num' }, String((v.tests || []).length)));
        }))));
      function options(select, selected) {
        A.show(select, newestFirst.map(function (v) { return el('option', { value: v.version, selected: v.version === selected }, 'Version ' + v.version); }));
      }
      var newest = vs.length ? vs[vs.length - 1].version : 0;
      options(document.getElementById('diff-from'), vs.length > 1 ? vs[vs.length - 2].version : newest);
      options(document.getElementById('diff-to'), newest);
      options(document.getElementById('restore-version'), vs.length > 1 ? vs[vs.length - 2].version : newest);
    }, function (err) { A.show(document.getElementById('versions-list'), A.errorBox(err)); });
  }

  function showDiff() {
    var out = document.getElementById('diff-result');
    var a = document.getElementById('diff-from').value;
    var b = document.getElementById('diff-to').value;
    A.api('GET', base + '/config/versions/' + encodeURIComponent(a) + '/diff/' + encodeURIComponent(b)).then(function (d) {
      A.show(out, d.changes.length ? el('table', { id: 'diff' },
        el('caption', {}, 'From version ' + d.from + ' to version ' + d.to),
        el('thead', {}, el('tr', {}, ['Field', 'Change', 'Before', 'After'].map(function (h) { return el('th', { scope: 'col' }, h); }))),
        el('tbody', {}, d.changes.map(function (c) {
          return el('tr', { 'data-field-changed': c.field },
            el('td', {}, el('code', {}, c.field)), el('td', {}, String(c.change).toLowerCase()),
            el('td', {}, c.oldValue === null || c.oldValue === undefined ? '–' : el('pre', {}, show(c.oldValue))),
            el('td', {}, c.newValue === null || c.newValue === undefined ? '–' : el('pre', {}, show(c.newValue))));
        }))) : el('p', { id: 'diff-none' }, 'Versions ' + d.from + ' and ' + d.to + ' are the same.'));
      out.focus();
    }, function (err) { A.show(out, A.errorBox(err)); out.focus(); });
    function show(v) { return typeof v === 'string' ? v : JSON.stringify(v, null, 1); }
  }

  function restore() {
    var out = document.getElementById('restore-result');
    var n = document.getElementById('restore-version').value;
    var reason = document.getElementById('restore-reason').value.trim();
    if (state.dirty && !window.confirm('Restoring replaces what you have edited here and not saved. Go on?')) { return; }
    A.api('POST', base + '/config/versions/' + encodeURIComponent(n) + '/restore', { reason: reason || null }).then(function (v) {
      state.dirty = false;
      return load().then(function () {
        var result = document.getElementById('restore-result');
        A.show(result, el('p', { class: 'ok', id: 'restored' }, 'Version ' + n + ' restored as version ' + v.version + '.'));
        result.focus();
      });
    }, function (err) {
      if (err.status === 422 && err.body && err.body.failures) { showFailures(out, err, false); } else { A.show(out, A.errorBox(err)); }
      out.focus();
    });
  }
})();
