/** What the guides' JSON says: text in one language (with the language it is actually in), services as links. */
import type { Lang, Translated } from '../shared/lang.js';
import { localize } from '../shared/translated.js';
import type { StepServices } from './queries.js';
import type { PublishedGuide } from './types.js';

interface Text {
  text: string;
  lang: string;
}
export interface GuideListItemJson {
  slug: string;
  title: Text;
  summary: Text;
  url: string;
}
export interface GuideJson {
  slug: string;
  title: Text;
  summary: Text | null;
  url: string;
  municipality: string | null;
  last_reviewed: string | null;
  steps: {
    title: Text;
    body: Text | null;
    life_situations: string[];
    service_classes: string[];
    services: { id: string; name: Text; url: string }[] | null;
    services_total: number | null;
  }[];
}

const text = (t: Translated | null | undefined, lang: Lang): Text | null => {
  const l = localize(t, lang);
  return l ? { text: l.text, lang: l.lang } : null;
};

export function presentGuideList(guides: PublishedGuide[], lang: Lang, base: string): GuideListItemJson[] {
  return guides.map((g) => ({
    slug: g.slug,
    title: text(g.content.title, lang)!,
    summary: text(g.content.summary, lang)!,
    url: `${base}/${lang}/guides/${g.slug}`,
  }));
}

export function presentGuide(
  g: PublishedGuide,
  services: StepServices[] | null,
  municipality: string | null,
  lang: Lang,
  base: string,
): GuideJson {
  return {
    slug: g.slug,
    title: text(g.content.title, lang)!,
    summary: text(g.content.summary, lang),
    url: `${base}/${lang}/guides/${g.slug}`,
    municipality,
    last_reviewed: g.lastReviewed,
    steps: g.content.steps.map((s, i) => {
      const found = services?.[i];
      return {
        title: text(s.title, lang)!,
        body: text(s.body, lang),
        life_situations: s.lifeSituations,
        service_classes: s.serviceClasses,
        services:
          found && found.queried
            ? found.services.map((c) => ({
                id: c.id,
                name: text(c.name, lang)!,
                url: `${base}/${lang}/services/${c.id}`,
              }))
            : null,
        services_total: found && found.queried ? found.total : null,
      };
    }),
  };
}
