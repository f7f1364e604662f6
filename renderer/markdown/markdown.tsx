/** Card Markdown on screen. The HTML is sanitized by render.ts; rendering is memoised per text and mode. */
import { useMemo } from 'react';
import { renderInlineMarkdown, renderMarkdown, type ClozeMode } from './render';
import './markdown.css';

export interface MarkdownProps {
  text: string;
  cloze?: ClozeMode;
  /** One line inside other inline content (a button's label): a <span> with no blocks. */
  inline?: boolean;
  className?: string;
  id?: string;
}

export function Markdown({ text, cloze, inline = false, className, id }: MarkdownProps) {
  const active = cloze?.active ?? null;
  const revealed = cloze?.revealed ?? false;
  const withCloze = cloze !== undefined;
  const html = useMemo(() => {
    if (inline) return renderInlineMarkdown(text);
    return renderMarkdown(text, withCloze ? { active, revealed } : undefined);
  }, [text, inline, withCloze, active, revealed]);
  const Tag = inline ? 'span' : 'div';
  return (
    <Tag
      id={id}
      className={`${inline ? 'md md-inline' : 'md'}${className ? ` ${className}` : ''}`}
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
