import { type LoadedSpec, loadSpec } from "../openapi/index.js";

/** The spec a run works on: the one the prompts loaded already, else loaded with the run's options. */
export async function loadFor(
  options: {
    spec: string;
    loaded?: LoadedSpec;
    specHeader?: string;
    allowRemoteRefs?: boolean;
    maxSpecBytes?: number;
    timeoutMs?: number;
  },
  cwd: string,
): Promise<LoadedSpec> {
  return (
    options.loaded ??
    loadSpec(options.spec, {
      cwd,
      ...(options.specHeader ? { header: options.specHeader } : {}),
      ...(options.allowRemoteRefs ? { allowRemoteRefs: true } : {}),
      ...(options.maxSpecBytes ? { maxBytes: options.maxSpecBytes } : {}),
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    })
  );
}
