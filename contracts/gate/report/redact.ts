/**
 * The last pass over everything the gate prints or writes: the API key, in every form it could take in
 * text (as is, JSON-escaped, percent-encoded), becomes a placeholder. Nothing should reach this pass with
 * the key in it (requests hold a credential name, never the value); this is defence in depth.
 */
export const REDACTED = '[REDACTED]';

export type Redactor = (text: string) => string;

export function redactor(apiKey: string): Redactor {
  const forms = [...new Set([apiKey, JSON.stringify(apiKey).slice(1, -1), encodeURIComponent(apiKey)])]
    .filter((form) => form !== '')
    // Longest first, so a form that contains another is replaced whole.
    .sort((a, b) => b.length - a.length);
  return (text) => forms.reduce((out, form) => out.split(form).join(REDACTED), text);
}
