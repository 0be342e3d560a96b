/**
 * Language detection for the local router: stopword counts for en (default), es, fr, de, pt and it.
 * Pure function, no I/O.
 */

const STOPWORDS: Record<string, string[]> = {
  es: [
    'el',
    'la',
    'los',
    'las',
    'que',
    'de',
    'y',
    'en',
    'un',
    'una',
    'por',
    'para',
    'con',
    'mi',
    'no',
    'es',
    'pero',
    'como',
    'tengo',
    'quiero',
    'hola',
    'gracias',
    'cuenta',
    'tarjeta',
    'pedido',
    'ayuda',
    'puedo',
    'mis',
    'del',
    'al',
  ],
  fr: [
    'le',
    'la',
    'les',
    'des',
    'est',
    'et',
    'un',
    'une',
    'du',
    'je',
    'mon',
    'ma',
    'mes',
    'pas',
    'pour',
    'avec',
    'que',
    'qui',
    'dans',
    'sur',
    'bonjour',
    'merci',
    'compte',
    'carte',
    'commande',
    'vous',
    'ne',
    'ai',
    'suis',
    'au',
  ],
  de: [
    'der',
    'die',
    'das',
    'und',
    'ist',
    'ich',
    'nicht',
    'ein',
    'eine',
    'mit',
    'mein',
    'meine',
    'zu',
    'den',
    'von',
    'auf',
    'fur',
    'es',
    'hallo',
    'danke',
    'konto',
    'karte',
    'bestellung',
    'bitte',
    'wie',
    'kann',
    'habe',
    'wurde',
    'sie',
    'noch',
  ],
  pt: [
    'o',
    'a',
    'os',
    'as',
    'que',
    'de',
    'e',
    'em',
    'um',
    'uma',
    'para',
    'com',
    'meu',
    'minha',
    'nao',
    'por',
    'mas',
    'como',
    'ola',
    'obrigado',
    'obrigada',
    'conta',
    'cartao',
    'pedido',
    'ajuda',
    'posso',
    'voce',
    'do',
    'da',
    'tenho',
  ],
  it: [
    'il',
    'lo',
    'la',
    'gli',
    'le',
    'che',
    'di',
    'e',
    'un',
    'una',
    'per',
    'con',
    'mio',
    'mia',
    'non',
    'sono',
    'ho',
    'come',
    'ciao',
    'grazie',
    'conto',
    'carta',
    'ordine',
    'aiuto',
    'posso',
    'del',
    'della',
    'al',
    'perche',
    'questo',
  ],
};
const SETS: Record<string, Set<string>> = Object.fromEntries(
  Object.entries(STOPWORDS).map(([k, v]) => [k, new Set(v)]),
);
const EN_STOPWORDS = new Set([
  'the',
  'a',
  'an',
  'and',
  'is',
  'i',
  'my',
  'to',
  'of',
  'in',
  'it',
  'you',
  'for',
  'on',
  'me',
  'can',
  'how',
  'what',
  'why',
  'do',
  'not',
  'with',
  'this',
  'have',
  'was',
  'are',
  'please',
  'hi',
  'hello',
  'thanks',
  'card',
  'account',
  'order',
  'help',
]);

/**
 * ISO 639-1 language of `text` by stopword counts: en (default), es, fr, de, pt or it.
 * A language must beat English and have at least two hits.
 */
export function detectLanguage(text: string): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean);
  let en = 0;
  const scores: Record<string, number> = { es: 0, fr: 0, de: 0, pt: 0, it: 0 };
  for (const w of words) {
    if (EN_STOPWORDS.has(w)) en++;
    for (const lang of Object.keys(scores)) if (SETS[lang]!.has(w)) scores[lang]! += 1;
  }
  if (/[ñ¿¡]/i.test(text)) scores.es! += 2;
  if (/[ãõç]/i.test(text)) scores.pt! += 1.5;
  if (/[ß]|[äöü]/i.test(text)) scores.de! += 2;
  if (/[èàùêâîôû]/i.test(text)) scores.fr! += 1;
  let best = 'en';
  let bestScore = 0;
  for (const [lang, s] of Object.entries(scores)) {
    if (s > bestScore) {
      best = lang;
      bestScore = s;
    }
  }
  return bestScore >= 2 && bestScore > en ? best : 'en';
}
