/**
 * The integration model: everything the emitter needs, computed once from a pruned OpenAPI document.
 * It is the seam between the front half of the pipeline (spec/, model/) and the back half (emit/).
 * Identifiers in it are already safe; every other string is raw spec text and must be escaped at
 * the write site.
 */

/** Which platform record an operation's items become. */
export type RecordKind = "asset" | "risk" | "attribute" | "none";

/** Hints for the transform: what a field of the record looks like it holds. */
export type FieldHint =
  | "ip"
  | "hostname"
  | "dns"
  | "fqdn"
  | "url"
  | "cve"
  | "cvss"
  | "severity"
  | "name"
  | "id"
  | "port"
  | "status"
  | "description";

export interface FieldHintEntry {
  /** Dot path inside one record, e.g. `address.ip`. */
  field: string;
  hint: FieldHint;
}

/** Where a path lives in a JSON body: property names from the root, e.g. `["links","pages","next"]`. */
export type BodyPath = string[];

export type Pagination =
  | { style: "none" }
  /** Cursor passed back as a query (GET) or body (POST) field; stops when the next cursor is empty or `hasMore` is false. */
  | {
      style: "cursor";
      cursorParam: string;
      cursorIn: "query" | "body";
      nextCursor: BodyPath;
      hasMore?: BodyPath;
      limitParam?: string;
      /** The body is a `oneOf` with a branch holding the cursor alone: later pages send only it. */
      cursorAlone?: boolean;
    }
  /** Absolute or relative URL of the next page in the body; stops when it is missing. */
  | { style: "nextUrl"; nextUrl: BodyPath; limitParam?: string }
  /** RFC 8288 `Link: <…>; rel="next"` header; stops when there is no next link. */
  | { style: "link"; limitParam?: string }
  | { style: "offset"; offsetParam: string; limitParam: string; total?: BodyPath }
  | {
      style: "page";
      pageParam: string;
      perPageParam?: string;
      firstPage: 0 | 1;
      totalPages?: BodyPath;
    };

export type AuthModel =
  | { kind: "none"; schemeName?: string }
  | { kind: "apiKey"; schemeName: string; in: "header" | "query" | "cookie"; name: string }
  | { kind: "bearer"; schemeName: string; format?: string }
  | { kind: "basic"; schemeName: string }
  | { kind: "oauth2ClientCredentials"; schemeName: string; tokenUrl: string; scopes: string[] };

export interface ParameterModel {
  /** Name as the spec writes it (sent on the wire). */
  name: string;
  /** Safe TypeScript identifier for it. */
  identifier: string;
  in: "path" | "query" | "header" | "cookie";
  required: boolean;
  /** JSON type of the schema: `string`, `integer`, `number`, `boolean`, `array`, `object`. */
  type: string;
  /** The schema's `maximum`, for numbers (a page size must not pass it). */
  maximum?: number;
  description?: string;
}

export interface OperationModel {
  /** As the spec writes it (GitHub's contain slashes, e.g. `repos/list-for-org`); synthesised when missing. */
  operationId: string;
  /** Safe, unique method name for the client, e.g. `reposListForOrg`. */
  methodName: string;
  /** Safe, unique stem for transform functions, e.g. `Repo` in `toRepoAsset`. */
  recordName: string;
  method: "get" | "post" | "put" | "patch" | "delete" | "head" | "options";
  path: string;
  tag: string;
  summary?: string;
  parameters: ParameterModel[];
  requestBody?: {
    contentType: string;
    required: boolean;
    /** The smallest body the spec accepts (required fields only), when `{}` is not enough. */
    minimal?: unknown;
  };
  /** Success status and content type of the response the records come from. */
  response: { status: string; contentType: string };
  /** True when the operation returns a collection (an array, or an object holding one). */
  isList: boolean;
  /** Where the records sit in the response body; `[]` means the body is the array itself. */
  recordsPath: BodyPath;
  /** JSON pointer of one record's schema in the pruned document, when it has a name. */
  recordSchemaRef?: string;
  pagination: Pagination;
  recordKind: RecordKind;
  /** Why a non-GET operation only reads (a search, an events feed): the client marks it idempotent. */
  readOnly?: string;
  fieldHints: FieldHintEntry[];
  /** One record (not a page): the spec's example first, else a deterministic sample from the schema. */
  sample: unknown;
  sampleSource: "example" | "schema";
}

