// A message that travels as data (a field error, an import row's error) with its parameters:
// "error.monthLocked|{"village":"井亭村",…}". translate() reads it back in the reader's language.

export type Params = Record<string, string | number>;

export const withParams = (key: string, params: Params) => `${key}|${JSON.stringify(params)}`;

/** The key and parameters of a message made by withParams; a plain key has none. */
export function splitParams(message: string): { key: string; params?: Params } {
  const at = message.indexOf("|{");
  if (at < 0) return { key: message };
  try {
    return { key: message.slice(0, at), params: JSON.parse(message.slice(at + 1)) as Params };
  } catch {
    return { key: message };
  }
}
