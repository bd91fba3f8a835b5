/** Findings the engine reports itself; listed for SARIF so every result has a rule descriptor. */
export const ENGINE_RULES = [
  {
    id: "parse-error",
    description: "The file does not parse as TypeScript",
    why: "Rules cannot check a file they cannot read; the build would fail on it anyway.",
    fix: "Fix the syntax error.",
    docs: "docs/rules/README.md",
  },
  {
    id: "file-skipped",
    description: "The file was skipped (binary, unreadable, or over the size cap)",
    why: "Binary or huge files are not integration source; linting them would be slow and meaningless.",
    fix: "Remove the file, or raise `maxFileBytes` if it is real source.",
    docs: "docs/rules/README.md",
  },
  {
    id: "empty-file",
    description: "The file is empty",
    why: "An empty source file in an integration is usually a generation or merge accident.",
    fix: "Delete it or add its content.",
    docs: "docs/rules/README.md",
  },
  {
    id: "bad-suppression",
    description: "A capkit-disable-next-line comment without a known rule or a reason",
    why: "Every suppression must say which rule and why, so a reviewer can judge it.",
    fix: "Write `// capkit-disable-next-line <rule> -- <reason>`.",
    docs: "docs/rules/README.md",
  },
  {
    id: "unused-suppression",
    description: "A suppression that suppresses nothing",
    why: "Stale suppressions hide future findings on that line.",
    fix: "Delete the comment.",
    docs: "docs/rules/README.md",
  },
  {
    id: "config",
    description: "The configured names match nothing in an integration file",
    why: "A rule that cannot find what it checks would pass silently.",
    fix: "Fix the names in capkit.config.json.",
    docs: "docs/rules/README.md",
  },
  {
    id: "internal-error",
    description: "A rule failed on this file",
    why: "A bug in a rule must not stop the other rules and files from being checked.",
    fix: "Report the file and the message to the capkit maintainers.",
    docs: "docs/rules/README.md",
  },
] as const;
