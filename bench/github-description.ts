/**
 * GitHub's full REST description for the benchmarks: the npm package `@octokit/openapi`, fetched
 * once into `.cache/` with `npm pack` (not a dependency). Offline, the smaller fixture copy is used
 * instead, with a notice.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("..", import.meta.url));
const cache = join(root, ".cache", "octokit-openapi");
const target = join(cache, "package", "generated", "api.github.com.json");
const fixture = join(root, "test", "fixtures", "specs", "github.json");

/** Operations an integration with GitHub would pick; missing ones are filled from the list operations. */
export const WANTED = [
  "repos/list-for-org",
  "issues/list-for-repo",
  "code-scanning/list-alerts-for-org",
  "dependabot/list-alerts-for-org",
  "secret-scanning/list-alerts-for-org",
  "orgs/list-members",
  "repos/get",
  "users/get-authenticated",
  "teams/list",
  "actions/list-repo-workflows",
];

export function fetchDescription(): string {
  if (existsSync(target)) return target;
  try {
    mkdirSync(cache, { recursive: true });
    execFileSync(
      "npm",
      ["pack", "@octokit/openapi", "--pack-destination", cache, "--silent", "--fetch-retries=0"],
      { stdio: ["ignore", "ignore", "inherit"], timeout: 120_000 },
    );
    const tarball = readdirSync(cache).find((f) => f.endsWith(".tgz"));
    if (!tarball) throw new Error("npm pack wrote no tarball");
    execFileSync("tar", [
      "-xzf",
      join(cache, tarball),
      "-C",
      cache,
      "package/generated/api.github.com.json",
    ]);
    return target;
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    process.stdout.write(
      `notice: could not fetch @octokit/openapi (${reason}); using the fixture copy instead\n`,
    );
    return fixture;
  }
}
