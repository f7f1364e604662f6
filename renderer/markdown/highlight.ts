/**
 * Code highlighting for cards: highlight.js's core with the few languages KMS cards use
 * (the AWS CLI in shell, policies and responses in JSON, SDK code in JavaScript, TypeScript
 * and Python, templates in YAML). A fence in another language, or none, is shown as plain
 * text: guessing the language would need every grammar in the bundle.
 */
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import python from 'highlight.js/lib/languages/python';
import typescript from 'highlight.js/lib/languages/typescript';
import yaml from 'highlight.js/lib/languages/yaml';

const LANGUAGES = { bash, json, javascript, typescript, python, yaml };
for (const [name, language] of Object.entries(LANGUAGES)) hljs.registerLanguage(name, language);
hljs.registerAliases(['shell', 'console', 'aws'], { languageName: 'bash' });

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => escapes[c]!);

/** The language a fence names, if it is one of ours. */
export function knownLanguage(lang: string | undefined): string | undefined {
  const name = lang?.trim().split(/\s+/)[0]?.toLowerCase();
  const language = name ? hljs.getLanguage(name) : undefined;
  // Aliases (sh, shell, js, yml…) are named by the language they stand for.
  return language ? Object.keys(LANGUAGES).find((n) => hljs.getLanguage(n) === language) : undefined;
}

/** A fenced block's code as HTML: highlighted when its language is known, escaped otherwise. */
export function highlightCode(code: string, lang: string | undefined): { html: string; language: string | undefined } {
  const language = knownLanguage(lang);
  if (!language) return { html: escapeHtml(code), language: undefined };
  return { html: hljs.highlight(code, { language, ignoreIllegals: true }).value, language };
}
