// The one rule for contacts' addresses and for names, pinned by named examples: what the API, the pages, the
// contract import, REPORT_MANAGERS and the report run all accept or refuse.
import { describe, expect, it } from 'vitest';
import { isEmailAddress, parseEmailAddress } from '../../src/shared/email-address.ts';
import { nameProblem, shownSafely } from '../../src/shared/name-text.ts';

describe('an e-mail address', () => {
  it.each([
    ['wang.fang@example.com', 'wang.fang@example.com'],
    ['  li+crm@sub.example.com.cn ', 'li+crm@sub.example.com.cn'],
    ["o'brien@example.ie", "o'brien@example.ie"],
    ['x_y-z@xn--fiqs8s.cn', 'x_y-z@xn--fiqs8s.cn'],
    [`${'a'.repeat(64)}@example.com`, `${'a'.repeat(64)}@example.com`],
  ])('accepts %j as one plain address', (text, address) => {
    expect(parseEmailAddress(text)).toBe(address);
  });

  it.each([
    ['a list', 'a@x.com,attacker'],
    ['a list with a second address', 'a@x.com, b@y.com'],
    ['a semicolon list', 'a@x.com;b@y.com'],
    ['a display name', '"x"<b@y.com>'],
    ['a display name, spaced', 'Wang Fang <wang@example.com>'],
    ['angle brackets alone', '<b@y.com>'],
    ['a quoted local part', '"wang fang"@example.com'],
    ['a domain literal', 'wang@[127.0.0.1]'],
    ['a comment', 'wang(sales)@example.com'],
    ['a header break', 'wang@example.com\r\nBcc: x@evil.com'],
    ['a NUL', 'wang@example.com\u0000'],
    ['a space inside', 'wang fang@example.com'],
    ['no domain dot', 'wang@localhost'],
    ['two @', 'wang@@example.com'],
    ['a leading dot', '.wang@example.com'],
    ['a double dot', 'wang..fang@example.com'],
    ['a hyphen-led label', 'wang@-example.com'],
    ['non-ASCII', '王芳@例子.中国'],
    ['a 65-character local part', `${'a'.repeat(65)}@example.com`],
    ['over 200 characters', `a@${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.${'e'.repeat(20)}.com`],
    ['empty', ''],
  ])('refuses %s: %j', (_what, text) => {
    expect(parseEmailAddress(text)).toBeNull();
  });

  it('is exact for isEmailAddress: surrounding spaces stored with an address count against it', () => {
    expect(isEmailAddress('wang@example.com')).toBe(true);
    expect(isEmailAddress(' wang@example.com')).toBe(false);
  });
});

describe('a name', () => {
  it.each(['华东精密制造有限公司', '上海云杉科技（集团）有限公司', 'Acme China Ltd.', "O'Brien & Sons", '王芳 (IT)', '😀 emoji company'])('accepts %j', (name) => {
    expect(nameProblem(name, 200)).toBeNull();
  });

  it.each([
    ['CR LF', 'Acme\r\nBcc: x@evil.com'],
    ['LF', 'Acme\nLtd'],
    ['NUL', 'Acme\u0000'],
    ['a tab', 'Acme\tLtd'],
    ['DEL', 'Acme\u007F'],
    ['a C1 control', 'Acme\u0085'],
    ['a line separator', 'Acme\u2028Ltd'],
    ['a right-to-left override', 'Acme\u202Etxt.exe'],
    ['a lone surrogate', 'Acme\uD800'],
  ])('refuses %s as a control character', (_what, name) => {
    expect(nameProblem(name, 200)).toBe('control_character');
  });

  it('counts characters, not UTF-16 units, against the limit, and refuses empty', () => {
    expect(nameProblem('😀'.repeat(100), 100)).toBeNull();
    expect(nameProblem('字'.repeat(101), 100)).toBe('too_long');
    expect(nameProblem('', 100)).toBe('empty');
  });

  it('is shown quoted with every control character escaped', () => {
    expect(shownSafely('A\r\nB\u0000\u202E')).toBe('"A\\r\\nB\\u0000\\u202e"');
  });
});
