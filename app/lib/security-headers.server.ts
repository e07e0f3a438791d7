/** Tile hosts the map may load images from (MAP_TILE_URL); everything else comes from this app. */
function tileSources(): string {
  const template = process.env.MAP_TILE_URL || "https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png";
  try {
    const url = new URL(template.replace(/\{s\}/g, "a").replace(/\{[^}]+\}/g, "0"));
    const host = url.host.replace(/^a\./, "*.");
    return `${url.protocol}//${host}`;
  } catch {
    return "";
  }
}

export function securityHeaders(nonce?: string): Record<string, string> {
  const csp = [
    "default-src 'self'",
    nonce ? `script-src 'self' 'nonce-${nonce}'` : "script-src 'self'",
    // React and Leaflet set style attributes
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob: ${tileSources()}`.trim(),
    process.env.NODE_ENV === "development" ? "connect-src 'self' ws:" : "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
  return {
    "Content-Security-Policy": csp,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(self)",
  };
}
