// inquirer 9 (plop's prompt library) ships no types for its prompt base class and event helpers.
declare module "inquirer/lib/prompts/base.js" {
  import type { Interface as ReadLine } from "node:readline";
  export default class Base {
    constructor(question: object, rl: ReadLine, answers: object);
    opt: { message: string; choices: unknown; pageSize?: number; validate?: unknown };
    rl: ReadLine & { line: string };
    screen: { render(content: string, bottom: string): void; done(): void };
    status: string;
    getQuestion(): string;
    handleSubmitEvents(submit: unknown): { success: Subscribable; error: Subscribable };
  }
  interface Subscribable {
    forEach(fn: (state: { value: unknown; isValid: unknown }) => void): void;
  }
}

declare module "inquirer/lib/utils/events.js" {
  import type { Interface as ReadLine } from "node:readline";

  interface Stream<T> {
    pipe(...ops: unknown[]): Stream<T>;
    forEach(fn: (value: T) => void): void;
  }
  export default function observe(rl: ReadLine): {
    line: Stream<string>;
    keypress: Stream<{ value?: string; key: { name?: string; ctrl?: boolean; meta?: boolean } }>;
  };
}

declare module "inquirer/lib/prompts/input.js" {
  import Base from "inquirer/lib/prompts/base.js";
  export default class InputPrompt extends Base {
    answers: object;
    opt: Base["opt"] & { skip?: unknown };
    _run(done: (value: unknown) => void): this;
  }
}

declare module "inquirer/lib/prompts/list.js" {
  import Base from "inquirer/lib/prompts/base.js";
  export default class ListPrompt extends Base {
    answers: object;
    opt: Base["opt"] & { skip?: unknown };
    _run(done: (value: unknown) => void): this;
  }
}
