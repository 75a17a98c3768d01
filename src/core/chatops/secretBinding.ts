/**
 * A stored secret together with the host it was entered for. The repo's youops.yaml chooses
 * URLs (Slack API base, webhook names), so without this a cloned repo could point a stored
 * token at its own server; a mismatch must be confirmed by the user before anything is sent.
 */
export interface BoundSecret {
  value: string;
  host: string;
}

export type BindingCheck = { ok: true } | { ok: false; boundHost: string; targetHost: string };

/** `host[:port]`, lower-case; the port matters because a loopback port is a different server. */
export function hostOf(url: string): string {
  return new URL(url).host.toLowerCase();
}

export function checkBinding(secret: BoundSecret, targetUrl: string): BindingCheck {
  const targetHost = hostOf(targetUrl);
  return secret.host === targetHost ? { ok: true } : { ok: false, boundHost: secret.host, targetHost };
}

/** Serialised form in SecretStorage; a bare legacy string cannot be trusted with any host. */
export function parseBoundSecret(raw: string | undefined): BoundSecret | undefined {
  if (!raw) return undefined;
  try {
    const v = JSON.parse(raw) as Partial<BoundSecret>;
    return typeof v.value === 'string' && typeof v.host === 'string' && v.value ? { value: v.value, host: v.host } : undefined;
  } catch {
    return undefined;
  }
}

export function serializeBoundSecret(secret: BoundSecret): string {
  return JSON.stringify(secret);
}

/** Only https leaves the machine; plain http is accepted for loopback bots and test servers. */
export function isAcceptableEndpoint(url: string): boolean {
  try {
    const u = new URL(url);
    if (u.protocol === 'https:') return true;
    return u.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
  } catch {
    return false;
  }
}
