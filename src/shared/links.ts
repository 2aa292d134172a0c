// Links in model output are hostile input: the host opens one only after this check and a confirmation
// that shows where it really goes. Pure, so the rules are unit-tested without VS Code.

const OPENABLE_PROTOCOLS = new Set(['http:', 'https:']);
/** Characters that make text read differently from what it is (bidi controls, zero-width, tags, C0/C1 controls). */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this pattern finds
const DECEPTIVE_CHARS = /[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]|\uDB40[\uDC00-\uDC7F]/g;
const MAX_SHOWN = 200;

export type LinkCheck = { readonly ok: true; readonly url: string } | { readonly ok: false; readonly warning: string };

/** Decides whether a link from model output may be offered for opening; `url` is the normalized, real target. */
export function checkModelLink(href: string): LinkCheck {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return { ok: false, warning: `Tandem did not open a link it could not read: ${visible(href).slice(0, MAX_SHOWN)}` };
  }
  if (!OPENABLE_PROTOCOLS.has(url.protocol)) {
    return { ok: false, warning: `Tandem opens only http and https links. Blocked: ${visible(url.protocol).slice(0, 40)} link.` };
  }
  return { ok: true, url: url.toString() };
}

/** The confirmation's detail: the real URL, and the link text when it says something else. */
export function linkConfirmationDetail(url: string, href: string, text: string): string {
  const said = text.trim();
  const looksDifferent = said !== '' && said !== href && said !== url;
  const target = looksDifferent ? `The link text says "${visible(said).slice(0, MAX_SHOWN)}", but it goes to:\n${url}` : url;
  const { username, password, host } = new URL(url);
  // `https://docs.example.com@evil.test/` reads as docs.example.com but goes to evil.test.
  return username || password ? `${target}\nHost: ${host}` : target;
}

/** Shows hidden characters as U+XXXX so text in a dialog cannot disguise itself. */
function visible(text: string): string {
  return text.replace(DECEPTIVE_CHARS, (char) => `<U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}>`);
}
