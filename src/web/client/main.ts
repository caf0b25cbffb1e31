/**
 * Progressive enhancement of the search page. Without this script the form posts and the server answers; with it,
 * results and facet counts update as filters change (the same GET, the same server rendering), the address bar
 * follows, and the result count is announced by its live region.
 */
function enhanceSearch(form: HTMLFormElement): void {
  const results = document.getElementById('results');
  if (!results || !('fetch' in window) || !window.history?.pushState || !('DOMParser' in window)) return;
  let timer: number | undefined;
  let controller: AbortController | undefined;

  const urlFor = () => {
    const params = new URLSearchParams();
    new FormData(form).forEach((value, key) => {
      if (typeof value === 'string' && value !== '') params.append(key, value);
    });
    const s = params.toString();
    return `${form.action}${s ? `?${s}` : ''}`;
  };

  const update = async (url: string, push: boolean) => {
    controller?.abort();
    controller = new AbortController();
    results.setAttribute('aria-busy', 'true');
    try {
      const res = await fetch(url, { headers: { accept: 'text/html' }, signal: controller.signal });
      const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
      const fresh = doc.getElementById('results');
      if (!fresh) return;
      results.innerHTML = fresh.innerHTML;
      document.querySelectorAll<HTMLElement>('[data-facet]').forEach((el) => {
        const other = doc.querySelector<HTMLElement>(`[data-facet="${el.dataset.facet}"]`);
        if (other) el.textContent = other.textContent;
      });
      const summary = doc.querySelector('.error-summary');
      document.querySelector('.error-summary')?.remove();
      if (summary) form.parentElement?.insertBefore(summary, form);
      document.title = doc.title;
      if (push) window.history.pushState({ yhdessa: true }, '', url);
    } catch (e) {
      if ((e as Error).name !== 'AbortError') form.submit();
    } finally {
      results.setAttribute('aria-busy', 'false');
    }
  };

  form.addEventListener('change', (e) => {
    const target = e.target as HTMLElement;
    if (target.id === 'q') return; // typing is submitted with Enter or the button
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void update(urlFor(), true), 250);
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void update(urlFor(), true);
  });
  window.addEventListener('popstate', () => {
    window.location.reload();
  });
  document.documentElement.classList.add('js-enhanced');
}

document.addEventListener('DOMContentLoaded', () => {
  const form = document.getElementById('search-form');
  if (form instanceof HTMLFormElement) enhanceSearch(form);
});
