/**
 * Turns values from learners' code into text for the output pane, much as Node's console
 * shows them: nested objects, arrays, Maps, Sets, Dates and errors, with byte arrays (KMS
 * blobs) shown as their length and base64. Depth, item counts and lengths are capped, and
 * cycles are marked, so any value formats in bounded time.
 */

const MAX_DEPTH = 6;
const MAX_ITEMS = 100;
const MAX_BASE64 = 120;
const LINE_WIDTH = 72;

function base64(bytes: Uint8Array): string {
  let binary = '';
  const n = Math.min(bytes.length, Math.ceil((MAX_BASE64 * 3) / 4) + 3);
  for (let i = 0; i < n; i++) binary += String.fromCharCode(bytes[i]!);
  const text = btoa(binary);
  return bytes.length > n || text.length > MAX_BASE64 ? `${text.slice(0, MAX_BASE64)}…` : text;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const quote = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;

function constructorName(value: object): string | undefined {
  try {
    const proto = Object.getPrototypeOf(value) as { constructor?: { name?: unknown } } | null;
    const name = proto?.constructor?.name;
    return typeof name === 'string' && name !== '' && name !== 'Object' ? name : undefined;
  } catch {
    return undefined;
  }
}

function join(open: string, items: string[], close: string, indent: string): string {
  if (items.length === 0) return `${open}${close}`;
  const flat = `${open} ${items.join(', ')} ${close}`;
  if (flat.length <= LINE_WIDTH && !flat.includes('\n')) return flat;
  const inner = indent + '  ';
  return `${open}\n${items.map((i) => inner + i).join(',\n')}\n${indent}${close}`;
}

function formatInner(value: unknown, depth: number, seen: Set<object>, indent: string): string {
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'bigint':
      return `${value}n`;
    case 'boolean':
    case 'undefined':
      return String(value);
    case 'symbol':
      return value.toString();
    case 'function': {
      const name = (value as { name?: string }).name;
      const isClass = /^class[\s{]/.test(Function.prototype.toString.call(value));
      return isClass ? `[class ${name || '(anonymous)'}]` : `[Function: ${name || '(anonymous)'}]`;
    }
  }
  if (value === null) return 'null';
  const obj = value as object;
  if (seen.has(obj)) return '[Circular]';
  if (obj instanceof Date) return Number.isNaN(obj.getTime()) ? 'Invalid Date' : obj.toISOString();
  if (obj instanceof Error) return `${obj.name}: ${obj.message}`;
  if (obj instanceof RegExp) return obj.toString();
  if (obj instanceof ArrayBuffer) return `ArrayBuffer(${obj.byteLength}) ${base64(new Uint8Array(obj))}`;
  if (ArrayBuffer.isView(obj)) {
    const bytes = new Uint8Array(obj.buffer, obj.byteOffset, obj.byteLength);
    return `${constructorName(obj) ?? 'TypedArray'}(${obj.byteLength}) ${base64(bytes)}`;
  }
  if (obj instanceof Promise) return 'Promise { … }';
  if (depth >= MAX_DEPTH) return Array.isArray(obj) ? '[Array]' : `[${constructorName(obj) ?? 'Object'}]`;
  seen.add(obj);
  try {
    const next = (v: unknown) => formatInner(v, depth + 1, seen, indent + '  ');
    if (Array.isArray(obj)) {
      const items = obj.slice(0, MAX_ITEMS).map(next);
      if (obj.length > MAX_ITEMS) items.push(`… ${obj.length - MAX_ITEMS} more items`);
      return join('[', items, ']', indent);
    }
    if (obj instanceof Map) {
      const items = [...obj].slice(0, MAX_ITEMS).map(([k, v]) => `${next(k)} => ${next(v)}`);
      if (obj.size > MAX_ITEMS) items.push(`… ${obj.size - MAX_ITEMS} more items`);
      return `Map(${obj.size}) ${join('{', items, '}', indent)}`;
    }
    if (obj instanceof Set) {
      const items = [...obj].slice(0, MAX_ITEMS).map(next);
      if (obj.size > MAX_ITEMS) items.push(`… ${obj.size - MAX_ITEMS} more items`);
      return `Set(${obj.size}) ${join('{', items, '}', indent)}`;
    }
    const keys = Object.keys(obj);
    const items = keys
      .slice(0, MAX_ITEMS)
      .map((k) => `${IDENTIFIER.test(k) ? k : quote(k)}: ${next((obj as Record<string, unknown>)[k])}`);
    if (keys.length > MAX_ITEMS) items.push(`… ${keys.length - MAX_ITEMS} more properties`);
    const name = constructorName(obj);
    const body = join('{', items, '}', indent);
    return name ? `${name} ${body}` : body;
  } catch (e) {
    return `[unreadable: ${(e as Error).message}]`;
  } finally {
    seen.delete(obj);
  }
}

/** A value as a program's result is shown: strings quoted, like every other value. */
export function inspect(value: unknown): string {
  return formatInner(value, 0, new Set(), '');
}

/** A value as console.log shows it: a top-level string is shown as itself. */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return value;
  return formatInner(value, 0, new Set(), '');
}

/** console.log's arguments: printf-style `%s %d %i %f %o %O %j %%` in a leading string, then the rest. */
export function formatLog(args: readonly unknown[]): string {
  const rest = [...args];
  if (typeof rest[0] !== 'string' || !rest[0].includes('%')) return rest.map(formatValue).join(' ');
  const template = rest.shift() as string;
  const head = template.replace(/%([sdifoOjc%])/g, (match, k: string) => {
    if (k === '%') return '%';
    if (rest.length === 0) return match;
    const arg = rest.shift();
    switch (k) {
      case 's':
        return formatValue(arg);
      case 'd':
      case 'i': {
        if (typeof arg === 'bigint') return `${arg}n`;
        const n = Number(arg);
        return String(k === 'i' ? Math.trunc(n) : n);
      }
      case 'f':
        return String(Number(arg));
      case 'c':
        return '';
      default:
        return formatInner(arg, 0, new Set(), '');
    }
  });
  return [head, ...rest.map(formatValue)].join(' ');
}
