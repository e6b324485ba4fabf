// The one rule for an e-mail address typed by a person (a customer's contact, a manager in REPORT_MANAGERS):
// a single RFC 5322 addr-spec, and only its plain form. A display name ("x" <b@y.com>), a list (a@x.com,b@y.com),
// comments, quoted local parts and domain literals are refused: each would be read as something else, or as
// more recipients, by the mail software that gets it, and none of them is how people write an address.

// dot-atom local part (RFC 5322 §3.2.3 atext, dots only between atoms), at most 64 characters (RFC 5321 §4.5.3.1.1).
const LOCAL = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*";
// A host name of letter-digit-hyphen labels; at least two labels, since a customer's mail goes across the internet.
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const ADDR_SPEC = new RegExp(`^(${LOCAL})@(${LABEL}(?:\\.${LABEL})+)$`);

/**
 * The longest address kept: customer_contacts.email is VARCHAR(200). RFC 5321 allows 254 (its 256-octet path
 * less the angle brackets); no address people use comes near either.
 */
export const MAX_EMAIL_LENGTH = 200;

/** What a valid address looks like, for messages beside a refused one. */
export const EMAIL_RULE = {
  zh: `一个邮箱地址,如 wang.fang@example.com(不含姓名、尖括号、逗号或空格,至多 ${MAX_EMAIL_LENGTH} 个字符)`,
  en: `one e-mail address such as wang.fang@example.com (no name, angle brackets, commas or spaces; at most ${MAX_EMAIL_LENGTH} characters)`,
} as const;

/** The address without surrounding spaces, or null when it is not exactly one plain address. */
export function parseEmailAddress(text: string): string | null {
  const address = text.trim();
  if (address.length > MAX_EMAIL_LENGTH) return null;
  const m = ADDR_SPEC.exec(address);
  if (!m || m[1]!.length > 64) return null;
  return address;
}

export function isEmailAddress(text: string): boolean {
  return parseEmailAddress(text) === text;
}
