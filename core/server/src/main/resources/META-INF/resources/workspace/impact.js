/* Impact and regrade (impact.html?id=N): a dry run shows whose assignment score a regrade would change (old → new, per
   student and per question, and the totals) with nothing stored; then the regrade itself, polled until it ends, and
   what it did (answers graded again, reviews kept). */
(function () {
  'use strict';
  var A = window.Assay;
  var el = A.el;
  var id = A.param('id');
  var page = document.getElementById('page');
  var POLL_MILLIS = 1000;

  A.header('impact', { assignment: id });
  A.answersScope();
  if (!id || !/^\d+$/.test(id)) {
    A.show(page, A.errorBox({ message: 'This page needs an assignment: open it from the assignment overview (impact.html?id=N).' }));
    return;
  }

  var titles = {};   // question id → title
  var dryRunButton = el('button', { type: 'button', id: 'dry-run' }, 'Show the impact (dry run)');
  var impact = el('div', { id: 'impact', tabindex: '-1' });
  var regradeButton = el('button', { type: 'button', id: 'regrade' }, 'Regrade the assignment');
  var progress = el('p', { id: 'progress', role: 'status', 'aria-live': 'polite' });
  var result = el('div', { id: 'regrade-result', tabindex: '-1' });
  var history = el('div', { id: 'regrades' });

  Promise.all([A.api('GET', '/assignments/' + id), A.api('GET', '/assignments/' + id + '/analytics')])
    .then(function (r) {
      var assignment = r[0];
      r[1].questions.forEach(function (q) { titles[q.questionId] = q.title; });
      document.getElementById('title').textContent = 'Impact and regrade: ' + assignment.title;
      document.title = 'Impact and regrade: ' + assignment.title + ' · Assay workspace';
      A.show(page, [
        el('section', { 'aria-labelledby': 'dry-run-h' },
          el('h2', { id: 'dry-run-h' }, 'Whose scores would change'),
          el('p', {}, 'The dry run grades those answers now, with the current configurations, and stores nothing: ',
            'no grade, no score sent to the LMS.'),
          el('div', { class: 'actions' }, dryRunButton), impact),
        el('section', { 'aria-labelledby': 'regrade-h' },
          el('h2', { id: 'regrade-h' }, 'Regrade'),
          el('p', {}, 'Grades those answers again and stores the new grades beside the old ones; students\u2019 scores ',
            'follow to the LMS. It runs in the background: you can leave this page.'),
          el('div', { class: 'actions' }, regradeButton), progress, result),
        el('section', { 'aria-labelledby': 'history-h' },
          el('h2', { id: 'history-h' }, 'Earlier regrades'), history),
        el('p', {}, el('a', { href: A.href('analytics.html', { assignment: id }) }, 'Each question\u2019s mean and the grades as CSV'))
      ]);
      dryRunButton.addEventListener('click', dryRun);
      regradeButton.addEventListener('click', regrade);
      return listRegrades(true);
    })
    .catch(function (err) { A.show(page, A.errorBox(err)); });

  function title(questionId) { return titles[questionId] || questionId; }

  function points(x) { return A.number(x); }

  function change(oldPoints, newPoints) {
    var d = newPoints - oldPoints;
    if (Math.abs(d) < 1e-9) { return el('span', {}, 'no change'); }
    return el('span', { class: d > 0 ? 'up' : 'down' }, (d > 0 ? '+' : '\u2212') + points(Math.abs(d)));
  }

  function dryRun() {
    dryRunButton.disabled = true;
    A.show(impact, el('p', { role: 'status' }, 'Grading the answers a regrade would grade (nothing is stored)…'));
    A.api('POST', '/assignments/' + id + '/regrades/preview')
      .then(showImpact)
      .catch(function (err) {
        A.show(impact, A.errorBox(err));
        if (err.status === 413) {
          impact.appendChild(el('p', {}, 'You can still start the regrade below: it has no such limit.'));
        }
      })
      .then(function () { dryRunButton.disabled = false; dryRunButton.textContent = 'Run the dry run again'; impact.focus(); });
  }

  function showImpact(p) {
    if (p.submissions === 0) {
      A.show(impact, el('p', { class: 'ok', id: 'impact-summary' }, 'Every answer was graded with its question\u2019s ',
        'current configuration: a regrade would change nothing.'));
      return;
    }
    var summary = el('p', { id: 'impact-summary' }, p.submissions + (p.submissions === 1 ? ' answer' : ' answers')
      + ' would be graded again; ' + p.changed + (p.changed === 1 ? ' student\u2019s score' : ' students\u2019 scores')
      + ' would change.');
    var total = el('p', { id: 'impact-total' }, 'All students\u2019 scores together: ',
      el('strong', {}, points(p.total.old) + ' \u2192 ' + points(p.total['new']) + ' points'), ' (',
      change(p.total.old, p.total['new']), ').');
    if (!p.students.length) {
      A.show(impact, [summary, total, el('p', {}, 'No student\u2019s score would change.')]);
      return;
    }
    var rows = p.students.map(function (s) {
      return el('tr', { 'data-user': s.user },
        el('th', { scope: 'row' }, s.user),
        el('td', { class: 'num' }, points(s.old) + ' / ' + points(s.maximum)),
        el('td', { class: 'num' }, points(s['new']) + ' / ' + points(s.maximum)),
        el('td', { class: 'num' }, change(s.old, s['new'])),
        el('td', {}, el('ul', { class: 'plain' }, s.questions.map(function (q) {
          return el('li', {}, title(q.question) + ': ' + points(q.old) + ' \u2192 ' + points(q['new']),
            q.reviewed ? [' ', el('span', { class: 'badge warn' }, 'reviewed'), ' the instructor\u2019s grade stays; the plugin would '
              + 'now give ' + points(q.plugin) + '.'] : null);
        }))));
    });
    A.show(impact, [summary, total, A.scrollTable('Students whose score would change, before and after the regrade', el('table', { id: 'impact-students' },
      el('caption', { class: 'visually-hidden' }, 'Students whose score would change, before and after the regrade'),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Student'), el('th', { scope: 'col', class: 'num' }, 'Now'),
        el('th', { scope: 'col', class: 'num' }, 'After'), el('th', { scope: 'col', class: 'num' }, 'Change'),
        el('th', { scope: 'col' }, 'Per question'))),
      el('tbody', {}, rows)))]);
  }

  function regrade() {
    regradeButton.disabled = true;
    A.show(result, null);
    progress.textContent = 'Starting the regrade…';
    A.api('POST', '/assignments/' + id + '/regrades')
      .then(follow)
      .catch(function (err) {
        progress.textContent = '';
        regradeButton.disabled = false;
        A.show(result, A.errorBox(err));
        result.focus();
        if (err.status === 409) { listRegrades(true); }
      });
  }

  function follow(status) {
    regradeButton.disabled = true;
    progress.textContent = 'Regrading: ' + status.regraded + (status.regraded === 1 ? ' answer' : ' answers')
      + ' graded again so far (' + status.status.toLowerCase() + ').';
    if (status.status === 'STARTING' || status.status === 'STARTED') {
      setTimeout(function () {
        A.api('GET', '/assignments/' + id + '/regrades/' + status.executionId).then(follow).catch(function (err) {
          progress.textContent = '';
          A.show(result, A.errorBox(err));
          regradeButton.disabled = false;
        });
      }, POLL_MILLIS);
      return;
    }
    finished(status);
  }

  function finished(status) {
    regradeButton.disabled = false;
    listRegrades(false);
    if (status.status === 'FAILED') {
      progress.textContent = 'The regrade failed.';
      A.show(result, A.errorBox({ message: 'The regrade failed after ' + status.regraded + ' answers: '
        + (status.exitStatus || 'no reason given') + '. The grades it gave are kept; start it again to finish.' }));
      result.focus();
      return;
    }
    progress.textContent = 'The regrade is done.';
    var done = el('p', { id: 'regraded' }, el('strong', {}, status.regraded + (status.regraded === 1 ? ' answer' : ' answers')
      + ' graded again.'));
    A.show(result, el('div', { class: 'ok' }, done));
    A.api('GET', '/assignments/' + id + '/regrades/' + status.executionId + '/reviews-kept')
      .then(function (kept) {
        result.firstChild.appendChild(el('p', { id: 'reviews-kept' }, kept.kept === 0
          ? 'No answer it graded again had been reviewed by an instructor.'
          : kept.kept + (kept.kept === 1 ? ' reviewed answer' : ' reviewed answers') + ' kept the instructor\u2019s grade'
            + (kept.differ ? '; the plugin now grades ' + kept.differ + ' of them differently: see them in the ' : '.'),
          kept.differ ? el('a', { href: A.href('review.html', { id: id }) }, 'review queue') : null, kept.differ ? '.' : null));
      })
      .catch(function () { /* an older server: the count of reviews kept is not available */ })
      .then(function () { result.focus(); });
  }

  /** The assignment's regrades; with `resume`, follows one still running (started earlier, or by someone else). */
  function listRegrades(resume) {
    return A.api('GET', '/assignments/' + id + '/regrades').then(function (list) {
      if (!list.length) {
        A.show(history, el('p', { class: 'muted' }, 'This assignment has not been regraded yet.'));
        return;
      }
      A.show(history, A.scrollTable('Earlier regrades, newest first', el('table', {},
        el('caption', { class: 'visually-hidden' }, 'Earlier regrades, newest first'),
        el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Requested'), el('th', { scope: 'col' }, 'By'),
          el('th', { scope: 'col' }, 'State'), el('th', { scope: 'col', class: 'num' }, 'Answers graded again'))),
        el('tbody', {}, list.slice(0, 10).map(function (r) {
          return el('tr', {}, el('td', {}, new Date(r.requestedAt).toLocaleString()), el('td', {}, r.requestedBy || ''),
            el('td', {}, r.status.toLowerCase(), r.exitStatus ? ': ' + r.exitStatus : ''), el('td', { class: 'num' }, String(r.regraded)));
        })))));
      var running = list.filter(function (r) { return r.status === 'STARTING' || r.status === 'STARTED'; })[0];
      if (resume && running) { follow(running); }
    }).catch(function (err) { A.show(history, A.errorBox(err)); });
  }
})();
