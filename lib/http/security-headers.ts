// The headers every response carries; proxy.ts sets them (it runs for every path).

/** A fresh CSP nonce: 128 random bits, base64. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

/**
 * Scripts run only with this response's nonce (Next puts it on its own inline and bundle
 * scripts when it finds it in the request's CSP) or when loaded by such a script
 * ('strict-dynamic'). Style attributes are allowed (React and recharts set them while
 * rendering), style elements need the nonce. Nothing may frame the console.
 */
export function contentSecurityPolicy(options: { nonce: string; https: boolean; dev: boolean }): string {
  const directives = [
    "default-src 'self'",
    // React's development build evaluates code for its error overlay; production never does.
    `script-src 'self' 'nonce-${options.nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${options.nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

export function securityHeaders(options: { nonce: string; https: boolean; dev: boolean }): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(options),
    // For browsers that predate frame-ancestors.
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    // Same-origin requests keep their Referer (and Origin, which server actions check); other sites get nothing.
    "Referrer-Policy": "same-origin",
    ...(options.https ? { "Strict-Transport-Security": "max-age=31536000" } : {}),
  };
}
