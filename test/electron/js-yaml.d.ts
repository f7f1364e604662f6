// js-yaml ships no types; the packaging test needs only its loader.
declare module 'js-yaml' {
  export function load(text: string): unknown;
}
