// Moves the sign-in page on by itself: waits (long-poll) for the wallet's decision, then
// continues to the service. Without JavaScript the page refreshes itself instead.
(function () {
  const root = document.querySelector('[data-login-status]');
  if (!root) return;
  const statusUrl = root.getAttribute('data-status-url');
  const continueUrl = root.getAttribute('data-continue-url');
  const text = (state) => root.getAttribute('data-text-' + state) || '';
  const show = (state) => {
    root.setAttribute('data-state', state);
    root.textContent = text(state);
    document.querySelectorAll('[data-show-when]').forEach((el) => {
      el.classList.toggle('hidden', el.getAttribute('data-show-when') !== state);
    });
  };
  let failures = 0;
  async function poll() {
    try {
      const res = await fetch(statusUrl, { headers: { accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' });
      if (!res.ok) throw new Error('status ' + res.status);
      const { status } = await res.json();
      failures = 0;
      if (status === 'pending') return setTimeout(poll, 50);
      show(status);
      if (status === 'approved') window.location.assign(continueUrl);
    } catch (e) {
      failures += 1;
      setTimeout(poll, Math.min(10000, 500 * failures));
    }
  }
  poll();
})();
