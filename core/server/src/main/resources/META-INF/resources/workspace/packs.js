/* Course packs (packs.html, for admins): each pack with its open conflicts, its export as a zip, and the import of a
   zip with what it did (new versions, and the fields edited here since, where Assay's value stayed). */
(function () {
  'use strict';
  var A = window.Assay;
  var el = A.el;
  var page = document.getElementById('page');

  A.header('packs', {});

  var list = el('div', { id: 'pack-list' });
  var importResult = el('div', { id: 'import-result', tabindex: '-1' });
  var exportStatus = el('p', { role: 'status', id: 'export-status' });

  // An admin token is the only credential where the server has no /api/me yet: the page is then for its holder.
  A.whoami().catch(function (err) {
    if (err.status === 404) { return { role: 'ADMIN' }; }
    throw err;
  }).then(function (me) {
    if (me.role !== 'ADMIN') {
      A.show(page, el('p', { class: 'notice' }, 'Packs are managed by the server\u2019s admins: ask yours to import or export one. ',
        'Your questions are in ', el('a', { href: A.href('assignment.html', { id: me.assignment }) }, 'your assignment'), '.'));
      return;
    }
    A.show(page, [importForm(),
      el('section', { 'aria-labelledby': 'list-h' }, el('h2', { id: 'list-h' }, 'Packs on this server'), exportStatus, list)]);
    return load();
  }).catch(function (err) { A.show(page, A.errorBox(err)); });

  function load() {
    return A.api('GET', '/packs').then(function (packs) {
      if (!packs.length) {
        A.show(list, el('p', { class: 'muted' }, 'No pack yet: import one below.'));
        return;
      }
      A.show(list, packs.map(pack));
    }).catch(function (err) { A.show(list, A.errorBox(err)); });
  }

  function pack(p) {
    var exportButton = el('button', { type: 'button', class: 'secondary export', 'aria-label': 'Export as zip: ' + p.id }, 'Export as zip');
    exportButton.addEventListener('click', function () {
      var name = p.id.replace(/[^A-Za-z0-9._-]/g, '_') + '.zip';
      exportButton.disabled = true;
      exportStatus.textContent = 'Exporting ' + p.id + '…';
      A.download('/packs/' + encodeURIComponent(p.id) + '/export', name, 'application/zip')
        .then(function (size) { exportStatus.textContent = 'Saved ' + name + ' (' + size.toLocaleString() + ' bytes), with the configurations in force.'; })
        .catch(function (err) { exportStatus.textContent = 'The export of ' + p.id + ' failed: ' + err.message; })
        .then(function () { exportButton.disabled = false; });
    });
    var headingId = 'pack-' + p.id.replace(/[^A-Za-z0-9_-]/g, '_');
    return el('article', { class: 'review-item', 'data-pack': p.id, 'aria-labelledby': headingId },
      el('h3', { id: headingId }, p.title + ' ', el('code', {}, p.id)),
      el('p', {}, 'Version ' + (p.version || '–') + '; ' + p.questions + (p.questions === 1 ? ' question' : ' questions') + '; '
        + 'last imported from ' + (p.source === 'folder' ? 'the packs folder' : 'an upload')
        + (p.importedAt ? ' on ' + new Date(p.importedAt).toLocaleString() : '') + '.'),
      p.assignments && p.assignments.length ? el('p', {}, 'Assignments: ', p.assignments.map(function (a, i) {
        return [i ? ', ' : '', el('a', { href: A.href('assignment.html', { id: a.id }) }, a.title)];
      })) : null,
      el('div', { class: 'actions' }, exportButton),
      conflicts(p));
  }

  function value(v) {
    return el('code', {}, v === null || v === undefined ? '(none)' : typeof v === 'string' ? v : JSON.stringify(v));
  }

  function conflicts(p) {
    if (!p.conflicts || !p.conflicts.length) { return el('p', { class: 'muted' }, 'No conflicts.'); }
    return el('div', { class: 'conflicts' },
      el('p', { class: 'notice' }, p.conflicts.length + (p.conflicts.length === 1 ? ' field was' : ' fields were')
        + ' changed by the pack\u2019s source while it was also edited here: the value here stays. To take the source\u2019s, ',
        'edit the question, or import the pack again after changing it.'),
      A.scrollTable('Conflicts of ' + p.id, el('table', {},
        el('caption', { class: 'visually-hidden' }, 'Conflicts of ' + p.id),
        el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Question'), el('th', { scope: 'col' }, 'Field'),
          el('th', { scope: 'col' }, 'Here (in force)'), el('th', { scope: 'col' }, 'In the source'))),
        el('tbody', {}, p.conflicts.map(function (c) {
          return el('tr', { 'data-conflict': c.question + ' ' + c.field },
            el('th', { scope: 'row' }, el('a', { href: A.href('question.html', { q: c.question }) }, c.question)),
            el('td', {}, c.field), el('td', {}, value(c.inForce)), el('td', {}, value(c.sourceValue)));
        })))));
  }

  var IMPORTED = /^pack .* imported \(/;

  /**
   * An upload takes every field of the zip (an instructor's own act); where the version it replaced was an edit made
   * here since the last import, says so: the edit is not lost, it stays in the question's versions to restore.
   */
  function editsReplaced(newVersions, box) {
    var replaced = newVersions.map(function (v) {
      var m = /^(.*) v(\d+)$/.exec(v);
      return m && Number(m[2]) > 1 ? { question: m[1], version: Number(m[2]) } : null;
    }).filter(Boolean);
    return Promise.all(replaced.map(function (r) {
      return A.api('GET', '/questions/' + r.question + '/config/versions').then(function (versions) {
        var before = versions.filter(function (v) { return v.version === r.version - 1; })[0];
        return before && !IMPORTED.test(before.reason || '') ? { question: r.question, version: r.version, before: before } : null;
      }).catch(function () { return null; });
    })).then(function (edits) {
      edits = edits.filter(Boolean);
      if (!edits.length) { return; }
      A.show(box, el('div', { class: 'notice' },
        el('p', {}, 'Edited here since the last import: the zip’s version is now in force, and the edit made here stays in the ',
          'question’s versions, to restore if it should win.'),
        el('ul', {}, edits.map(function (e) {
          return el('li', { 'data-question': e.question },
            el('a', { href: A.href('question.html', { q: e.question }) }, e.question), ': version ' + e.before.version + ' by '
            + (e.before.createdBy || 'someone') + (e.before.reason ? ' (“' + e.before.reason + '”)' : '')
            + ' replaced by version ' + e.version + ' from the zip.');
        }))));
    });
  }

  function importForm() {
    var file = el('input', { type: 'file', id: 'pack-file', name: 'pack', accept: '.zip,application/zip', required: true,
      'aria-describedby': 'pack-file-doc' });
    var go = el('button', { type: 'submit' }, 'Import');
    var form = el('form', { id: 'import', 'aria-labelledby': 'import-h' },
      el('h2', { id: 'import-h' }, 'Import a pack'),
      el('label', { for: 'pack-file' }, 'The pack as a zip'),
      el('p', { class: 'doc', id: 'pack-file-doc' }, 'pack.yaml and questions/*.yaml, as an export gives them.'),
      file, el('div', { class: 'actions' }, go), importResult);
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      if (!file.files.length) {
        A.show(importResult, A.errorBox({ message: 'Choose the pack\u2019s zip file first.' }));
        file.focus();
        return;
      }
      go.disabled = true;
      A.show(importResult, el('p', { role: 'status' }, 'Importing…'));
      A.api('POST', '/packs', file.files[0], { contentType: 'application/zip' }).then(function (r) {
        var done = el('div', { class: 'ok', id: 'imported' },
          el('p', {}, r.unchanged ? 'Pack ' + r.id + ' is the same as stored: nothing changed.' : 'Imported pack ' + r.id + '.'),
          r.newVersions && r.newVersions.length ? el('p', {}, 'New configuration versions: ' + r.newVersions.join(', ') + '.') : null);
        var conflicted = r.conflicts && r.conflicts.length ? el('div', { class: 'notice', id: 'import-conflicts' },
          el('p', {}, 'Edited here since the last import, so the value here stays (see the pack\u2019s conflicts above):'),
          el('ul', {}, r.conflicts.map(function (c) { return el('li', {}, el('code', {}, c)); }))) : null;
        var replaced = el('div', { id: 'edited-here' });
        A.show(importResult, [done, conflicted, replaced]);
        file.value = '';
        return Promise.all([load(), editsReplaced(r.newVersions || [], replaced)]);
      }).catch(function (err) {
        A.show(importResult, A.errorBox(err));
      }).then(function () { go.disabled = false; importResult.focus(); });
    });
    return form;
  }
})();
