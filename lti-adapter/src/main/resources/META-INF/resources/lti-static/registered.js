// LTI Dynamic Registration: the registration is done; tell the LMS that opened this page (a window or a frame) to close it.
(function () {
  var to = window.opener || window.parent;
  if (to && to !== window) {
    to.postMessage({ subject: 'org.imsglobal.lti.close' }, '*');
  }
})();
