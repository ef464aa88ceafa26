/* A readable view of the server's OpenAPI description: each path and method with its summary, parameters, body and
   answers, and the schemas they name. Built with Assay.el from the JSON document (text only, never HTML from it). */
(function () {
  'use strict';
  var A = window.Assay, el = A.el;
  var METHODS = ['get', 'post', 'put', 'patch', 'delete'];

  function refName(schema) {
    if (!schema) { return null; }
    if (schema.$ref) { return schema.$ref.split('/').pop(); }
    if (schema.type === 'array' && schema.items) { var n = refName(schema.items); return n ? n + '[]' : 'array'; }
    return schema.type || null;
  }

  function schemaLink(schema) {
    var name = refName(schema);
    if (!name) { return el('span', { class: 'muted' }, 'any'); }
    var bare = name.replace(/\[\]$/, '');
    return schema.$ref || (schema.items && schema.items.$ref)
      ? el('a', { href: '#schema-' + bare }, name) : el('code', {}, name);
  }

  function operation(path, method, op) {
    var id = 'op-' + method + path.replace(/[^A-Za-z0-9]+/g, '-');
    var parts = [el('h3', { id: id }, el('code', {}, method.toUpperCase() + ' ' + path))];
    if (op.summary) { parts.push(el('p', {}, op.summary)); }
    if (op.description && op.description !== op.summary) { parts.push(el('p', { class: 'muted' }, op.description)); }
    var params = op.parameters || [];
    if (params.length) {
      parts.push(el('div', { class: 'table-wrap' }, el('table', {},
        el('caption', { class: 'visually-hidden' }, 'Parameters of ' + method.toUpperCase() + ' ' + path),
        el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'parameter'), el('th', { scope: 'col' }, 'in'),
          el('th', { scope: 'col' }, 'type'), el('th', { scope: 'col' }, 'meaning'))),
        el('tbody', {}, params.map(function (p) {
          return el('tr', {}, el('td', {}, el('code', {}, p.name), p.required ? ' (required)' : ''), el('td', {}, p['in']),
            el('td', {}, schemaLink(p.schema)), el('td', {}, p.description || ''));
        })))));
    }
    if (op.requestBody && op.requestBody.content) {
      var types = Object.keys(op.requestBody.content);
      parts.push(el('p', {}, 'Body (', types.join(', '), '): ',
        schemaLink(op.requestBody.content[types[0]].schema)));
    }
    var responses = op.responses || {};
    var codes = Object.keys(responses).sort();
    if (codes.length) {
      parts.push(el('ul', {}, codes.map(function (code) {
        var r = responses[code] || {};
        var content = r.content ? r.content[Object.keys(r.content)[0]] : null;
        return el('li', {}, el('strong', {}, code), ' ', r.description || '',
          content && content.schema ? [' → ', schemaLink(content.schema)] : null);
      })));
    }
    return el('section', { class: 'operation' }, parts);
  }

  function schemas(components) {
    var all = (components && components.schemas) || {};
    return Object.keys(all).sort().map(function (name) {
      var s = all[name];
      var props = s.properties || {};
      var required = s.required || [];
      return el('section', {}, el('h3', { id: 'schema-' + name }, el('code', {}, name)),
        s.description ? el('p', {}, s.description) : null,
        Object.keys(props).length ? el('ul', {}, Object.keys(props).map(function (p) {
          var prop = props[p];
          return el('li', {}, el('code', {}, p), ': ', schemaLink(prop),
            required.indexOf(p) >= 0 ? ' (required)' : '', prop.description ? ' — ' + prop.description : '');
        })) : (s['enum'] ? el('p', {}, 'One of: ', s['enum'].join(', ')) : null));
    });
  }

  function render(doc) {
    var paths = doc.paths || {};
    var names = Object.keys(paths).sort();
    var toc = [];
    var sections = [];
    names.forEach(function (path) {
      METHODS.forEach(function (m) {
        var op = paths[path][m];
        if (!op) { return; }
        var id = 'op-' + m + path.replace(/[^A-Za-z0-9]+/g, '-');
        toc.push(el('li', {}, el('a', { href: '#' + id }, m.toUpperCase() + ' ' + path)));
        sections.push(operation(path, m, op));
      });
    });
    A.show(document.getElementById('toc'), el('details', {}, el('summary', {}, toc.length + ' endpoints'), el('ul', {}, toc)));
    A.show(document.getElementById('paths'), sections);
    A.show(document.getElementById('schemas'), schemas(doc.components));
    document.getElementById('loading').textContent = doc.info && doc.info.title
      ? doc.info.title + (doc.info.version ? ' ' + doc.info.version : '') : '';
  }

  fetch('/openapi?format=json', { headers: { Accept: 'application/json' } }).then(function (r) {
    if (!r.ok) { throw new Error('The server answered ' + r.status + ' for its OpenAPI description.'); }
    return r.json();
  }).then(render).catch(function (e) {
    A.show(document.getElementById('loading'), A.errorBox(e));
  });
})();
