import { describe, expect, it } from 'vitest';
import { cleanTranslated, localize } from './translated.js';

describe('translated text', () => {
  it('gives the reader their language when there is one', () => {
    expect(localize({ fi: 'Neuvola', sv: 'Rådgivning' }, 'sv')).toEqual({
      text: 'Rådgivning',
      lang: 'sv',
      fallback: false,
    });
  });
  it('falls back Swedish ↔ Finnish first, then English, and says so', () => {
    expect(localize({ fi: 'Neuvola', en: 'Clinic' }, 'sv')).toEqual({ text: 'Neuvola', lang: 'fi', fallback: true });
    expect(localize({ sv: 'Rådgivning', en: 'Clinic' }, 'fi')).toEqual({
      text: 'Rådgivning',
      lang: 'sv',
      fallback: true,
    });
    expect(localize({ sv: 'Rådgivning' }, 'en')).toEqual({ text: 'Rådgivning', lang: 'sv', fallback: true });
  });
  it('treats blank text as missing, never as a translation', () => {
    expect(localize({ fi: 'Neuvola', sv: '  ' }, 'sv')?.lang).toBe('fi');
    expect(localize({}, 'fi')).toBeNull();
    expect(cleanTranslated({ fi: ' a ', sv: '' })).toEqual({ fi: 'a' });
  });
});
