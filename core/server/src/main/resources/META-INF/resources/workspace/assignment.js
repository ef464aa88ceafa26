/* An assignment's overview: each question with its plugin, points, state, configuration version, how its question
   tests went when that version was saved (the analytics' `tests`: passing, none, not run), how many students answered
   and their mean score (GET /api/assignments/{id}, its analytics, the pack's questions). */
(function () {
  'use strict';
  var A = window.Assay;
  var el = A.el;
  var main = document.getElementById('main');
  var id = A.param('id');

  A.header('assignment', { assignment: id });
  if (!id || !/^\d+$/.test(id)) {
    A.show(main, [el('h1', {}, 'Assignment'), A.errorBox({ message: 'This address names no assignment: choose one from the start page.' })]);
    return;
  }
  var base = '/assignments/' + encodeURIComponent(id);

  Promise.all([A.api('GET', base), A.api('GET', base + '/analytics')]).then(function (r) {
    var a = r[0];
    // The analytics name each question's title, points, plugin, state and version too: one source, and one an
    // instructor's workspace token reaches (the pack's question list is the admin's).
    var means = {};
    (analytics(r[1])).forEach(function (m) { means[m.questionId] = m; });
    render(a, means, means);
  }).catch(function (err) {
    A.show(main, [el('h1', {}, 'Assignment ' + id), A.errorBox(err),
      el('p', {}, el('a', { href: A.href('index.html') }, 'Back to the assignments'))]);
  });

  function analytics(x) { return (x && x.questions) || []; }

  function render(a, byId, means) {
    document.title = a.title + ' · Assay workspace';
    var total = a.questions.reduce(function (sum, q) { return sum + (byId[q] ? byId[q].points : 0); }, 0);
    A.show(main, [
      el('h1', {}, a.title),
      el('p', { class: 'muted' }, el('code', {}, a.pack + '/' + a.key), ' · ', a.questions.length + ' questions · ' + A.number(total) + ' points'),
      el('div', { class: 'table-wrap' }, el('table', { id: 'questions' },
        el('caption', { class: 'visually-hidden' }, 'The assignment\'s questions'),
        el('thead', {}, el('tr', {}, [['Question'], ['Plugin'], ['Points', 'num'], ['State'], ['Version', 'num'], ['Question tests'],
          ['Students answered', 'num'], ['Mean score', 'num'], ['']].map(function (h) {
          return el('th', { scope: 'col', class: h[1] || null }, h[0]);
        }))),
        el('tbody', {}, a.questions.map(function (q) {
          var s = byId[q];
          var m = means[q];
          if (!s) {
            return el('tr', { 'data-question': q }, el('td', {}, el('code', {}, q)),
              el('td', { colspan: 8 }, el('span', { class: 'badge bad' }, 'not on this server'), ' Import the pack that has it.'));
          }
          return el('tr', { 'data-question': q },
            el('td', {}, el('a', { href: A.href('question.html', { q: q, assignment: a.id }) }, s.title), el('br'), el('code', { class: 'muted' }, q)),
            el('td', { class: 'plugin' }, s.plugin),
            el('td', { class: 'num points' }, A.number(s.points)),
            el('td', { class: 'state' }, el('span', { class: 'badge ' + (s.state === 'READY' ? 'good' : 'bad') }, s.state)),
            el('td', { class: 'num version' }, String(s.configVersion)),
            el('td', { class: 'tests', 'data-tests': m ? m.tests : '' }, testsBadge(m)),
            el('td', { class: 'num students' }, m ? String(m.students) : '0'),
            el('td', { class: 'num mean' }, m && m.students ? A.number(m.mean) + ' / ' + A.number(s.points) : el('span', { class: 'muted' }, 'no answers')),
            el('td', {}, el('a', { href: A.href('analytics.html', { q: q, assignment: a.id }) }, 'Analytics', el('span', { class: 'visually-hidden' }, ' of ' + s.title))));
        })))),
      el('p', { class: 'doc' }, 'Question tests run on every save of a question\'s configuration; a save that makes one fail is refused, ' +
        'so a version in force never fails its tests. Mean score: the mean of each student\'s answer in force, as the gradebook counts it.'),
      a.questions.some(function (q) { return means[q] && means[q].tests === 'not run'; })
        ? el('p', { class: 'doc', id: 'tests-not-run' }, 'Tests not run: the version in force was made by a pack import (or saved before ' +
          'test results were kept), so its tests never ran. Open the question and save it once to run them.') : null
    ]);
    var h = main.querySelector('h1');
    h.setAttribute('tabindex', '-1');
  }

  /** The question-test status of the version in force, as stored when it was saved (nothing runs on this page). */
  function testsBadge(m) {
    if (!m || !m.tests) { return el('span', { class: 'muted' }, 'unknown'); }
    if (m.tests === 'passing') { return el('span', { class: 'badge good' }, 'passing'); }
    if (m.tests === 'none') { return el('span', { class: 'badge warn' }, 'no tests'); }
    if (m.tests === 'not run') { return el('span', { class: 'badge warn', 'aria-describedby': 'tests-not-run' }, 'not run'); }
    return el('span', { class: 'badge' }, m.tests);
  }
})();