export interface ValidationCall {
  /** The operation used to check credentials; it is in `operations` or `extraOperations`. */
  operationId: string;
  /** Why it was chosen, e.g. `GET /me`, or `first list operation, page size 1`. */
  reason: string;
  /** The page-size parameter to set to 1, when the call is a list operation. */
  pageSizeParam?: string;
}

export interface Rename {
  kind: "class" | "file" | "method" | "parameter" | "record";
  from: string;
  to: string;
  reason: string;
}

export interface ModelWarning {
  code: string;
  message: string;
  /** JSON pointer into the source document. */
  pointer?: string;
}

export interface IntegrationModel {
  /** Where the spec came from (path or URL, query string removed) and the SHA-256 of its bytes. */
  source: string;
  specHash: string;
  title: string;
  version: string;
  description?: string;
  /** The service name the user chose (lower-case, e.g. `acme`), the class name and the file stem. */
  service: string;
  className: string;
  fileBase: string;
  /** Base URL from `servers` with its variables substituted by their defaults. */
  baseUrl: string;
  auth: AuthModel;
  /** False when the spec declares no security and `auth` is the default the user confirmed. */
  authDeclared: boolean;
  /** The selected operations, in selection order. */
  operations: OperationModel[];
  /** Operations needed only for `validateCredentials` (not selected by the user). */
  extraOperations: OperationModel[];
  validation: ValidationCall;
  renames: Rename[];
  warnings: ModelWarning[];
  /** The pruned OpenAPI 3.x document (selected and validation operations and what they reach). */
  document: Record<string, unknown>;
}

/** One webhook event a receiver handles (OpenAPI 3.1 `webhooks`), next to `OperationModel`. */
export interface WebhookEventModel {
  /** As the spec writes it: the operation's id (`code-scanning-alert/created`), else the key. */
  eventId: string;
  /** The name under `webhooks`. */
  key: string;
  /** Safe, unique stem for the event's names, e.g. `CodeScanningAlertCreated`. */
  recordName: string;
  tag: string;
  summary?: string;
  /** Header parameters the vendor documents, names as written. */
  headers: { name: string; required: boolean }[];
  /** How a delivery is recognised as this event (header values, fixed payload fields). */
  route: {
    headers: Record<string, string>;
    fields: { path: string[]; value: string | number | boolean }[];
  };
  contentType: string;
  /** JSON pointer of the payload's schema in the pruned document (a component, or inline in the webhook). */
  payloadSchemaRef?: string;
  recordKind: RecordKind;
  /** The risk state the event's action suggests (`fixed` → R, `dismissed` → I), when it does. */
  riskState?: "T" | "O" | "I" | "R" | "D";
  fieldHints: FieldHintEntry[];
  /** One payload: the spec's example first, else a deterministic sample from the schema. */
  sample: unknown;
  sampleSource: "example" | "schema";
}

/** The second kind of integration: a receiver of the vendor's webhooks. */
export interface ReceiverModel {
  kind: "receiver";
  source: string;
  specHash: string;
  title: string;
  version: string;
  description?: string;
  service: string;
  /** e.g. `AcmeWebhook`; files are `<fileBase>.ts`, `<fileBase>_types.ts`… with fileBase `acme_webhook`. */
  className: string;
  fileBase: string;
  /** Signature preset: github, stripe, slack, standard, okta, or hmac-sha256:<header>[:enc]. */
  signature: string;
  events: WebhookEventModel[];
  renames: Rename[];
  warnings: ModelWarning[];
  /** The pruned document: the selected events and what their payloads reach. */
  document: Record<string, unknown>;
}
