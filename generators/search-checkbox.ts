/**
 * A checkbox prompt for documents with a thousand operations. Two modes, so that a key never means
 * two things: in the list, space toggles, arrows and page up/down move, tab shows only the selected
 * operations, enter accepts; typing (or `/`) opens the filter, where every character — space
 * included — is filter text (words must all match), and enter, escape or an arrow goes back to the
 * list. Selections outside the filter are kept, and the count of selected is always on screen.
 */
import Base from "inquirer/lib/prompts/base.js";
import observe from "inquirer/lib/utils/events.js";
import pc from "picocolors";
import { filter, map } from "rxjs";

export interface SearchChoice {
  name: string;
  value: string;
  checked?: boolean;
  /** Group heading shown above the first visible choice of the group (the operation's tag). */
  group?: string;
}

interface Key {
  name?: string;
  ctrl?: boolean;
  meta?: boolean;
}

const PAGE = 15;

/** A picker's answer given on the command line: `a,b,c`. */
export const commaList = (value: string): string[] =>
  value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

/** A picker's check: at least one of `what` picked. */
export const atLeastOne =
  (what: string) =>
  async (value: string[]): Promise<string | true> =>
    value.length === 0 ? `Select at least one ${what}.` : true;
const PRINTABLE = /^[\x20-\x7e]$/;

export class SearchCheckboxPrompt extends Base {
  #all: SearchChoice[] = [];
  #filter = "";
  #typing = false;
  #selectedOnly = false;
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
    // readline reports enter as a line before the keypress: in the filter, enter only closes it
    const submit = events.line.pipe(
      filter(() => this.#acceptsEnter()),
      map(() => this.#values()),
    );
    const validation = this.handleSubmitEvents(submit);
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

  #acceptsEnter(): boolean {
    if (!this.#typing) return true;
    this.#typing = false;
    this.#render();
    return false;
  }

  #visible(): SearchChoice[] {
    const words = this.#filter.toLowerCase().split(/\s+/).filter(Boolean);
    return this.#all.filter((c) => {
      if (this.#selectedOnly && !c.checked) return false;
      const text = `${c.name} ${c.value} ${c.group ?? ""}`.toLowerCase();
      return words.every((w) => text.includes(w));
    });
  }

  #move(by: number): void {
    const last = this.#visible().length - 1;
    this.#pointer = Math.max(0, Math.min(last, this.#pointer + by));
  }

  #onKey(value: string | undefined, key: Key): void {
    if (this.status === "answered") return;
    if (!this.#navigate(key)) {
      if (this.#typing) this.#type(value, key);
      else this.#command(value, key);
    }
    // readline keeps typed text in its own line buffer; the filter is ours, so clear it.
    this.rl.line = "";
    this.#render();
  }

  /** Keys that mean the same in both modes: moving leaves the filter for the list. */
  #navigate(key: Key): boolean {
    const moves: Record<string, number> = { up: -1, down: 1, pageup: -PAGE, pagedown: PAGE };
    if (key.name && key.name in moves) {
      this.#typing = false;
      this.#move(moves[key.name] ?? 0);
      return true;
    }
    if (key.name === "tab") {
      this.#selectedOnly = !this.#selectedOnly;
      this.#pointer = 0;
      return true;
    }
    return false;
  }

  #type(value: string | undefined, key: Key): void {
    if (key.name === "escape") this.#typing = false;
    else if (key.name === "backspace") this.#filter = this.#filter.slice(0, -1);
    else if (key.ctrl && key.name === "u") this.#filter = "";
    else if (value && !key.ctrl && !key.meta && PRINTABLE.test(value)) this.#filter += value;
    this.#pointer = 0;
  }

  #command(value: string | undefined, key: Key): void {
    if (key.name === "space") {
      const choice = this.#visible()[this.#pointer];
      if (choice) choice.checked = !choice.checked;
      // in the selected-only view, an unchecked row disappears: stay in range
      this.#move(0);
    } else if (key.name === "backspace" || (key.ctrl && key.name === "u")) {
      this.#typing = true;
      this.#type(value, key);
    } else if (value === "/") {
      this.#typing = true;
    } else if (value && !key.ctrl && !key.meta && PRINTABLE.test(value) && value !== " ") {
      // typing a letter in the list starts a new filter with it
      this.#typing = true;
      this.#filter = value;
      this.#pointer = 0;
    }
  }

  #values(): string[] {
    return this.#all.filter((c) => c.checked).map((c) => c.value);
  }

  #end(value: unknown): void {
    this.status = "answered";
    const picked = this.#values();
    this.screen.render(
      `${this.getQuestion()}${pc.cyan(`${picked.length} selected: ${picked.join(", ")}`)}`,
      "",
    );
    this.screen.done();
    this.#done?.(value);
  }

  #status(shown: number): string {
    const selected = pc.bold(`${this.#values().length} selected`);
    const view = this.#selectedOnly ? "only the selected" : `${shown} of ${this.#all.length} shown`;
    const filterText = this.#typing
      ? `filter: ${this.#filter}${pc.inverse(" ")}  (enter or ↓ back to the list)`
      : `filter: ${this.#filter ? JSON.stringify(this.#filter) : "none (type or / to filter)"}`;
    const keys = this.#typing
      ? "every key types; words must all match"
      : "space toggles · ↑↓ pgup pgdn move · tab selected only · enter accepts";
    return `${selected} · ${view} · ${filterText}\n${pc.dim(keys)}`;
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
      const pointed = start + i === this.#pointer && !this.#typing;
      lines.push(pointed ? pc.cyan(`❯${line}`) : ` ${line}`);
    });
    if (visible.length === 0) lines.push(pc.dim("  (nothing matches)"));
    const body = [this.getQuestion(), this.#status(visible.length), ...lines].join("\n");
    this.screen.render(body, error ? pc.red(`>> ${error}`) : "");
  }
}
