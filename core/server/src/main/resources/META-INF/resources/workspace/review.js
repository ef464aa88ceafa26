/* The review queue of one assignment (review.html?id=N): each answer waiting for an instructor with the plugin's
   provisional grade and feedback, and a form for the instructor's points and comment; a reviewed answer leaves. */
(function () {
  'use strict';
  var A = window.Assay;
  var el = A.el;
  var id = A.param('id');
  var queue = document.getElementById('queue');
  var status = document.getElementById('queue-status');
  var questions = {};   // question id → {title, points}

  A.header('review', { assignment: id });
  A.answersScope();
  if (!id || !/^\d+$/.test(id)) {
    A.show(queue, A.errorBox({ message: 'This page needs an assignment: open it from the assignment overview (review.html?id=N).' }));
    return;
  }

  Promise.all([A.api('GET', '/assignments/' + id), A.api('GET', '/assignments/' + id + '/analytics')]).then(function (r) {
    var assignment = r[0];
    r[1].questions.forEach(function (m) { questions[m.questionId] = { title: m.title, points: m.points }; });
    document.getElementById('title').textContent = 'Review queue: ' + assignment.title;
    document.title = 'Review queue: ' + assignment.title + ' \u00b7 Assay workspace';
    return A.api('GET', '/assignments/' + id + '/review?limit=500').then(function (mine) {
      if (!mine.length) {
        A.show(queue, el('p', { class: 'ok', id: 'queue-empty' }, 'No answer of this assignment is waiting for review.'));
        return;
      }
      A.show(queue, mine.map(item));
      A.typeset(queue);
      status.textContent = left(mine.length);
    });
  }).catch(function (err) { A.show(queue, A.errorBox(err)); });

  function left(n) {
    return n === 0 ? 'No answer of this assignment is waiting for review.'
      : n + (n === 1 ? ' answer is' : ' answers are') + ' waiting for review.';
  }

  function inForce(s) {
    return s.grades.filter(function (g) { return g.id === s.gradeInForce; })[0] || s.grades[s.grades.length - 1];
  }

  function item(s) {
    var q = questions[s.question] || { title: s.question, points: null };
    var g = inForce(s);
    var prefix = 'review-' + s.id;
    var points = el('input', { type: 'number', id: prefix + '-points', name: 'points', 'data-field': 'points', min: '0',
      max: q.points === null ? null : String(q.points), step: 'any', required: true, value: g ? String(g.points) : '' });
    var comment = el('textarea', { id: prefix + '-comment', name: 'comment', 'data-field': 'comment', maxlength: '20000' });
    var save = el('button', { type: 'submit' }, 'Save my grade');
    var problems = el('div');
    var headingId = prefix + '-h';
    var form = el('form', { novalidate: true, 'aria-labelledby': headingId },
      problems,
      el('label', { for: prefix + '-points' }, 'Your points' + (q.points === null ? '' : ' (0 to ' + A.number(q.points) + ')')), points,
      el('label', { for: prefix + '-comment' }, 'Comment for the student (Markdown, optional)'), comment,
      el('div', { class: 'actions' }, save));
    var article = el('article', { class: 'review-item', 'data-submission': s.id, 'aria-labelledby': headingId },
      el('h2', { id: headingId, tabindex: '-1' }, q.title + ': ' + s.user),
      el('p', { class: 'muted' }, 'Submitted ' + new Date(s.createdAt).toLocaleString() + '.'),
      el('h3', {}, 'The answer'),
      el('pre', { class: 'answer' }, s.answer || ''),
      s.files && s.files.length ? el('p', {}, 'Files: ', s.files.map(function (f) { return f.name; }).join(', ')) : null,
      g ? el('div', { class: 'provisional' },
        el('h3', {}, 'The plugin\u2019s provisional grade'),
        el('p', { class: 'plugin-grade' }, A.number(g.points) + (q.points === null ? '' : ' / ' + A.number(q.points)) + ' points',
          g.notes && g.notes.length ? ' (notes: ' + g.notes.join(', ') + ')' : '', '.'),
        g.echo && (g.echo.text || g.echo.latex) ? el('p', {}, 'Read as: ', A.echo(g.echo)) : null,
        (g.feedback || []).map(function (b) {
          return el('div', { class: 'feedback' }, b.title ? el('h4', {}, b.title) : null, el('p', { style: 'white-space: pre-wrap' }, b.markdown));
        })) : null,
      el('h3', {}, 'Your review'), form);
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var value = points.value.trim() === '' ? null : Number(points.value);
      save.disabled = true;
      A.show(problems, null);
      A.api('POST', '/assignments/' + id + '/review/' + s.id, { points: value, comment: comment.value || null }).then(function () {
        var next = article.nextElementSibling || article.previousElementSibling;
        article.remove();
        var n = queue.querySelectorAll('article.review-item').length;
        status.textContent = 'Saved your grade for ' + s.user + ' on \u201c' + q.title + '\u201d: ' + A.number(value)
          + (q.points === null ? '' : ' / ' + A.number(q.points)) + ' points. ' + left(n);
        if (next) { next.querySelector('h2').focus(); }
        else {
          A.show(queue, el('p', { class: 'ok', id: 'queue-empty', tabindex: '-1' }, 'No answer of this assignment is waiting for review.'));
          queue.firstChild.focus();
        }
      }).catch(function (err) {
        save.disabled = false;
        var rest = A.markFields(form, err.problems);
        A.show(problems, A.errorBox({ message: err.message, problems: rest }));
        (form.querySelector('[aria-invalid="true"]') || problems).focus();
      });
    });
    return article;
  }
})();
