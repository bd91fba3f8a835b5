/**
 * How the mock splits: each operation's route and `PAGED` row are one block; the blocks that fit
 * stay in `<name>_mock.ts` beside the fixed plumbing, the rest go, grouped by tag as the client's
 * functions are, to `<name>_mock_<tag>.ts` files that the mock imports. A part imports only types
 * from the mock (its helpers come in as an argument), so the modules form no cycle.
 */
import type { EmitContext } from "../context.js";
import { render } from "../handlebars.js";
import { importLines, usedNames } from "../imports.js";
import { type FileNames, fileLabel, importPath, uniqueLabel } from "../names.js";
import { pack } from "../pack.js";
import { identifier } from "../safe-text.js";
import type { OperationView } from "../view.js";

/** A route of `serveAccount`: the operation it answers for ("" for the credential check). */
export interface MockHandler {
  of: string;
  code: string;
}

/** One operation's share of the mock. */
export interface MockBlock {
  methodName: string;
  tag: string;
  handlers: string[];
  /** Its `PAGED` row, when it pages. */
  paged?: string;
}

export interface MockPart {
  path: string;
  /** The function returning its routes, and the `PAGED` rows' array ("" when it has none). */
  routes: string;
  paged: string;
  blocks: MockBlock[];
}

/**
 * About the lines Biome prints for `text`: a code line over the width breaks at its commas and
 * brackets (an upper bound: inner groups that then fit stay on one line). Comments never break.
 */
export function formattedLines(text: string): number {
  return text.split("\n").reduce((sum, line) => {
    if (line.length <= 100 || /^\s*(\*|\/\/|\/\*)/.test(line)) return sum + 1;
    const code = line.replace(/"(?:[^"\\]|\\.)*"/g, '""');
    return sum + 2 + (code.match(/[,({]/g) ?? []).length;
  }, 0);
}

export function mockBlocks(
  views: OperationView[],
  handlers: MockHandler[],
  paged: Map<string, string>,
): MockBlock[] {
  return views.map((view) => {
    const row = paged.get(view.methodName);
    return {
      methodName: view.methodName,
      tag: view.tag,
      handlers: handlers.filter((h) => h.of === view.methodName).map((h) => h.code),
      ...(row === undefined ? {} : { paged: row }),
    };
  });
}

const blockLines = (b: MockBlock) =>
  b.handlers.reduce((n, h) => n + formattedLines(`  server.use(${h});`), 0) +
  (b.paged ? formattedLines(b.paged) : 0);

// a part's header, imports and the wrappers around its routes and rows
const PART_LINES = 30;
// what the mock gains per part (its import, its routes, its rows), and the `Routing` interface
const PER_PART = 5;
const ROUTING = 8;

/**
 * The parts the blocks that do not fit beside the mock's plumbing (`fixed` lines) go to, packed in
 * tag order; none when everything fits.
 */
export function planMock(
  blocks: MockBlock[],
  fixed: number,
  files: FileNames,
  ctx: EmitContext,
): MockPart[] {
  const byTag = blocks
    .map((block, index) => ({ block, index }))
    .sort((a, b) => a.block.tag.localeCompare(b.block.tag) || a.index - b.index)
    .map(({ block }) => ({ item: block, lines: blockLines(block) }));
  let reserve = 0;
  let groups: MockBlock[][] = [];
  // every part costs the mock lines too: pack again until the room kept for them suffices
  for (;;) {
    groups = pack(byTag, {
      first: ctx.lineBudget - fixed - reserve,
      overflow: ctx.lineBudget - PART_LINES,
    });
    const needed = groups.length > 1 ? ROUTING + PER_PART * (groups.length - 1) : 0;
    if (needed <= reserve) break;
    reserve = needed;
  }
  const labels = new Set<string>();
  const stems = new Set<string>();
  return groups.slice(1).map((group): MockPart => {
    const tag = group[0]?.tag ?? "";
    // the file is named as the client's parts are; its exports keep the tag's words apart
    const label = uniqueLabel(fileLabel(tag), labels);
    const stem = uniqueLabel(fileLabel(tag.replace(/([a-z0-9])([A-Z])/g, "$1_$2")), stems);
    const words = stem.split("_").map((w) => w.charAt(0).toUpperCase() + w.slice(1));
    return {
      path: files.mockPart(label),
      routes: group.some((b) => b.handlers.length > 0) ? identifier(`routes${words.join("")}`) : "",
      paged: group.some((b) => b.paged) ? identifier(`PAGED_${stem.toUpperCase()}`) : "",
      blocks: group,
    };
  });
}

export function renderPart(part: MockPart, header: string, files: FileNames): string {
  const handlers = part.blocks.flatMap((b) => b.handlers);
  const code = handlers.join("\n");
  const helpers = usedNames(code, ["onePage", "route"]);
  const rows = part.blocks.flatMap((b) => (b.paged ? [b.paged] : []));
  const imports = importLines([
    {
      from: "msw",
      values: handlers.length > 0 ? usedNames(code, ["HttpResponse"]).concat("http as api") : [],
      types: handlers.length > 0 ? ["HttpHandler"] : [],
    },
    {
      from: importPath(files.mock),
      types: [...(part.routes ? ["Routing", "Served"] : []), ...(part.paged ? ["Paged"] : [])],
    },
  ]);
  if (rows.length > 0) imports.push(`import * as samples from "${importPath(files.samples)}";`);
  const content = render("mock-part.ts.hbs", {
    header,
    imports,
    mockFile: files.mock,
    routes: part.routes,
    helpers: helpers.join(", "),
    handlers,
    paged: part.paged,
    pagedEntries: rows,
  });
  return `${content.trimEnd()}\n`;
}
