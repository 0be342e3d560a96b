/**
 * Language detection: ISO 639-1 codes, non-Latin scripts, short texts stay English (the six
 * stopword languages are covered in router.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../agents/router/language.js';

describe('detectLanguage', () => {
  it('detects Russian, Japanese, Dutch and other scripts', () => {
    expect(detectLanguage('Здравствуйте, я не могу войти в свой аккаунт')).toBe('ru');
    expect(detectLanguage('ログインできません、パスワードをリセットしたい')).toBe('ja');
    expect(detectLanguage('Hallo, ik kan niet inloggen op mijn account, kunt u mij helpen?')).toBe('nl');
    expect(detectLanguage('Hallo, ik wil mijn abonnement opzeggen')).toBe('nl');
    expect(detectLanguage('我无法登录我的账户')).toBe('zh');
    expect(detectLanguage('비밀번호를 잊어버렸어요')).toBe('ko');
    expect(detectLanguage('Dzień dobry, nie mogę zalogować się do mojego konta')).toBe('pl');
  });

  it('short or technical English stays English', () => {
    for (const text of [
      'ok',
      'refund please',
      'Bonjour',
      'Where is my order #12345?',
      'Checkout fails with error 500 when using Stripe webhook integration',
      'Can I export invoices as CSV from the billing dashboard?',
      'My invoice is wrong, I was charged twice this month for the same plan',
      '',
      '12345',
    ])
      expect(detectLanguage(text), text).toBe('en');
  });
});
