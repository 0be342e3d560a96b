/** The TypeScript sources under a folder, for the repository checks (node_modules and dot folders skipped). */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Every `.ts` file (not `.d.ts`) under `dir`, recursively; empty when `dir` does not exist. */
export function listTsFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listTsFiles(full));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}
