// A response body the database already wrote as JSON text (the plan page, decisions/0008). The
// serializer (app.ts) sends it as it is — no parse, no re-serialising; under NODE_ENV=test it
// first checks the text against the route's response schema, so the contract stays tested.

export class JsonText<T = unknown> {
  constructor(readonly text: string) {}
  /** The value, for the few callers that need a field of it. */
  parse(): T {
    return JSON.parse(this.text) as T;
  }
  /** Inside another JSON value (an error's details), the value itself, not the wrapper. */
  toJSON(): T {
    return this.parse();
  }
}

/** For a route handler: its response type, answered with text that the serializer sends unchanged. */
export const asResponse = <T>(body: JsonText<T>): T => body as unknown as T;

/** Wraps a route serializer so that JsonText passes through (checked against the schema when `check`). */
export function passJsonText(serialize: (data: unknown) => string, check: boolean) {
  return (data: unknown) => {
    if (!(data instanceof JsonText)) return serialize(data);
    if (check) serialize(data.parse());
    return data.text;
  };
}
