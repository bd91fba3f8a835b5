// swagger2openapi ships no types; this is the one call capkit makes.
declare module "swagger2openapi" {
  interface ConvertOptions {
    patch?: boolean;
    warnOnly?: boolean;
    direct?: boolean;
    resolve?: boolean;
    resolveInternal?: boolean;
    text?: string;
  }
  export function convertObj(swagger: object, options: ConvertOptions): Promise<object>;
}
