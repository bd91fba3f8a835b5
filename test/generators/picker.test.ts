// The operation picker driven by real key sequences through inquirer and a readline on a stream,
// as a terminal would send them.
import { PassThrough } from "node:stream";
import { stripVTControlCharacters } from "node:util";
import inquirer from "inquirer";
import { describe, expect, it } from "vitest";
import { SearchCheckboxPrompt, type SearchChoice } from "../../generators/search-checkbox.js";

const KEYS = { pageDown: "\x1b[6~", pageUp: "\x1b[5~", down: "\x1b[B", tab: "\t", enter: "\r" };

const choices: SearchChoice[] = [
  ...Array.from({ length: 40 }, (_v, i) => ({
    name: `GET    /repos/{owner}/{repo}/items/${i}`,
    value: `items-${i}`,
    group: "repos",
  })),
  { name: "GET    /orgs/{org}/secret-scanning/alerts", value: "secret-alerts-org", group: "org" },
  {
    name: "GET    /repos/{owner}/{repo}/secret-scanning/alerts",
    value: "secret-alerts-repo",
    group: "repos",
  },
  { name: "GET    /orgs/{org}/hooks", value: "org-hooks", checked: true, group: "org" },
];

/** Runs the prompt, sends `keys` one chunk at a time, and returns the answer and everything drawn. */
async function pick(keys: string[]): Promise<{ picked: string[]; screen: string[] }> {
  const input = new PassThrough();
  const output = new PassThrough();
  const frames: string[] = [];
  output.on("data", (chunk: Buffer) => frames.push(chunk.toString()));
  // inquirer types its streams as a terminal's; readline needs only a stream
  const prompt = inquirer.createPromptModule({
    input: input as unknown as NodeJS.ReadStream,
    output: output as unknown as NodeJS.WriteStream,
  });
  prompt.registerPrompt("capkit-checkbox", SearchCheckboxPrompt as never);
  const answer = prompt([
    { type: "capkit-checkbox" as never, name: "ops", message: "Operations:", choices },
  ]);
  for (const key of keys) {
    input.write(key);
    await new Promise((r) => setTimeout(r, 5));
  }
  const result = (await answer) as { ops: string[] };
  // strip colours and cursor movement: what a reader sees
  const screen = frames.map((f) => stripVTControlCharacters(f));
  return { picked: result.ops, screen };
}

describe("operation picker", () => {
  it("typing words with spaces filters and selects nothing", async () => {
    const { picked, screen } = await pick([..."secret alerts org", KEYS.enter, KEYS.enter]);
    expect(picked).toEqual(["org-hooks"]);
    const last = screen.filter((f) => f.includes("filter:")).at(-1) ?? "";
    expect(last).toContain('filter: "secret alerts org"');
    expect(last).toContain("1 of 43 shown");
    expect(last).toContain("/orgs/{org}/secret-scanning/alerts");
    expect(last).not.toContain("/repos/{owner}/{repo}/secret-scanning/alerts");
  });

  it("space toggles in the list and never reaches the filter", async () => {
    const { picked, screen } = await pick([
      ..."secret alerts",
      KEYS.enter,
      " ",
      KEYS.down,
      " ",
      KEYS.enter,
    ]);
    expect(picked.sort()).toEqual(["org-hooks", "secret-alerts-org", "secret-alerts-repo"]);
    expect(screen.join("")).toContain('filter: "secret alerts"');
    expect(screen.join("")).not.toContain('filter: "secret alerts "');
  });

  it("page down and page up move a page at a time", async () => {
    const { picked } = await pick([
      KEYS.pageDown,
      " ",
      KEYS.pageDown,
      KEYS.pageUp,
      KEYS.down,
      " ",
      KEYS.enter,
    ]);
    expect(picked).toEqual(["items-15", "items-16", "org-hooks"]);
  });

  it("tab shows only the selected operations, and the count is always on screen", async () => {
    const { screen } = await pick([" ", KEYS.tab, KEYS.enter]);
    const frames = screen.filter((f) => f.includes("filter:"));
    expect(frames.every((f) => /\d+ selected/.test(f))).toBe(true);
    const selectedOnly = frames.at(-1) ?? "";
    expect(selectedOnly).toContain("2 selected · only the selected");
    expect(selectedOnly).toContain("/repos/{owner}/{repo}/items/0");
    expect(selectedOnly).toContain("/orgs/{org}/hooks");
    expect(selectedOnly).not.toContain("/items/1\n");
    expect(screen.join("")).toContain("2 selected: items-0, org-hooks");
  });
});
