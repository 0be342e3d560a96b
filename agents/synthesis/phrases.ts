/** Short fixed phrases in the languages the local tier greets in (knowledge-base content stays English). */

/** Phrases for one language. */
export interface Phrases {
  greeting: string;
  closing: string;
  /** Said before English knowledge-base content when the customer writes another language. */
  englishNote?: string;
  outOfScope: string;
  guardrail: string;
  clarify: string;
  escalationFallback: string;
}

const en: Phrases = {
  greeting: 'Thanks for reaching out!',
  closing: 'Is there anything else I can help you with?',
  outOfScope:
    "I'm the Northwind Cloud support assistant, so I can only help with Northwind accounts, cards, payments, billing, subscriptions and orders. Is there anything about your Northwind account I can help with?",
  guardrail:
    "Sorry, I can't help with that request. I'm happy to help with your Northwind account, cards, payments, billing or orders.",
  clarify:
    'Could you tell me a bit more so I can help? For example, which feature, payment or order this is about, and any error message you see.',
  escalationFallback:
    "I've asked a person on our support team to help. They will follow up with you in this conversation.",
};

/** Phrases by ISO 639-1 code; unknown languages use English. */
export const PHRASES: Record<string, Phrases> = {
  en,
  es: {
    greeting: '¡Gracias por escribirnos!',
    closing: '¿Puedo ayudarte con algo más?',
    englishNote: '(Nuestra información de ayuda está en inglés.)',
    outOfScope:
      'Soy el asistente de soporte de Northwind Cloud y solo puedo ayudarte con cuentas, tarjetas, pagos, facturación, suscripciones y pedidos de Northwind. ¿Hay algo de tu cuenta en lo que pueda ayudarte?',
    guardrail:
      'Lo siento, no puedo ayudar con esa solicitud. Con gusto te ayudo con tu cuenta, tarjetas, pagos, facturación o pedidos de Northwind.',
    clarify:
      '¿Podrías darme más detalles? Por ejemplo, de qué función, pago o pedido se trata y qué mensaje de error ves.',
    escalationFallback:
      'He pedido a una persona de nuestro equipo de soporte que te ayude. Te responderá en esta conversación.',
  },
  fr: {
    greeting: 'Merci de nous avoir contactés !',
    closing: 'Puis-je vous aider avec autre chose ?',
    englishNote: "(Notre documentation d'aide est en anglais.)",
    outOfScope:
      "Je suis l'assistant du support Northwind Cloud : je peux vous aider uniquement pour les comptes, cartes, paiements, la facturation, les abonnements et les commandes Northwind. Puis-je vous aider avec votre compte ?",
    guardrail:
      'Désolé, je ne peux pas répondre à cette demande. Je peux vous aider avec votre compte, vos cartes, vos paiements, votre facturation ou vos commandes Northwind.',
    clarify:
      "Pourriez-vous m'en dire un peu plus ? Par exemple, la fonctionnalité, le paiement ou la commande concernés, et le message d'erreur affiché.",
    escalationFallback:
      "J'ai demandé à une personne de notre équipe support de vous aider. Elle vous répondra dans cette conversation.",
  },
  de: {
    greeting: 'Danke für Ihre Nachricht!',
    closing: 'Kann ich Ihnen sonst noch helfen?',
    englishNote: '(Unsere Hilfeartikel sind auf Englisch.)',
    outOfScope:
      'Ich bin der Support-Assistent von Northwind Cloud und kann nur bei Northwind-Konten, Karten, Zahlungen, Abrechnung, Abonnements und Bestellungen helfen. Kann ich Ihnen bei Ihrem Konto helfen?',
    guardrail:
      'Leider kann ich bei dieser Anfrage nicht helfen. Gern helfe ich Ihnen mit Ihrem Northwind-Konto, Karten, Zahlungen, Abrechnung oder Bestellungen.',
    clarify:
      'Können Sie mir etwas mehr erzählen? Zum Beispiel, um welche Funktion, Zahlung oder Bestellung es geht und welche Fehlermeldung Sie sehen.',
    escalationFallback:
      'Ich habe eine Person aus unserem Support-Team gebeten, Ihnen zu helfen. Sie meldet sich in dieser Unterhaltung.',
  },
};

/** Phrases for a language code (falls back to English). */
export function phrasesFor(language: string): Phrases {
  return PHRASES[language.toLowerCase().slice(0, 2)] ?? en;
}
