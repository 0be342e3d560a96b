/**
 * A tiny front-matter parser for knowledge-base markdown files:
 *
 * ```
 * ---
 * id: password-reset
 * title: Reset your password
 * department: technical
 * tags: [login, password]
 * ---
 * body...
 * ```
 *
 * Supports `key: value`, quoted values, inline `[a, b]` lists and `- item` block lists.
 */

/** Parsed front matter and the body after it. */
export interface FrontMatterResult {
  data: Record<string, string | string[]>;
  body: string;
}

/** A knowledge-base article ready to store. */
export interface KbArticleInput {
  id: string;
  title: string;
  body: string;
  department: 'technical' | 'billing' | 'product';
  tags: string[];
  /** Public link to the article on the operator's help center (front matter `url`). */
  url?: string;
}

const KB_DEPARTMENTS = ['technical', 'billing', 'product'] as const;

function unquote(v: string): string {
  const t = v.trim();
  if ((t.startsWith('"') && t.endsWith('"')) || (t.startsWith("'") && t.endsWith("'"))) return t.slice(1, -1);
  return t;
}

/** Split a document into front matter and body. Throws an Error naming the problem when malformed. */
export function parseFrontMatter(text: string): FrontMatterResult {
  const src = text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  if (!src.startsWith('---\n')) return { data: {}, body: src.trim() };
  const end = src.indexOf('\n---', 4);
  if (end < 0) throw new Error('front matter starts with --- but never ends');
  const head = src.slice(4, end);
  const body = src.slice(end + 4).replace(/^[^\n]*\n?/, '');
  const data: Record<string, string | string[]> = {};
  let listKey: string | undefined;
  for (const [i, line] of head.split('\n').entries()) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    const item = /^\s*-\s+(.*)$/.exec(line);
    if (item && listKey) {
      const list = data[listKey];
      if (Array.isArray(list)) list.push(unquote(item[1] ?? ''));
      continue;
    }
    const kv = /^([A-Za-z_][\w-]*)\s*:\s*(.*)$/.exec(line);
    if (!kv) throw new Error(`front matter line ${i + 2} is not "key: value": ${line.trim()}`);
    const key = kv[1] ?? '';
    const value = (kv[2] ?? '').trim();
    if (value === '') {
      data[key] = [];
      listKey = key;
    } else if (value.startsWith('[') && value.endsWith(']')) {
      data[key] = value
        .slice(1, -1)
        .split(',')
        .map(unquote)
        .filter((s) => s !== '');
      listKey = undefined;
    } else {
      data[key] = unquote(value);
      listKey = undefined;
    }
  }
  return { data, body: body.trim() };
}

/**
 * Parse one article file. `fallbackId` (the file name without extension) is used when the
 * front matter has no id. Throws an Error with a readable reason when the article is invalid.
 */
export function parseArticle(text: string, fallbackId: string): KbArticleInput {
  const { data, body } = parseFrontMatter(text);
  const str = (k: string): string | undefined => {
    const v = data[k];
    return typeof v === 'string' && v.trim() ? v.trim() : undefined;
  };
  const id = str('id') ?? fallbackId;
  if (!/^[a-z0-9][a-z0-9._-]{0,127}$/i.test(id)) throw new Error(`invalid id "${id}" (letters, digits, . _ - only)`);
  const title = str('title') ?? /^#\s+(.+)$/m.exec(body)?.[1]?.trim();
  if (!title) throw new Error('missing title (front matter "title:" or a "# heading")');
  const department = str('department') ?? 'product';
  if (!(KB_DEPARTMENTS as readonly string[]).includes(department)) {
    throw new Error(`department must be one of ${KB_DEPARTMENTS.join(', ')} (got "${department}")`);
  }
  if (body.length < 20) throw new Error('body is empty or too short');
  const rawTags = data.tags;
  const tags = Array.isArray(rawTags) ? rawTags : typeof rawTags === 'string' ? rawTags.split(',') : [];
  const url = str('url');
  if (url && !/^https?:\/\/\S+$/i.test(url)) throw new Error(`url must start with http:// or https:// (got "${url}")`);
  return {
    id,
    title,
    body,
    department: department as KbArticleInput['department'],
    tags: tags.map((t) => t.trim().toLowerCase()).filter(Boolean),
    ...(url ? { url } : {}),
  };
}
