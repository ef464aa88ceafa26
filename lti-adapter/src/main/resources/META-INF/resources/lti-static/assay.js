/* Assay's page inside the LMS: typesets maths with KaTeX, previews how each answer is read, submits answers
   and shows the feedback. The session is a bearer token from the page's meta tag: no cookies. */
(function () {
  'use strict';
  var meta = document.querySelector('meta[name="assay-session"]');
  var session = meta ? meta.getAttribute('content') : null;
  var baseMeta = document.querySelector('meta[name="assay-base"]');
  var base = baseMeta ? baseMeta.getAttribute('content') : '';

  function typeset(root) {
    if (!window.katex) { return; }
    root.querySelectorAll('.math:not([data-done])').forEach(function (el) {
      var tex = el.textContent;
      try {
        window.katex.render(tex, el, { displayMode: el.getAttribute('data-display') === 'true', throwOnError: false });
        el.setAttribute('title', tex);
      } catch (e) { el.textContent = tex; }
      el.setAttribute('data-done', '1');
    });
  }

  function call(method, url, body) {
    return fetch(url, {
      method: method,
      headers: Object.assign({ 'Authorization': 'Bearer ' + session, 'Accept': 'application/json' },
        body ? { 'Content-Type': 'application/json' } : {}),
      body: body ? JSON.stringify(body) : undefined
    }).then(function (r) {
      return r.text().then(function (t) {
        var json = null;
        try { json = t ? JSON.parse(t) : null; } catch (e) { json = null; }
        if (!r.ok) {
          var msg = json && json.message ? json.message : 'The server answered ' + r.status + '.';
          if (json && json.problems && json.problems.length) {
            msg += ' ' + json.problems.map(function (p) { return p.field + ': ' + p.message; }).join('; ');
          }
          throw new Error(msg);
        }
        return json;
      });
    });
  }

  function readFiles(input) {
    var files = input ? Array.prototype.slice.call(input.files || []) : [];
    return Promise.all(files.map(function (f) {
      return new Promise(function (resolve, reject) {
        var reader = new FileReader();
        reader.onload = function () {
          var s = String(reader.result);
          resolve({ name: f.name, mediaType: f.type || 'application/octet-stream',
            content: s.substring(s.indexOf(',') + 1) });
        };
        reader.onerror = function () { reject(new Error('Cannot read ' + f.name)); };
        reader.readAsDataURL(f);
      });
    }));
  }

  function questionUrl(section, tail) {
    return base + '/lti/api/questions/' + section.getAttribute('data-question').split('/').map(encodeURIComponent).join('/') + tail;
  }

  function wire(section) {
    var form = section.querySelector('form.answer');
    var text = form.querySelector('textarea');
    var fileInput = form.querySelector('input[type=file]');
    var preview = form.querySelector('.preview');
    var status = form.querySelector('.status');
    var result = section.querySelector('.result');
    var timer = null;
    var seq = 0;

    function runPreview() {
      var mine = ++seq;
      if (!text.value.trim() && !(fileInput && fileInput.files && fileInput.files.length)) { preview.innerHTML = ''; return; }
      readFiles(fileInput).then(function (files) {
        return call('POST', questionUrl(section, '/validate'), { answer: text.value, files: files });
      }).then(function (r) {
        if (mine !== seq) { return; }
        preview.innerHTML = r.html;
        preview.classList.toggle('invalid', !r.valid);
        typeset(preview);
      }).catch(function (e) {
        if (mine === seq) { preview.textContent = e.message; preview.classList.add('invalid'); }
      });
    }

    text.addEventListener('input', function () { clearTimeout(timer); timer = setTimeout(runPreview, 250); });
    if (fileInput) { fileInput.addEventListener('change', runPreview); }
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var button = form.querySelector('button[type=submit]');
      button.disabled = true;
      status.textContent = 'Grading…';
      readFiles(fileInput).then(function (files) {
        return call('POST', questionUrl(section, '/submissions'), { answer: text.value, files: files });
      }).then(function (r) {
        result.innerHTML = r.html;
        typeset(result);
        var attempts = section.querySelector('details.attempts');
        attempts.hidden = false;
        attempts.querySelector('.list').insertAdjacentHTML('afterbegin', r.html);
        var count = attempts.querySelector('.count');
        count.textContent = String(Number(count.textContent) + 1);
        typeset(attempts);
        status.textContent = 'Graded.';
        result.setAttribute('tabindex', '-1');
        result.focus();
      }).catch(function (e) {
        status.textContent = e.message;
        status.classList.add('error');
      }).then(function () { button.disabled = false; });
    });
    section.querySelectorAll('button.handout').forEach(function (b) {
      b.addEventListener('click', function () {
        var name = b.getAttribute('data-name');
        fetch(questionUrl(section, '/files/' + encodeURIComponent(name)), { headers: { 'Authorization': 'Bearer ' + session } })
          .then(function (r) { if (!r.ok) { throw new Error('The download failed (' + r.status + ').'); } return r.blob(); })
          .then(function (blob) {
            var a = document.createElement('a');
            a.href = URL.createObjectURL(blob);
            a.download = name;
            document.body.appendChild(a);
            a.click();
            setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
          }).catch(function (e) { status.textContent = e.message; });
      });
    });
  }

  function wireBind(form) {
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var chosen = form.querySelector('input[name=assignment]:checked');
      var status = form.querySelector('.status');
      if (!chosen) { status.textContent = 'Choose an assignment first.'; return; }
      call('POST', base + '/lti/api/link/assignment', { assignment: chosen.value }).then(function (r) {
        document.open();
        document.write(r.html);
        document.close();
      }).catch(function (e) { status.textContent = e.message; });
    });
  }

  /** Deep linking: the chosen assignment goes back to the LMS as a signed JWT, form-posted to its return URL. */
  function wireDeepLink(form) {
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var chosen = form.querySelector('input[name=assignment]:checked');
      var status = form.querySelector('.status');
      if (!chosen) { status.textContent = 'Choose an assignment first.'; return; }
      status.textContent = 'Returning to your LMS…';
      call('POST', base + '/lti/api/deeplink', { assignment: chosen.value }).then(function (r) {
        var back = document.createElement('form');
        back.method = 'post';
        back.action = r.returnUrl;
        var jwt = document.createElement('input');
        jwt.type = 'hidden';
        jwt.name = 'JWT';
        jwt.value = r.jwt;
        back.appendChild(jwt);
        document.body.appendChild(back);
        back.submit();
      }).catch(function (e) { status.textContent = e.message; });
    });
  }

  /**
   * A form that saves an instructor's grade for one answer (waiting for review, or regraded since a review): saved,
   * the answer shows its new grade and leaves its list's count. "Keep my grade" saves the instructor's points as they were.
   */
  function wireReview(item) {
    var form = item.querySelector('form');
    var status = form.querySelector('.status');
    var points = form.querySelector('input[name=points]');
    var buttons = form.querySelectorAll('button');
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      if (points.value === '' || isNaN(Number(points.value))) { status.textContent = 'Give the points first.'; points.focus(); return; }
      buttons.forEach(function (b) { b.disabled = true; });
      call('POST', base + '/lti/api/instructor/review/' + item.getAttribute('data-submission'),
        { points: Number(points.value), comment: form.querySelector('textarea').value }).then(function (r) {
        var count = item.closest('.queue').querySelector('.count');
        count.textContent = String(Math.max(0, Number(count.textContent) - 1));
        item.innerHTML = '<p class="done" role="status">Saved.</p>' + r.html;
        typeset(item);
      }).catch(function (e) {
        status.textContent = e.message;
        buttons.forEach(function (b) { b.disabled = false; });
      });
    });
    var keep = form.querySelector('button.keep');
    if (keep) {
      keep.addEventListener('click', function () {
        points.value = keep.getAttribute('data-points');
        form.requestSubmit();
      });
    }
  }

  /**
   * The instructor's panel: grade answers waiting for review; regrade the activity and follow the job; once it ends,
   * its report, and the answers it graded differently from a review, listed again.
   */
  function wireInstructor(panel) {
    panel.querySelectorAll('div.review').forEach(wireReview);
    var roster = panel.querySelector('#roster[data-pending]');
    if (roster) {
      call('GET', base + '/lti/api/instructor/roster').then(function (r) {
        roster.outerHTML = r.html; // the server's HTML, every name escaped there
      }).catch(function (e) {
        var hint = roster.querySelector('.hint');
        if (hint) { hint.textContent = 'The class list could not be shown: ' + e.message; }
      });
    }
    var button = panel.querySelector('#regrade');
    var status = button.parentNode.querySelector('.status');
    button.addEventListener('click', function () {
      button.disabled = true;
      status.textContent = 'Regrading…';
      call('POST', base + '/lti/api/instructor/regrades').then(function follow(r) {
        if (!r.report) {
          return new Promise(function (ok) { setTimeout(ok, 500); }).then(function () {
            return call('GET', base + '/lti/api/instructor/regrades/' + r.executionId);
          }).then(follow);
        }
        status.textContent = r.report;
        var list = panel.querySelector('#regraded-since-review');
        list.innerHTML = r.regradedHtml;
        list.querySelectorAll('div.review').forEach(wireReview);
        typeset(list);
        button.disabled = false;
      }).catch(function (e) { status.textContent = e.message; button.disabled = false; });
    });
  }

  function start() {
    typeset(document);
    document.querySelectorAll('section.q').forEach(wire);
    var bind = document.getElementById('bind');
    if (bind) { wireBind(bind); }
    var panel = document.querySelector('section.instructor');
    if (panel) { wireInstructor(panel); }
    var deepLink = document.getElementById('deeplink');
    if (deepLink) { wireDeepLink(deepLink); }
  }

  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', start); } else { start(); }
}());
