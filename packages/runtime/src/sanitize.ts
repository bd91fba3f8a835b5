/**
 * Strip user-info, query string and fragment from a URL before it reaches a log or an error:
 * API keys travel in query strings and `user:pass@` more often than anyone would like.
 */
export function sanitizeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}${parsed.pathname}`;
  } catch {
    // Relative or malformed: cut at the first `?`/`#`, and drop anything before an `@`.
    const cut = url.split(/[?#]/, 1)[0] ?? "";
    return cut.replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^/@]*@/i, "$1");
  }
}
