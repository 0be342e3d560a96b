/**
 * Short fixed phrases in the languages the local tier writes (knowledge-base content stays in the
 * KB's language). Nothing here names a company: the operator's brand, assistant name and support
 * topics come from configuration (`BRAND_NAME`, `ASSISTANT_NAME`, `SUPPORT_TOPICS`) or the KB.
 */
import type { Brand } from '../../src/core/agents.js';

/** Phrases for one language. */
export interface Phrases {
  greeting: string;
  closing: string;
  /** Said before knowledge-base content when the customer writes another language. */
  englishNote?: string;
  outOfScope(brand: Brand): string;
  guardrail(brand: Brand): string;
  clarify: string;
  escalationFallback: string;
  /** Offline, for another language without a clear match: articles are in English, a person can help. */
  foreignUncertain?: string;
}

const list = (items: string[], and: string) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1)}`;
const who = (b: Brand, fallback: string) =>
  b.assistantName && b.name
    ? `${b.assistantName}, the ${b.name} support assistant`
    : b.name
      ? `the ${b.name} support assistant`
      : fallback;
const topics = (b: Brand, and: string, fallback: string) =>
  b.topics.length ? list(b.topics.slice(0, 5), and) : fallback;

const en: Phrases = {
  greeting: 'Thanks for reaching out!',
  closing: 'Is there anything else I can help you with?',
  outOfScope: (b) =>
    `I'm ${who(b, 'the support assistant here')}, so I can only help with questions about ${topics(b, 'and', 'our products and services')}. Is there anything along those lines I can help with?`,
  guardrail: (b) =>
    `Sorry, I can't help with that request. I'm happy to help with questions about ${topics(b, 'or', 'our products and services')}.`,
  clarify:
    'Could you tell me a bit more so I can help? For example, what you were trying to do, which feature it is about, and any error message you see.',
  escalationFallback:
    "I've asked a person on our support team to help. They will follow up with you in this conversation.",
};

/** Phrases by ISO 639-1 code; unknown languages use English. */
export const PHRASES: Record<string, Phrases> = {
  en,
  es: {
    greeting: '¡Gracias por escribirnos!',
    closing: '¿Puedo ayudarte con algo más?',
    englishNote: '(Nuestros artículos de ayuda están en inglés.)',
    outOfScope: (b) =>
      `Soy ${b.name ? `el asistente de soporte de ${b.name}` : 'el asistente de soporte'} y solo puedo ayudarte con preguntas sobre ${topics(b, 'y', 'nuestros productos y servicios')}. ¿Hay algo de eso en lo que pueda ayudarte?`,
    guardrail: () =>
      'Lo siento, no puedo ayudar con esa solicitud. Con gusto respondo preguntas sobre nuestro servicio.',
    clarify:
      '¿Podrías darme más detalles? Por ejemplo, qué intentabas hacer, de qué función se trata y qué mensaje de error ves.',
    escalationFallback:
      'He pedido a una persona de nuestro equipo de soporte que te ayude. Te responderá en esta conversación.',
    foreignUncertain:
      'Nuestros artículos de ayuda están en inglés y no encontré uno que responda claramente a tu pregunta. Si quieres, una persona de nuestro equipo puede ayudarte: responde «sí» o escribe «humano».',
  },
  fr: {
    greeting: 'Merci de nous avoir contactés !',
    closing: 'Puis-je vous aider avec autre chose ?',
    englishNote: "(Nos articles d'aide sont en anglais.)",
    outOfScope: (b) =>
      `Je suis ${b.name ? `l'assistant du support ${b.name}` : "l'assistant du support"} : je peux vous aider uniquement pour des questions sur ${topics(b, 'et', 'nos produits et services')}. Puis-je vous aider à ce sujet ?`,
    guardrail: () =>
      'Désolé, je ne peux pas répondre à cette demande. Je peux vous aider pour toute question sur notre service.',
    clarify:
      "Pourriez-vous m'en dire un peu plus ? Par exemple, ce que vous essayiez de faire, la fonctionnalité concernée et le message d'erreur affiché.",
    escalationFallback:
      "J'ai demandé à une personne de notre équipe support de vous aider. Elle vous répondra dans cette conversation.",
    foreignUncertain:
      "Nos articles d'aide sont en anglais et je n'en ai pas trouvé un qui réponde clairement à votre question. Une personne de notre équipe peut vous aider : répondez « oui » ou écrivez « humain ».",
  },
  de: {
    greeting: 'Danke für Ihre Nachricht!',
    closing: 'Kann ich Ihnen sonst noch helfen?',
    englishNote: '(Unsere Hilfeartikel sind auf Englisch.)',
    outOfScope: (b) =>
      `Ich bin ${b.name ? `der Support-Assistent von ${b.name}` : 'der Support-Assistent'} und kann nur bei Fragen zu ${topics(b, 'und', 'unseren Produkten und Diensten')} helfen. Kann ich Ihnen dabei helfen?`,
    guardrail: () => 'Leider kann ich bei dieser Anfrage nicht helfen. Gern beantworte ich Fragen zu unserem Service.',
    clarify:
      'Können Sie mir etwas mehr erzählen? Zum Beispiel, was Sie tun wollten, um welche Funktion es geht und welche Fehlermeldung Sie sehen.',
    escalationFallback:
      'Ich habe eine Person aus unserem Support-Team gebeten, Ihnen zu helfen. Sie meldet sich in dieser Unterhaltung.',
    foreignUncertain:
      'Unsere Hilfeartikel sind auf Englisch, und ich habe keinen gefunden, der Ihre Frage eindeutig beantwortet. Eine Person aus unserem Team kann Ihnen helfen: Antworten Sie mit „ja“ oder schreiben Sie „Mensch“.',
  },
};

/** Phrases for a language code (falls back to English). */
export function phrasesFor(language: string): Phrases {
  return PHRASES[language.toLowerCase().slice(0, 2)] ?? en;
}
