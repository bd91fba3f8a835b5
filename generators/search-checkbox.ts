/**
 * A checkbox prompt that filters as you type: GitHub's description has over a thousand operations,
 * and scrolling through them is no way to pick ten. Typed text filters on method, path, id and
 * summary; space toggles, arrows move, backspace edits the filter, enter accepts. Selections outside
 * the current filter are kept.
 */
import Base from "inquirer/lib/prompts/base.js";
import observe from "inquirer/lib/utils/events.js";
import pc from "picocolors";
import { map } from "rxjs";

export interface SearchChoice {
  name: string;
  value: string;
  checked?: boolean;
  /** Group heading shown above the first visible choice of the group (the operation's tag). */
  group?: string;
}

const PAGE = 15;

export class SearchCheckboxPrompt extends Base {
  #all: SearchChoice[] = [];
  #filter = "";
  #pointer = 0;
  #done: ((value: unknown) => void) | undefined;

  /** Inquirer's entry point: resolves with the checked values. */
  _run(done: (value: unknown) => void): this {
    // the operation picker in a receiver run (see skip-prompts.ts): answered with nothing, unasked
    const skip = (this.opt as { skip?: (answers: object) => boolean }).skip;
    if (skip?.((this as unknown as { answers: object }).answers)) {
      done([]);
      return this;
    }
    this.#done = done;
    const choices = this.opt.choices as { choices?: SearchChoice[] } | SearchChoice[];
    const list = Array.isArray(choices) ? choices : (choices.choices ?? []);
    this.#all = list.filter((c) => typeof c.value === "string").map((c) => ({ ...c }));
    const events = observe(this.rl);
    const validation = this.handleSubmitEvents(events.line.pipe(map(() => this.#values())));
    validation.success.forEach((state) => {
      this.#end(state.value);
    });
    validation.error.forEach((state) => {
      this.#render(String(state.isValid));
    });
    events.keypress.forEach(({ value, key }) => {
      this.#onKey(value, key);
    });
    this.#render();
    return this;
  }

  #visible(): SearchChoice[] {
    const words = this.#filter.toLowerCase().split(/\s+/).filter(Boolean);
    if (words.length === 0) return this.#all;
    return this.#all.filter((c) => {
      const text = `${c.name} ${c.value} ${c.group ?? ""}`.toLowerCase();
      return words.every((w) => text.includes(w));
    });
  }

  #onKey(value: string | undefined, key: { name?: string; ctrl?: boolean; meta?: boolean }): void {
    if (this.status === "answered") return;
    const visible = this.#visible();
    if (key.name === "up") this.#pointer = Math.max(0, this.#pointer - 1);
    else if (key.name === "down") this.#pointer = Math.min(visible.length - 1, this.#pointer + 1);
    else if (key.name === "space") {
      const choice = visible[this.#pointer];
      if (choice) choice.checked = !choice.checked;
    } else if (key.name === "backspace") {
      this.#filter = this.#filter.slice(0, -1);
      this.#pointer = 0;
    } else if (value && !key.ctrl && !key.meta && /^[\x20-\x7e]$/.test(value)) {
      this.#filter += value;
      this.#pointer = 0;
    }
    // readline keeps typed text in its own line buffer; the filter is ours, so clear it.
    this.rl.line = "";
    this.#render();
  }

  #values(): string[] {
    return this.#all.filter((c) => c.checked).map((c) => c.value);
  }

  #end(value: unknown): void {
    this.status = "answered";
    const picked = this.#values();
    this.screen.render(`${this.getQuestion()}${pc.cyan(picked.join(", "))}`, "");
    this.screen.done();
    this.#done?.(value);
  }

  #render(error?: string): void {
    const visible = this.#visible();
    const start = Math.max(
      0,
      Math.min(this.#pointer - Math.floor(PAGE / 2), visible.length - PAGE),
    );
    const lines: string[] = [];
    let group: string | undefined;
    visible.slice(start, start + PAGE).forEach((choice, i) => {
      if (choice.group !== undefined && choice.group !== group) {
        group = choice.group;
        lines.push(pc.dim(`  ── ${group || "(untagged)"} ──`));
      }
      const box = choice.checked ? pc.green("◉") : "◯";
      const line = `${box} ${choice.name}`;
      lines.push(start + i === this.#pointer ? pc.cyan(`❯${line}`) : ` ${line}`);
    });
    const status = pc.dim(
      `filter: ${this.#filter || "(type to filter)"} · ${visible.length} of ${this.#all.length} shown · ${this.#values().length} selected · space toggles, enter accepts`,
    );
    const body = [`${this.getQuestion()}`, status, ...lines].join("\n");
    this.screen.render(body, error ? pc.red(`>> ${error}`) : "");
  }
}
