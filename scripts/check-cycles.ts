/**
 * Import-cycle check (part of `npm run check`).
 *
 * Reads every `.ts` file under `src/`, `adapters/` and `agents/` of a project root, resolves its
 * relative imports (static, `export ... from`, `import type` and dynamic `import()`), and fails when
 * - two or more files import each other in a loop (file cycle), or
 * - two or more folders do (folder cycle). A folder is `src/<name>`, `adapters/<name>` or
 *   `agents/<name>`; a file directly under `src/` or `agents/` is its own node. An import from a file
 *   in folder A to a file in folder B is an edge A -> B.
 *
 * Usage: `tsx scripts/check-cycles.ts [projectRoot]` (default: the current directory).
 * Exit code 0 when there is no cycle, 1 otherwise (each cycle printed with one edge that closes it).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { listTsFiles } from './list-ts-files.js';

/** Top-level folders whose files are checked. */
export const CHECKED_ROOTS = ['src', 'adapters', 'agents'] as const;

/** Edges of a directed graph: node -> nodes it imports, with one example import per edge. */
export type Graph = Map<string, Map<string, string>>;

/** Result of {@link findCycles}. */
export interface CycleReport {
  fileCycles: string[][];
  folderCycles: string[][];
  /** Folder edges (for explaining a folder cycle). */
  folderGraph: Graph;
}

function resolveImport(fromFile: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = path.resolve(path.dirname(fromFile), specifier);
  const candidates = [
    base.replace(/\.(m?js)$/, '.ts'),
    base,
    `${base}.ts`,
    path.join(base, 'index.ts'),
    path.join(base.replace(/\.(m?js)$/, ''), 'index.ts'),
  ];
  for (const c of candidates) if (existsSync(c) && statSync(c).isFile() && c.endsWith('.ts')) return c;
  return null;
}

/** The folder node of a project-relative file path (`src/http/app.ts` -> `src/http`). */
export function folderOf(relFile: string): string {
  const parts = relFile.split('/');
  if (parts.length <= 2) return relFile.replace(/\.ts$/, '');
  return `${parts[0]}/${parts[1]}`;
}

/** Strongly connected components with more than one node (Tarjan). */
export function stronglyConnected(graph: Graph): string[][] {
  let index = 0;
  const stack: string[] = [];
  const onStack = new Set<string>();
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1) out.push(comp.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!idx.has(v)) visit(v);
  return out;
}

function addEdge(graph: Graph, from: string, to: string, example: string): void {
  if (!graph.has(from)) graph.set(from, new Map());
  if (!graph.has(to)) graph.set(to, new Map());
  if (!graph.get(from)!.has(to)) graph.get(from)!.set(to, example);
}

/** Build the file and folder import graphs of `root` and return their cycles. */
export function findCycles(root: string): CycleReport {
  const fileGraph: Graph = new Map();
  const folderGraph: Graph = new Map();
  const rel = (f: string) => path.relative(root, f).split(path.sep).join('/');
  for (const top of CHECKED_ROOTS) {
    for (const file of listTsFiles(path.join(root, top))) {
      const from = rel(file);
      if (!fileGraph.has(from)) fileGraph.set(from, new Map());
      const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
      for (const imported of info.importedFiles) {
        const target = resolveImport(file, imported.fileName);
        if (!target) continue;
        const to = rel(target);
        if (!CHECKED_ROOTS.some((r) => to.startsWith(`${r}/`))) continue;
        addEdge(fileGraph, from, to, `${from} -> ${to}`);
        const [a, b] = [folderOf(from), folderOf(to)];
        if (a !== b) addEdge(folderGraph, a, b, `${from} -> ${to}`);
      }
    }
  }
  return { fileCycles: stronglyConnected(fileGraph), folderCycles: stronglyConnected(folderGraph), folderGraph };
}

function main(): number {
  const root = path.resolve(process.argv[2] ?? '.');
  const { fileCycles, folderCycles, folderGraph } = findCycles(root);
  for (const comp of folderCycles) {
    const members = new Set(comp);
    console.error(`folder cycle: ${comp.join(', ')}`);
    for (const a of comp)
      for (const [b, example] of folderGraph.get(a) ?? []) if (members.has(b)) console.error(`  ${example}`);
  }
  for (const comp of fileCycles) console.error(`file cycle: ${comp.join(', ')}`);
  if (fileCycles.length || folderCycles.length) {
    console.error(`import cycles: ${folderCycles.length} between folders, ${fileCycles.length} between files`);
    return 1;
  }
  console.log('import cycles: none between folders or files');
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('check-cycles.ts')) {
  process.exitCode = main();
}
