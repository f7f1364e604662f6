/**
 * Chart colours from the app's theme variables (styles.css), so charts follow the light and
 * dark themes like everything else.
 */

export interface ChartTheme {
  text: string;
  muted: string;
  grid: string;
  surface: string;
  empty: string;
  accent: string;
  ok: string;
  warn: string;
  danger: string;
}

/** Used where no stylesheet is loaded (tests): the light theme's values. */
export const LIGHT_THEME: ChartTheme = {
  text: '#1b1f24',
  muted: '#59636e',
  grid: '#d5dae1',
  surface: '#ffffff',
  empty: '#eef1f5',
  accent: '#0b5cad',
  ok: '#1a7f37',
  warn: '#8a5a00',
  danger: '#b42318',
};

const VARIABLES: Record<keyof ChartTheme, string> = {
  text: '--text',
  muted: '--muted',
  grid: '--border',
  surface: '--surface',
  empty: '--surface-2',
  accent: '--accent',
  ok: '--ok',
  warn: '--warn',
  danger: '--danger',
};

/** The theme in effect on `element` (the document's root by default). */
export function readTheme(element: Element = document.documentElement): ChartTheme {
  const style = getComputedStyle(element);
  const out = { ...LIGHT_THEME };
  for (const [name, variable] of Object.entries(VARIABLES) as [keyof ChartTheme, string][]) {
    const value = style.getPropertyValue(variable).trim();
    if (value) out[name] = value;
  }
  return out;
}

/** `#rrggbb` (or `#rgb`) with an opacity, as rgba(); other colour forms pass through. */
export function withAlpha(color: string, alpha: number): string {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (!m) return color;
  const hex = m[1]!.length === 3 ? [...m[1]!].map((c) => c + c).join('') : m[1]!;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}
