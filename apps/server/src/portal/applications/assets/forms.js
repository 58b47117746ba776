// Progressive enhancement for hosted forms: parts that apply only for a given answer are
// hidden until that answer is chosen. Without this script they all show, each marked with
// when to answer it, and the server ignores the ones that do not apply.
(function () {
  var form = document.querySelector('form.eform');
  if (!form) return;
  var conditional = form.querySelectorAll('[data-show-if]');
  function answer(name) {
    var els = form.querySelectorAll('[name="' + name + '"]');
    var values = [];
    els.forEach(function (el) {
      if ((el.type === 'radio' || el.type === 'checkbox') && !el.checked) return;
      values.push(el.value);
    });
    return values;
  }
  function update() {
    conditional.forEach(function (el) {
      var show = answer(el.getAttribute('data-show-if')).indexOf(el.getAttribute('data-show-value')) !== -1;
      el.classList.toggle('hidden', !show);
      var note = el.querySelector('.only-if');
      if (note) note.classList.add('hidden');
    });
  }
  form.addEventListener('change', update);
  update();
  var summary = document.querySelector('.error-summary');
  if (summary) summary.focus();
})();
