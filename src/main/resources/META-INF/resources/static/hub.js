// Connection Hub pages: copy buttons (no inline scripts: the content security policy allows only this file).
// A button with data-copy="<id>" copies the text of that element and says what it copied in the page's live region.
(function () {
  function announce(text) {
    var region = document.getElementById('announcer');
    if (region) {
      region.textContent = '';
      window.setTimeout(function () { region.textContent = text; }, 50);
    }
  }
  document.addEventListener('click', function (event) {
    var button = event.target.closest('button[data-copy]');
    if (!button) {
      return;
    }
    var source = document.getElementById(button.getAttribute('data-copy'));
    if (!source) {
      return;
    }
    var text = source.textContent.trim();
    var label = button.getAttribute('data-copy-label') || 'value';
    var original = button.getAttribute('aria-label');
    var done = function () {
      // the visible text and the accessible name change together
      button.textContent = 'Copied';
      button.setAttribute('aria-label', 'Copied ' + label);
      announce('Copied ' + label + ': ' + text);
      window.setTimeout(function () {
        button.textContent = 'Copy';
        if (original) {
          button.setAttribute('aria-label', original);
        }
      }, 3000);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { select(source); done(); });
    } else {
      select(source);
      try { document.execCommand('copy'); } catch (e) { /* the text stays selected for the user to copy */ }
      done();
    }
  });
  function select(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }
  // Focus the error summary of a refused form, so keyboard and screen-reader users land on it.
  document.addEventListener('DOMContentLoaded', function () {
    var summary = document.getElementById('error-summary');
    if (summary) {
      summary.focus();
    }
  });
}());
