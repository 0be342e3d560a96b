/**
 * Language detection for the local router, as an ISO 639-1 code ('en' by default). Pure function,
 * no I/O.
 *
 * 1. Text mostly in a non-Latin script is decided by its script (kana -> ja, Hangul -> ko, Han ->
 *    zh, ...); where a script serves several languages (Cyrillic, Arabic, Devanagari) franc-min
 *    picks among them.
 * 2. Latin text: stopword counts for the languages support messages most often come in (short
 *    messages: a language must beat English and have at least two hits), then franc-min for longer
 *    text, accepted only when it is clearly not English. Short texts stay 'en' unless clearly another
 *    language.
 */
import { francAll } from 'franc-min';

const words = (list: string) => new Set(list.split(' '));

/** Stopwords (accents stripped) of the Latin-script languages checked first. */
const STOPWORDS: Record<string, Set<string>> = {
  es: words(
    'el la los las que de y en un una por para con mi no es pero como tengo quiero hola gracias cuenta tarjeta pedido ayuda puedo mis del al',
  ),
  fr: words(
    'le la les des est et un une du je mon ma mes pas pour avec que qui dans sur bonjour merci compte carte commande vous ne ai suis au',
  ),
  de: words(
    'der die das und ist ich nicht ein eine mit mein meine zu den von auf fur es hallo danke konto karte bestellung bitte wie kann habe wurde sie noch',
  ),
  pt: words(
    'o a os as que de e em um uma para com meu minha nao por mas como ola obrigado obrigada conta cartao pedido ajuda posso voce do da tenho',
  ),
  it: words(
    'il lo la gli le che di e un una per con mio mia non sono ho come ciao grazie conto carta ordine aiuto posso del della al perche questo',
  ),
  nl: words(
    'de het een en ik niet mijn is van op te dat met voor je u kan kunt hallo bedankt dank alstublieft wachtwoord rekening bestelling hulp wil heb geen waarom',
  ),
};

const EN_STOPWORDS = words(
  'the a an and is i my to of in it you for on me can how what why do not with this have was are please hi hello thanks card account order help',
);

/** Scripts decided without franc (one language each, for our purposes). */
const SCRIPTS: Array<{ test: RegExp; lang: string }> = [
  { test: /[\u3040-\u30ff]/gu, lang: 'ja' },
  { test: /[\uac00-\ud7af\u1100-\u11ff]/gu, lang: 'ko' },
  { test: /\p{Script=Han}/gu, lang: 'zh' },
  { test: /\p{Script=Hebrew}/gu, lang: 'he' },
  { test: /\p{Script=Greek}/gu, lang: 'el' },
  { test: /\p{Script=Thai}/gu, lang: 'th' },
];

/** Scripts shared by several languages: franc-min picks among `only`; `fallback` for short text. */
const SHARED_SCRIPTS: Array<{ test: RegExp; only: string[]; fallback: string }> = [
  { test: /\p{Script=Cyrillic}/gu, only: ['rus', 'ukr', 'bel', 'bul', 'srp', 'kaz'], fallback: 'ru' },
  { test: /\p{Script=Arabic}/gu, only: ['arb', 'pes', 'urd'], fallback: 'ar' },
  { test: /\p{Script=Devanagari}/gu, only: ['hin', 'mar', 'nep'], fallback: 'hi' },
];

/** Latin-script languages franc-min may report for longer text. */
const LATIN_ONLY = [
  'eng',
  'spa',
  'fra',
  'deu',
  'por',
  'ita',
  'nld',
  'pol',
  'tur',
  'swe',
  'ron',
  'ces',
  'hun',
  'ind',
  'vie',
];

/** ISO 639-3 (franc) -> ISO 639-1 (the rest of the code). */
const ISO1: Record<string, string> = {
  eng: 'en',
  spa: 'es',
  fra: 'fr',
  deu: 'de',
  por: 'pt',
  ita: 'it',
  nld: 'nl',
  pol: 'pl',
  tur: 'tr',
  swe: 'sv',
  ron: 'ro',
  ces: 'cs',
  hun: 'hu',
  ind: 'id',
  vie: 'vi',
  rus: 'ru',
  ukr: 'uk',
  bel: 'be',
  bul: 'bg',
  srp: 'sr',
  kaz: 'kk',
  arb: 'ar',
  pes: 'fa',
  urd: 'ur',
  hin: 'hi',
  mar: 'mr',
  nep: 'ne',
};

/** Latin text shorter than this (letters) is decided by stopwords only. */
const FRANC_MIN_LETTERS = 24;
/** franc's English score (relative to the best, 1) must be below this to call the text not English. */
const NOT_ENGLISH_BELOW = 0.8;

const count = (text: string, re: RegExp) => text.match(re)?.length ?? 0;

/** ISO 639-1 language of `text`; 'en' when unsure. */
export function detectLanguage(text: string): string {
  const letters = count(text, /\p{L}/gu);
  if (!letters) return 'en';
  const latin = count(text, /\p{Script=Latin}/gu);
  const kana = count(text, SCRIPTS[0]!.test);
  if (kana > 0 && kana + count(text, /\p{Script=Han}/gu) > latin) return 'ja';
  for (const s of SCRIPTS) if (count(text, s.test) > latin) return s.lang;
  for (const s of SHARED_SCRIPTS) {
    if (count(text, s.test) > latin) {
      const best = francAll(text, { only: s.only, minLength: 1 })[0];
      return (best && ISO1[best[0]]) ?? s.fallback;
    }
  }
  return detectLatin(text, latin);
}

function detectLatin(text: string, latinLetters: number): string {
  const tokens = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
  let en = 0;
  const scores: Record<string, number> = Object.fromEntries(Object.keys(STOPWORDS).map((k) => [k, 0]));
  for (const w of tokens) {
    if (EN_STOPWORDS.has(w)) en++;
    for (const lang of Object.keys(scores)) if (STOPWORDS[lang]!.has(w)) scores[lang]! += 1;
  }
  if (/[ñ¿¡]/i.test(text)) scores.es! += 2;
  if (/[ãõç]/i.test(text)) scores.pt! += 1.5;
  if (/[ß]|[äöü]/i.test(text)) scores.de! += 2;
  if (/[èàùêâîôû]/i.test(text)) scores.fr! += 1;
  if (/ij/i.test(text)) scores.nl! += 0.5;
  let best = 'en';
  let bestScore = 0;
  for (const [lang, s] of Object.entries(scores)) {
    if (s > bestScore) {
      best = lang;
      bestScore = s;
    }
  }
  if (bestScore >= 2 && bestScore > en) return best;
  // Longer text the stopwords could not place: franc, only when English is clearly behind.
  if (latinLetters < FRANC_MIN_LETTERS || en >= 2) return 'en';
  const ranked = francAll(text, { only: LATIN_ONLY, minLength: FRANC_MIN_LETTERS });
  const top = ranked[0];
  if (!top || top[0] === 'eng' || top[0] === 'und') return 'en';
  const english = ranked.find(([code]) => code === 'eng')?.[1] ?? 0;
  return english < NOT_ENGLISH_BELOW ? (ISO1[top[0]] ?? 'en') : 'en';
}
