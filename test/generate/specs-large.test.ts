import { describe, it } from "vitest";
import { generateAndCheck } from "./fixture-specs.js";

describe("generate > large documents", () => {
  it.each([
    ["snyk.json", "snyk"],
    ["meraki.json", "meraki"],
    ["gitlab.json", "gitlab"],
    ["digitalocean.json", "digitalocean"],
    ["github.json", "github"],
  ])("%s", { timeout: 180_000 }, async (spec, name) => {
    await generateAndCheck(spec, name);
  });
});
