/* The workspace's start: sign in with the admin token when there is no credential; an admin sees the assignments, an
   instructor with a workspace token scoped to one assignment goes straight to it. */
(function () {
  'use strict';
  var A = window.Assay;
  var el = A.el;
  var main = document.getElementById('main');

  A.header('index', {});
  start();

  function start() {
    if (!A.token()) { return signInForm(null); }
    A.show(main, [el('h1', {}, 'Assay workspace'), el('p', { role: 'status' }, 'Checking your credential…')]);
    A.whoami().then(function (me) {
      if (me.assignment !== null && me.assignment !== undefined && me.role !== 'ADMIN') {
        location.replace(A.href('assignment.html', { id: me.assignment }));
        return null;
      }
      return assignments(me);
    }, function (err) {
      // A server without /api/me knows only the admin token: the assignments list says whether it is accepted.
      if (err.status === 404) { return assignments({ role: 'ADMIN', actor: 'admin' }); }
      throw err;
    }).catch(function (err) {
      if (err.status === 401 || err.status === 403) {
        A.signOut();
        return signInForm(err);
      }
      A.show(main, [el('h1', {}, 'Assay workspace'), A.errorBox(err), el('p', {}, el('button', { type: 'button', onclick: start }, 'Try again'))]);
    });
  }

  function signInForm(err) {
    var input = el('input', { type: 'password', id: 'admin-token', autocomplete: 'current-password', required: true, 'aria-describedby': 'token-doc' });
    var form = el('form', { id: 'sign-in', onsubmit: function (e) {
      e.preventDefault();
      var t = input.value.trim();
      if (!t) { A.show(problem, A.errorBox({ message: 'Paste the admin token first.' })); input.focus(); return; }
      A.signOut();
      A.signIn(t);
      start();
    } },
      el('label', { for: 'admin-token' }, 'Admin token'),
      el('p', { class: 'doc', id: 'token-doc' }, 'The token in the server\'s data/admin-token file (./assay serve prints where it is). ' +
        'Instructors do not need it: they open the workspace from their course in the LMS.'),
      input,
      el('p', {}, el('button', { type: 'submit', id: 'sign-in-button' }, 'Sign in')));
    var problem = el('div', { id: 'sign-in-problem' }, err ? A.errorBox({ message: 'That token was not accepted (' + err.status +
      '). Check that you pasted the whole admin token of this server.' }) : null);
    A.show(main, [el('h1', {}, 'Assay workspace'),
      el('p', {}, 'Edit questions, preview answers, keep question tests and versions, and see how your assignments went.'),
      problem, form]);
    input.focus(); // the refusal above it is announced (role=alert); the control to fix has the focus
  }

  function assignments(me) {
    return A.api('GET', '/assignments').then(function (list) {
      A.show(main, [
        el('h1', {}, 'Assignments'),
        el('p', { class: 'muted' }, 'Signed in as ', el('strong', {}, me.actor || 'admin'), ' (', String(me.role || 'ADMIN').toLowerCase(), '). ',
          el('button', { type: 'button', class: 'secondary', id: 'sign-out', onclick: function () { A.signOut(); signInForm(null); } }, 'Sign out')),
        list.length ? el('div', { class: 'table-wrap' }, el('table', { id: 'assignments' },
          el('caption', { class: 'visually-hidden' }, 'Assignments on this server'),
          el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Assignment'), el('th', { scope: 'col' }, 'Pack'),
            el('th', { scope: 'col', class: 'num' }, 'Questions'))),
          el('tbody', {}, list.map(function (a) {
            return el('tr', { 'data-assignment': a.id },
              el('td', {}, el('a', { href: A.href('assignment.html', { id: a.id }) }, a.title || a.key)),
              el('td', {}, el('code', {}, a.pack + '/' + a.key)),
              el('td', { class: 'num' }, String(a.questions.length)));
          }))))
          : el('p', { id: 'no-assignments' }, 'No assignments yet: import a course pack (Packs, above) to create them.')
      ]);
      var h = main.querySelector('h1');
      h.setAttribute('tabindex', '-1');
      h.focus();
    });
  }
})();
