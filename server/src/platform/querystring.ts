// The query string as Fastify's own parser (fast-querystring) reads it — a repeated key becomes a
// list, `+` a space, a key without `=` an empty value — with one difference: a value whose percent-encoding is not UTF-8 (e.g.
// %ED%A0%80, half of a surrogate pair, or a stray %FF) is not kept as its raw "%ED%A0%80" text —
// which would quietly change a person's words — but decoded as far as it goes with U+D800 (a lone
// surrogate) in place of each undecodable sequence, so the field's schema refuses it as text that
// cannot be stored (fields.ts `plainText`: 400 naming the field, reason invalidCharacters).

const UNDECODABLE = '\ud800';

/** Decodes one value; each percent-encoded run that is not UTF-8 becomes UNDECODABLE. */
export function decodeStrictly(raw: string): string {
  const plus = raw.replaceAll('+', ' ');
  try {
    return decodeURIComponent(plus);
  } catch {
    return plus.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return UNDECODABLE;
      }
    });
  }
}

export function parseQuerystring(query: string): Record<string, string | string[]> {
  const raw = new Map<string, string[]>();
  for (const pair of query.split('&')) {
    if (!pair) continue;
    const at = pair.indexOf('=');
    const key = decodeStrictly(at < 0 ? pair : pair.slice(0, at));
    raw.set(key, [...(raw.get(key) ?? []), at < 0 ? '' : decodeStrictly(pair.slice(at + 1))]);
  }
  return Object.fromEntries([...raw].map(([k, v]) => [k, v.length === 1 ? v[0]! : v]));
}
