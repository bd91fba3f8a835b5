import { OptionsError } from "./errors.js";

// Key formats follow the platform (Chariot): `#<kind>#…`, assets lower-cased.

/** Active statuses: the platform's A (active), AH/AL (high/low priority), AP (passive). */
export const ACTIVE_STATUSES: ReadonlySet<string> = new Set(["A", "AH", "AL", "AP"]);

/** A third-party account the platform integrates with; the target every integration runs on. */
export class Integration {
  readonly class: string;
  readonly key: string;
  status = "A";

  constructor(
    readonly name: string,
    readonly value: string,
  ) {
    this.class = name;
    this.key = `#integration#${name}#${value}`;
  }

  /** Prefix match, as the platform's `IsClass`. */
  isClass(prefix: string): boolean {
    return this.class.startsWith(prefix);
  }

  get dns(): string {
    return this.name;
  }
}

export class Asset {
  readonly key: string;
  status = "A";

  constructor(
    readonly dns: string,
    readonly name: string,
  ) {
    this.key = `#asset#${dns}#${name}`.toLowerCase();
  }
}

export type RiskState = "T" | "O" | "I" | "R" | "D";
export type RiskSeverity = "I" | "L" | "M" | "H" | "C" | "E";
/** State (Triage, Open, Ignored, Remediated, Deleted) + severity (Info … Critical, Exposure). */
export type RiskStatus = `${RiskState}${RiskSeverity}`;

const STATUS = /^[TOIRD][ILMHCE]$/;

export class Risk {
  readonly key: string;

  constructor(
    readonly target: Asset | Integration,
    readonly name: string,
    readonly status: RiskStatus,
  ) {
    if (!STATUS.test(status)) {
      throw new OptionsError(
        "status",
        'Expected `status` to be a state (T, O, I, R, D) followed by a severity (I, L, M, H, C, E), e.g. "TH".',
      );
    }
    this.key = `#risk#${target.dns}#${name}`;
  }
}

export class Attribute {
  readonly key: string;

  constructor(
    readonly name: string,
    readonly value: string,
    readonly parent: Asset | Integration,
  ) {
    this.key = `#attribute#${name}#${value}${parent.key}`;
  }
}

export type PlatformModel = Integration | Asset | Risk | Attribute;

/** CVSS v3 qualitative rating (FIRST CVSS v3.1 §5) mapped to a risk status. */
export function cvssToStatus(score: number, state: RiskState = "T"): RiskStatus {
  if (typeof score !== "number" || !Number.isFinite(score) || score < 0 || score > 10) {
    throw new OptionsError("score", "Expected `score` to be a number from 0 to 10.");
  }
  if (!["T", "O", "I", "R", "D"].includes(state)) {
    throw new OptionsError("state", 'Expected `state` to be one of: "T", "O", "I", "R", "D".');
  }
  const severity: RiskSeverity =
    score >= 9 ? "C" : score >= 7 ? "H" : score >= 4 ? "M" : score > 0 ? "L" : "I";
  return `${state}${severity}`;
}
