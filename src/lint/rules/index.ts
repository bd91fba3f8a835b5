import type { Rule } from "../rule.js";
import boundedConcurrency from "./bounded-concurrency.js";
import boundedPagination from "./bounded-pagination.js";
import checkAffiliation from "./check-affiliation.js";
import extendsBase from "./extends-base.js";
import fileLayout from "./file-layout.js";
import filterBeforeSend from "./filter-before-send.js";
import generatedUntouched from "./generated-untouched.js";
import integrationTarget from "./integration-target.js";
import integrationTrue from "./integration-true.js";
import matchClass from "./match-class.js";
import maxLines from "./max-lines.js";
import noRawHttp from "./no-raw-http.js";
import noSecretLogging from "./no-secret-logging.js";
import noSwallowedErrors from "./no-swallowed-errors.js";
import registered from "./registered.js";
import validateCredentialsFirst from "./validate-credentials-first.js";
import validateCredentialsReal from "./validate-credentials-real.js";
import webhookVerify from "./webhook-verify.js";

/** Every rule, in the order of the brief's table (section 6). */
export const RULES: readonly Rule[] = [
  extendsBase,
  integrationTrue,
  registered,
  integrationTarget,
  validateCredentialsFirst,
  validateCredentialsReal,
  matchClass,
  checkAffiliation,
  filterBeforeSend,
  maxLines,
  fileLayout,
  noRawHttp,
  noSecretLogging,
  noSwallowedErrors,
  boundedPagination,
  boundedConcurrency,
  webhookVerify,
  generatedUntouched,
];
