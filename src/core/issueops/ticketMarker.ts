/**
 * A hidden HTML comment YouOps writes into the tickets it opens, naming the
 * environment and template, so the tree finds its tickets without guessing.
 * (The idempotency key that prevents duplicates is a separate marker; see core/github.)
 */
export interface TicketMarker {
  template?: string;
  env?: string;
}

const RE = /<!-- youops:ticket((?: [\w-]+=[^\s>]*)*) -->/;

export function ticketMarker(m: TicketMarker): string {
  const attrs = Object.entries(m)
    .filter(([, v]) => typeof v === 'string' && v !== '')
    .map(([k, v]) => ` ${k}=${encodeURIComponent(v as string)}`)
    .join('');
  return `<!-- youops:ticket${attrs} -->`;
}

export function readTicketMarker(body: string | undefined): TicketMarker | undefined {
  const m = body ? RE.exec(body) : null;
  if (!m) return undefined;
  const out: TicketMarker = {};
  for (const pair of m[1].trim().split(/\s+/).filter(Boolean)) {
    const [k, v] = pair.split('=');
    if (k === 'template' || k === 'env') out[k] = decodeURIComponent(v ?? '');
  }
  return out;
}
