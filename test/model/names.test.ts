// biome-ignore-all lint/suspicious/noTemplateCurlyInString: hostile spec text holds `${` on purpose
import { describe, expect, it } from "vitest";
import { toIdentifier, validateServiceName } from "../../src/model/index.js";

describe("toIdentifier", () => {
  const cases: [string, { given: string; camel: string; pascal: string }][] = [
    [
      "slashes and dashes (GitHub)",
      { given: "repos/list-for-org", camel: "reposListForOrg", pascal: "ReposListForOrg" },
    ],
    ["camelCase kept", { given: "getV3Groups", camel: "getV3Groups", pascal: "GetV3Groups" }],
    ["acronyms split", { given: "HTTPBearer", camel: "httpBearer", pascal: "HttpBearer" }],
    ["service names", { given: "my-scanner", camel: "myScanner", pascal: "MyScanner" }],
    ["reserved word", { given: "class", camel: "class_", pascal: "Class" }],
    ["constructor", { given: "constructor", camel: "constructor_", pascal: "Constructor" }],
    ["__proto__", { given: "__proto__", camel: "proto", pascal: "Proto" }],
    ["delete", { given: "delete", camel: "delete_", pascal: "Delete" }],
    ["digit first", { given: "2fa-devices", camel: "_2faDevices", pascal: "_2faDevices" }],
    ["empty", { given: "", camel: "unnamed", pascal: "Unnamed" }],
    ["only punctuation", { given: "*/ ${} ``", camel: "unnamed", pascal: "Unnamed" }],
    [
      "comment and template breakers",
      { given: "*/ alert(1) /* ${x} `y`", camel: "alert1XY", pascal: "Alert1XY" },
    ],
    ["accents", { given: "café déjà", camel: "cafeDeja", pascal: "CafeDeja" }],
    ["path traversal", { given: "../../etc/passwd", camel: "etcPasswd", pascal: "EtcPasswd" }],
    [
      "spaces (Snyk)",
      {
        given: "List all members in a group",
        camel: "listAllMembersInAGroup",
        pascal: "ListAllMembersInAGroup",
      },
    ],
  ];
  it.each(cases)("%s", (_name, { given, camel, pascal }) => {
    expect(toIdentifier(given, "camel")).toBe(camel);
    expect(toIdentifier(given, "pascal")).toBe(pascal);
  });

  it("always yields a valid identifier", () => {
    for (const text of ["\n", "\u0000x", "a\u2028b", "🙂", "x".repeat(300), "Ω", "null", "true"]) {
      expect(toIdentifier(text, "camel")).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
    }
    expect(toIdentifier("null", "camel")).toBe("null_");
  });
});

describe("validateServiceName", () => {
  const cases: [string, boolean][] = [
    ["acme", true],
    ["my-scanner", true],
    ["a1", true],
    ["Acme", false],
    ["1acme", false],
    ["my_scanner", false],
    ["my scanner", false],
    ["a--b", false],
    ["acme-", false],
    ["", false],
    ["a".repeat(40), true],
    ["a".repeat(41), false],
    ["class", false],
    ["delete", false],
    ["runtime", false],
    ["../evil", false],
  ];
  it.each(cases)("%j ok=%s", (name, ok) => {
    const message = validateServiceName(name);
    if (ok) expect(message).toBeUndefined();
    else expect(message).toMatch(/\w/);
  });
});
