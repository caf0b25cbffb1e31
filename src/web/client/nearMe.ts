/**
 * "Use my location" on the results page: shown only where the browser can tell its position, and asked only
 * when the person presses the button. The position (rounded to about 100 m) goes into the same GET form as a
 * typed place would, so the server sorts and filters exactly as for a postal code. A refusal or failure is said
 * plainly beside the button, and the typed place keeps working.
 */
const round3 = (x: number) => String(Math.round(x * 1000) / 1000);

function setHidden(form: HTMLFormElement, name: string, value: string | null): void {
  let input = form.querySelector<HTMLInputElement>(`input[type="hidden"][name="${name}"]`);
  if (value === null) {
    input?.remove();
    return;
  }
  if (!input) {
    input = document.createElement('input');
    input.type = 'hidden';
    input.name = name;
    document.getElementById('near-me')?.before(input);
  }
  input.value = value;
}

export function enhanceNearMe(form: HTMLFormElement): void {
  const box = document.getElementById('near-me');
  const button = document.getElementById('near-me-button');
  const status = document.getElementById('near-me-status');
  const place = document.getElementById('place');
  if (
    !box ||
    !(button instanceof HTMLButtonElement) ||
    !status ||
    !(place instanceof HTMLInputElement) ||
    !('geolocation' in navigator)
  )
    return;
  box.hidden = false;
  let asking = false;

  // A typed place replaces the position.
  place.addEventListener('input', () => {
    setHidden(form, 'lat', null);
    setHidden(form, 'lon', null);
  });

  button.addEventListener('click', () => {
    if (asking) return;
    asking = true;
    button.setAttribute('aria-disabled', 'true');
    status.textContent = box.dataset.textLocating ?? '';
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        asking = false;
        button.removeAttribute('aria-disabled');
        status.textContent = '';
        place.value = '';
        setHidden(form, 'lat', round3(pos.coords.latitude));
        setHidden(form, 'lon', round3(pos.coords.longitude));
        // Nearest first; the server adds the option to the list and selects it.
        const sort = document.getElementById('sort');
        if (sort instanceof HTMLSelectElement) {
          if (![...sort.options].some((o) => o.value === 'distance')) sort.add(new Option('', 'distance'));
          sort.value = 'distance';
        }
        if (typeof form.requestSubmit === 'function') form.requestSubmit();
        else form.submit();
      },
      (err) => {
        asking = false;
        button.removeAttribute('aria-disabled');
        status.textContent =
          (err.code === err.PERMISSION_DENIED ? box.dataset.textDenied : box.dataset.textUnavailable) ?? '';
      },
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 600_000 },
    );
  });
}
