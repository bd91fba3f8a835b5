/**
 * Input and list prompts that answer themselves when they do not apply (the pull questions in a
 * receiver run). Inquirer's own `when` would do, but node-plop refuses to bypass a conditional
 * prompt, and these are answered from the command line.
 */
import InputPrompt from "inquirer/lib/prompts/input.js";
import ListPrompt from "inquirer/lib/prompts/list.js";

type Skip = ((answers: object) => boolean) | undefined;

export class SkippableInput extends InputPrompt {
  override _run(done: (value: unknown) => void): this {
    if ((this.opt.skip as Skip)?.(this.answers)) {
      done("");
      return this;
    }
    return super._run(done);
  }
}

export class SkippableList extends ListPrompt {
  override _run(done: (value: unknown) => void): this {
    if ((this.opt.skip as Skip)?.(this.answers)) {
      done("");
      return this;
    }
    return super._run(done);
  }
}
