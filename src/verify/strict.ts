/**
 * The strictest common tsconfig flags (issue 11): generated code compiles under all of them, with
 * `module`/`moduleResolution` both `nodenext` (Node) and `bundler` (Vite, esbuild, tsup).
 */
export const STRICT_FLAGS = [
  "--noEmit",
  "--strict",
  "--exactOptionalPropertyTypes",
  "--noUncheckedIndexedAccess",
  "--noPropertyAccessFromIndexSignature",
  "--noImplicitOverride",
  "--noUnusedLocals",
  "--noUnusedParameters",
  "--verbatimModuleSyntax",
  "--skipLibCheck",
  "--target",
  "es2023",
  "--lib",
  "es2023,dom",
  "--ignoreConfig",
];

export const MODULE_MODES = {
  nodenext: ["--module", "nodenext", "--moduleResolution", "nodenext"],
  bundler: ["--module", "esnext", "--moduleResolution", "bundler"],
} as const;

export type ModuleMode = keyof typeof MODULE_MODES;
