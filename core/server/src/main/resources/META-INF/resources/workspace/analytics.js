/* Analytics (analytics.html?q=pack/name&assignment=N): what a question's students answered (score histogram, answer
   notes with examples, answer groups with a bulk review of a group), and for the assignment each question's mean, who
   has not started (the LMS roster, where the server has it) and the grades as CSV. Either parameter alone works. */
(function () {
  'use strict';
  var A = window.Assay;
  var el = A.el;
  var q = A.param('q');
  var assignmentId = A.param('assignment');
  var GROUPS = 50;
  var COVER = 0.8;

  A.header('analytics', { assignment: assignmentId, question: q });
  A.answersScope();
  var questionBox = document.getElementById('question');
  var assignmentBox = document.getElementById('assignment');
  var heading = document.getElementById('title');

  if (assignmentId && !/^\d+$/.test(assignmentId)) { assignmentId = null; }
  if (!q && !assignmentId) {
    A.show(questionBox, A.errorBox({ message: 'This page needs a question or an assignment: open it from the assignment '
      + 'overview (analytics.html?q=pack/name&assignment=N).' }));
    return;
  }

  function plural(n, one, many) { return n + ' ' + (n === 1 ? one : many); }

  function percent(part, whole) { return whole ? A.number(100 * part / whole, 0) + ' %' : '–'; }

  // ---- One question ----

  var question = null;      // QuestionView
  var data = null;          // QuestionAnalytics
  var figures, scores, notes, groups, groupResult, groupForm;

  if (q) {
    figures = el('dl', { class: 'figures', id: 'figures' });
    scores = el('div', { id: 'scores' });
    notes = el('div', { id: 'notes' });
    groupResult = el('div', { id: 'group-result', tabindex: '-1' });
    groups = el('div', { id: 'groups' });
    groupForm = el('div', { id: 'group-review' });
    A.show(questionBox, [el('p', { class: 'muted', role: 'status', id: 'loading' }, 'Loading the question\u2019s analytics…'),
      figures,
      el('section', { 'aria-labelledby': 'scores-h' }, el('h2', { id: 'scores-h' }, 'Scores'), scores),
      el('section', { 'aria-labelledby': 'notes-h' }, el('h2', { id: 'notes-h' }, 'Answer notes'), notes),
      el('section', { 'aria-labelledby': 'groups-h' }, el('h2', { id: 'groups-h' }, 'Answer groups'),
        el('p', {}, 'Answers that are identical once the plugin has read them (what it echoes back to the student), largest ',
          'first. Grade a whole group at once: each of its answers gets your points and comment, as a review.'),
        groupResult, groups, groupForm)]);
    A.api('GET', '/questions/' + q).then(function (v) {
      question = v;
      heading.textContent = 'Analytics: ' + v.title;
      document.title = 'Analytics: ' + v.title + ' \u00b7 Assay workspace';
      return loadQuestion();
    }).catch(function (err) { A.show(questionBox, A.errorBox(err)); });
  }

  function loadQuestion() {
    return A.api('GET', '/questions/' + q + '/analytics?groups=' + GROUPS).then(function (a) {
      data = a;
      var loading = document.getElementById('loading');
      if (loading) { loading.remove(); }
      showFigures(a);
      showScores(a);
      showNotes(a);
      showGroups(a);
    });
  }

  function showFigures(a) {
    A.show(figures, [['Submissions', a.submissions], ['Students', a.students], ['Answer groups', a.answerGroupsTotal],
      ['Points', A.number(a.points)]].map(function (f) {
      return el('div', {}, el('dt', {}, f[0]), el('dd', { 'data-figure': f[0].toLowerCase() }, String(f[1])));
    }));
  }

  function showScores(a) {
    if (!a.submissions) {
      A.show(scores, el('p', { class: 'muted' }, 'Nobody has answered this question yet.'));
      return;
    }
    var rows = [['0 points', a.scores.zero]];
    a.scores.bins.forEach(function (b, i) {
      rows.push([(i === 0 ? 'over 0' : A.number(b.from)) + ' to under ' + A.number(b.to) + ' points', b.count]);
    });
    rows.push([A.number(a.points) + ' points (full)', a.scores.full]);
    var most = Math.max.apply(null, rows.map(function (r) { return r[1]; })) || 1;
    A.show(scores, A.scrollTable('Score histogram', el('table', { id: 'histogram' },
      el('caption', {}, 'How many submissions got each score (' + plural(a.submissions, 'submission', 'submissions') + ')'),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Points'), el('th', { scope: 'col', class: 'num' }, 'Submissions'),
        el('th', { scope: 'col', class: 'num' }, 'Share'), el('th', { scope: 'col', class: 'bar-cell' }, el('span', { class: 'visually-hidden' }, 'Bar')))),
      el('tbody', {}, rows.map(function (r) {
        return el('tr', {}, el('th', { scope: 'row' }, r[0]), el('td', { class: 'num' }, String(r[1])),
          el('td', { class: 'num' }, percent(r[1], a.submissions)),
          el('td', { class: 'bar-cell' }, el('span', { class: 'bar', 'aria-hidden': 'true', style: 'width:' + (100 * r[1] / most) + '%' })));
      })))));
  }

  /** Up to `n` example answers of the shown groups whose grades carry the note. */
  function examplesOf(note, n) {
    return data.answerGroups.filter(function (g) { return g.notes && g.notes[note]; }).slice(0, n)
      .map(function (g) { return g.example; });
  }

  function showNotes(a) {
    var keys = Object.keys(a.notes || {});
    if (!keys.length) {
      A.show(notes, el('p', { class: 'muted' }, 'No answer notes yet.'));
      return;
    }
    A.show(notes, A.scrollTable('Answer notes, most frequent first, with example answers', el('table', { id: 'note-table' },
      el('caption', { class: 'visually-hidden' }, 'Answer notes, most frequent first, with example answers'),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Note'), el('th', { scope: 'col', class: 'num' }, 'Submissions'),
        el('th', { scope: 'col', class: 'num' }, 'Share'), el('th', { scope: 'col' }, 'Example answers'))),
      el('tbody', {}, keys.map(function (k) {
        var examples = examplesOf(k, 2);
        return el('tr', { 'data-note': k }, el('th', { scope: 'row' }, el('code', {}, k)),
          el('td', { class: 'num' }, String(a.notes[k])), el('td', { class: 'num' }, percent(a.notes[k], a.submissions)),
          el('td', {}, examples.length ? el('ul', { class: 'plain' }, examples.map(function (x) { return el('li', {}, el('code', {}, x)); }))
            : el('span', { class: 'muted' }, 'in the smaller groups')));
      })))));
  }

  function groupName(g) { return g.byAnswerText ? g.example : (g.echo.text || g.example); }

  function showGroups(a) {
    if (!a.answerGroups.length) {
      A.show(groups, el('p', { class: 'muted' }, 'No answers yet.'));
      return;
    }
    var cumulative = 0;
    var covering = 0;
    var rows = a.answerGroups.map(function (g, i) {
      cumulative += g.count;
      if (covering === 0 && cumulative >= COVER * a.submissions) { covering = i + 1; }
      var button = el('button', { type: 'button', class: 'secondary grade-group',
        'aria-label': 'Grade this group: ' + groupName(g) + ' (' + plural(g.count, 'answer', 'answers') + ')' }, 'Grade this group');
      button.addEventListener('click', function () { openGroupForm(g, button); });
      return el('tr', { 'data-echo': g.echo.text, 'data-count': g.count },
        el('td', { class: 'num' }, String(i + 1)),
        el('td', {}, g.byAnswerText ? el('span', {}, el('code', {}, g.example), el('span', { class: 'muted' }, ' (not read by the plugin; grouped by the text)'))
          : A.echo(g.echo)),
        el('td', { class: 'num' }, String(g.count)),
        el('td', { class: 'num' }, percent(g.count, a.submissions) + ' (' + percent(cumulative, a.submissions) + ')'),
        el('td', { class: 'num group-score' }, A.number(g.score) + ' / ' + A.number(a.points),
          g.uniform ? null : el('span', { class: 'badge warn', title: 'its answers have different grades' }, 'mixed')),
        el('td', {}, Object.keys(g.notes || {}).map(function (k) { return el('code', { class: 'note' }, k + ' '); })),
        el('td', {}, el('code', {}, g.example)),
        el('td', {}, button));
    });
    A.show(groups, [
      el('p', { id: 'coverage' }, covering
        ? 'The ' + (covering === 1 ? 'largest group covers ' : covering + ' largest groups cover ') + percent(cumulative > 0 ? coverOf(a, covering) : 0, a.submissions)
          + ' of the answers.'
        : 'The groups shown cover ' + percent(cumulative, a.submissions) + ' of the answers.',
        a.answerGroupsTotal > a.answerGroups.length ? ' Showing the ' + a.answerGroups.length + ' largest of ' + a.answerGroupsTotal + ' groups.' : ''),
      A.scrollTable('Answer groups, largest first', el('table', { id: 'group-table' },
        el('caption', { class: 'visually-hidden' }, 'Answer groups, largest first'),
        el('thead', {}, el('tr', {}, el('th', { scope: 'col', class: 'num' }, '#'), el('th', { scope: 'col' }, 'What the plugin read'),
          el('th', { scope: 'col', class: 'num' }, 'Answers'), el('th', { scope: 'col', class: 'num' }, 'Share (with the larger groups)'),
          el('th', { scope: 'col', class: 'num' }, 'Points (mean)'), el('th', { scope: 'col' }, 'Notes'),
          el('th', { scope: 'col' }, 'Example as typed'), el('th', { scope: 'col' }, el('span', { class: 'visually-hidden' }, 'Action')))),
        el('tbody', {}, rows)))]);
  }

  function coverOf(a, n) {
    return a.answerGroups.slice(0, n).reduce(function (s, g) { return s + g.count; }, 0);
  }

  function openGroupForm(g, opener) {
    var points = el('input', { type: 'number', id: 'group-points', name: 'points', 'data-field': 'points', min: '0',
      max: String(data.points), step: 'any', required: true, value: String(g.score) });
    var comment = el('textarea', { id: 'group-comment', name: 'comment', 'data-field': 'comment', maxlength: '20000' });
    var submit = el('button', { type: 'submit' }, 'Grade ' + plural(g.count, 'answer', 'answers'));
    var cancel = el('button', { type: 'button', class: 'secondary' }, 'Cancel');
    var problems = el('div');
    var form = el('form', { class: 'group-form', 'aria-labelledby': 'group-form-h', novalidate: true },
      el('h3', { id: 'group-form-h' }, 'Grade the group ', el('q', {}, groupName(g))),
      el('p', {}, 'Each of its ' + plural(g.count, 'answer', 'answers') + ' gets these points and this comment as your review. ',
        'Your grade is in force from then on and stays through regrades; the plugin\u2019s grade stays in each answer\u2019s history.'),
      problems,
      el('label', { for: 'group-points' }, 'Points (0 to ' + A.number(data.points) + ')'), points,
      el('label', { for: 'group-comment' }, 'Comment for each student (Markdown, optional)'), comment,
      el('div', { class: 'actions' }, submit, cancel));
    cancel.addEventListener('click', function () { A.show(groupForm, null); opener.focus(); });
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var value = points.value.trim() === '' ? null : Number(points.value);
      submit.disabled = true;
      A.show(problems, null);
      A.api('POST', '/questions/' + q + '/answer-groups/review', {
        echo: { text: g.echo.text || '', latex: g.echo.latex || '' },
        answer: g.byAnswerText ? g.example : null,
        points: value, comment: comment.value || null
      }).then(function (r) {
        A.show(groupForm, null);
        A.show(groupResult, el('p', { class: 'ok', id: 'group-reviewed' }, 'Graded ' + plural(r.reviewed, 'answer', 'answers')
          + ' of the group \u201c' + groupName(g) + '\u201d: each now has ' + A.number(value) + ' / ' + A.number(data.points)
          + ' points' + (comment.value ? ', with your comment' : '') + '. The figures on this page are updated.'));
        return loadQuestion().then(function () { groupResult.focus(); });
      }).catch(function (err) {
        submit.disabled = false;
        var rest = A.markFields(form, err.problems);
        A.show(problems, A.errorBox({ message: err.message, problems: rest }));
        var bad = form.querySelector('[aria-invalid="true"]');
        (bad || problems).focus();
      });
    });
    A.show(groupForm, form);
    points.focus();
  }

  // ---- The assignment ----

  if (assignmentId) {
    A.api('GET', '/assignments/' + assignmentId + '/analytics').then(showAssignment)
      .catch(function (err) { A.show(assignmentBox, A.errorBox(err)); });
  }

  function showAssignment(a) {
    if (!q) {
      heading.textContent = 'Analytics: ' + a.title;
      document.title = 'Analytics: ' + a.title + ' \u00b7 Assay workspace';
    }
    var saved = el('p', { role: 'status', id: 'csv-status' });
    var csv = el('button', { type: 'button', id: 'grades-csv', class: 'secondary' }, 'Download the grades (CSV)');
    csv.addEventListener('click', function () {
      var name = 'assignment-' + assignmentId + '-grades.csv';
      csv.disabled = true;
      saved.textContent = 'Preparing the file…';
      A.download('/assignments/' + assignmentId + '/grades.csv', name, 'text/csv')
        .then(function (size) { saved.textContent = 'Saved ' + name + ' (' + size.toLocaleString() + ' bytes): one row per student, each question\u2019s points and notes.'; })
        .catch(function (err) { saved.textContent = ''; saved.appendChild(A.errorBox(err)); })
        .then(function () { csv.disabled = false; });
    });
    var roster = el('section', { 'aria-labelledby': 'roster-h', id: 'roster' }, el('h3', { id: 'roster-h' }, 'Who has not started'),
      el('p', { class: 'muted' }, 'Asking the LMS for the class list…'));
    A.show(assignmentBox, el('section', { 'aria-labelledby': 'assignment-h' },
      el('h2', { id: 'assignment-h' }, q ? 'The assignment: ' + a.title : 'Each question'),
      A.scrollTable('Each question of the assignment with its mean', el('table', { id: 'question-means' },
        el('caption', { class: 'visually-hidden' }, 'Each question of the assignment with its mean'),
        el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Question'), el('th', { scope: 'col', class: 'num' }, 'Submissions'),
          el('th', { scope: 'col', class: 'num' }, 'Students'), el('th', { scope: 'col', class: 'num' }, 'Mean'))),
        el('tbody', {}, a.questions.map(function (m) {
          return el('tr', { 'data-question': m.questionId },
            el('th', { scope: 'row' }, m.questionId === q ? el('span', {}, m.title, ' (this one)')
              : el('a', { href: A.href('analytics.html', { q: m.questionId, assignment: assignmentId }) }, m.title)),
            el('td', { class: 'num' }, String(m.submissions)), el('td', { class: 'num' }, String(m.students)),
            el('td', { class: 'num' }, m.students ? A.number(m.mean) + ' / ' + A.number(m.points) : '–'));
        })))),
      el('div', { class: 'actions' }, csv), saved, roster));
    showRoster(roster);
  }

  /** The students who have not started, from the LMS's roster; the section goes where the server has no roster. */
  function showRoster(section) {
    A.whoami().then(function (me) { return me && me.target; }, function () { return null; }).then(function (target) {
      return A.api('GET', '/assignments/' + assignmentId + '/roster' + (target ? '?target=' + encodeURIComponent(target) : ''));
    }).then(function (r) {
      var body;
      if (!r.available) {
        body = el('p', { class: 'notice' }, 'The class list is not available: ' + (r.reason || 'the LMS did not give it'));
      } else if (!r.notStarted.length) {
        body = el('p', {}, 'All ' + plural(r.students, 'student', 'students') + ' in the LMS have started.');
      } else {
        body = [el('p', {}, r.started + ' of ' + plural(r.students, 'student', 'students') + ' in the LMS have started; '
          + r.notStarted.length + ' have not:'), el('ul', { id: 'not-started' }, r.notStarted.map(function (s) {
          return el('li', {}, s.name || s.platformUserId || s.userId, s.email ? ' (' + s.email + ')' : '');
        }))];
        if (r.complete === false && r.reason) { body.push(el('p', { class: 'notice' }, r.reason)); }
      }
      A.show(section, [section.firstChild, body]);
    }).catch(function (err) {
      if (err.status === 404 || err.status === 405) { section.remove(); return; } // this server has no roster
      if (err.status === 400) { // no LMS activity to ask about: the list is per activity
        A.show(section, [section.firstChild, el('p', { class: 'muted', id: 'roster-per-activity' }, 'The class list comes from ',
          'the LMS, one activity at a time: open the workspace from the activity in your LMS to see who has not started.')]);
        return;
      }
      A.show(section, [section.firstChild, A.errorBox(err)]);
    });
  }
})();
