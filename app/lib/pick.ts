// The type-to-search pickers' shared words: what they find, and how a picker's fields are named.

export const PICK_KINDS = ["village", "enterprise", "project", "organization"] as const;
export type PickKind = (typeof PICK_KINDS)[number];

/** One choice: the record's id, its name, what tells two of the same name apart, and whether it is dissolved. */
export type Choice = { id: number; name: string; note: string | null; inactive: 0 | 1 };

/** A chosen record as a page knows it (a project's villages, an income record's enterprise). */
export type Named = { id: number; name: string };

/**
 * The text field beside a picker's id field: what the user typed. The server resolves it when it
 * does not name the chosen record (a form sent without JavaScript, or a name typed and not chosen).
 */
export const textFieldOf = (name: string) => `${name}Text`;

/** Separators between several names typed into one field (a project's villages without JavaScript). */
export const NAME_SEPARATORS = /[、,，;；\n]+/;
