/**
 * Progressive enhancement of the search page. Without this script the form submits and the server answers; with it,
 * results and facet counts update as filters change (the same GET, the same server rendering), the address bar
 * follows, and the result count is announced by its live region. Controls are never replaced, so focus stays put.
 * Fresh results are announced to the page as a `yhdessa:results` event (the map follows them).
 */
import { enhanceNearMe } from './nearMe.js';

function enhanceSearch(form: HTMLFormElement): void {
  const results = document.getElementById('results');
  const status = document.getElementById('result-status');
  const sort = document.getElementById('sort');
  if (!results || !status || !('fetch' in window) || !window.history?.pushState || !('DOMParser' in window)) return;
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

  const updateSelectedCounts = (doc: Document) => {
    document.querySelectorAll<HTMLElement>('[data-selected-for]').forEach((el) => {
      const other = doc.querySelector<HTMLElement>(`[data-selected-for="${el.dataset.selectedFor}"]`);
      el.textContent = other?.textContent ?? '';
    });
  };

  const update = async (url: string) => {
    controller?.abort();
    controller = new AbortController();
    results.setAttribute('aria-busy', 'true');
    try {
      const res = await fetch(url, { headers: { accept: 'text/html' }, signal: controller.signal });
      if (!res.ok) {
        // A form error (or anything unexpected): let the server render the whole page with its messages.
        window.location.assign(url);
        return;
      }
      const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
      const freshResults = doc.getElementById('results');
      const freshStatus = doc.getElementById('result-status');
      if (!freshResults || !freshStatus) return window.location.assign(url);
      results.innerHTML = freshResults.innerHTML;
      status.innerHTML = freshStatus.innerHTML;
      const freshSort = doc.getElementById('sort');
      if (
        sort instanceof HTMLSelectElement &&
        freshSort instanceof HTMLSelectElement &&
        sort.innerHTML !== freshSort.innerHTML
      ) {
        const value = freshSort.value;
        sort.innerHTML = freshSort.innerHTML;
        sort.value = value;
      }
      document.querySelectorAll<HTMLElement>('[data-facet]').forEach((el) => {
        const other = doc.querySelector<HTMLElement>(`[data-facet="${el.dataset.facet}"]`);
        if (other) el.textContent = other.textContent;
      });
      updateSelectedCounts(doc);
      document.title = doc.title;
      window.history.pushState({ yhdessa: true }, '', url);
      document.dispatchEvent(new CustomEvent('yhdessa:results', { detail: { doc, url } }));
    } catch (e) {
      if ((e as Error).name !== 'AbortError') window.location.assign(url);
    } finally {
      results.setAttribute('aria-busy', 'false');
    }
  };

  form.addEventListener('change', (e) => {
    const target = e.target as HTMLElement;
    if (target.id === 'q' || target.id === 'age' || target.id === 'place') return; // typed fields are submitted with Enter or a button
    // A distance limit waits for a place to measure from (typed, or the browser's position).
    const place = document.getElementById('place');
    if (
      target.id === 'within_km' &&
      !(place instanceof HTMLInputElement && place.value.trim()) &&
      !form.querySelector('input[name="lat"]')
    )
      return;
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void update(urlFor()), 250);
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void update(urlFor());
  });
  window.addEventListener('popstate', () => window.location.reload());
  document.documentElement.classList.add('js-enhanced');
}

document.addEventListener('DOMContentLoaded', () => {
  const form = document.getElementById('search-form');
  if (form instanceof HTMLFormElement) {
    enhanceSearch(form);
    enhanceNearMe(form);
  }
});
