/**
 * Builds the renderer (renderer/ → dist/). Relative asset URLs, so the same build runs from
 * the desktop shell's app://bundle/ and from `kms-study serve`. Two build-time plugins:
 * the security headers of every built file (renderer/csp.ts), and the AWS SDK's type
 * declarations for the playground editor's IntelliSense.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import ts from 'typescript';
import { defineConfig, type Plugin } from 'vite';
import { META_CSP, SECURITY_HEADERS_FILE, securityHeaders } from './renderer/csp';

const root = dirname(fileURLToPath(import.meta.url));
const outDir = join(root, 'dist');

/** Writes the <meta> copy of the document policy, and security-headers.json for the hosts. */
function securityHeadersPlugin(): Plugin {
  return {
    name: 'kms-study:security-headers',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: META_CSP }, injectTo: 'head-prepend' },
    ],
    closeBundle() {
      const files = (readdirSync(outDir, { recursive: true }) as string[])
        .map((f) => f.split(sep).join('/'))
        .filter((f) => f.endsWith('.js'));
      writeFileSync(join(outDir, SECURITY_HEADERS_FILE), JSON.stringify(securityHeaders(files), null, 2) + '\n');
    },
  };
}

const SDK_TYPES = 'virtual:kms-sdk-types';
/** The SDK packages learners' code can import (renderer/sandbox/runtime.ts provides them). */
const SDK_PACKAGES = ['@aws-sdk/client-kms', '@aws-sdk/client-iam', '@aws-sdk/client-sts'];

/**
 * `virtual:kms-sdk-types`: every declaration file (and the package.json fields that resolve
 * them) that importing the SDK packages reaches, as [path, text] pairs under
 * file:///node_modules/, found by asking the TypeScript compiler which files it reads.
 */
function kmsSdkTypesPlugin(): Plugin {
  const resolvedId = '\0' + SDK_TYPES;
  return {
    name: 'kms-study:kms-sdk-types',
    resolveId: (id) => (id === SDK_TYPES ? resolvedId : undefined),
    load(id) {
      if (id !== resolvedId) return undefined;
      const entry = join(root, '__playground__.ts');
      const host = ts.createCompilerHost({});
      const read = new Map<string, string>();
      const readFile = host.readFile.bind(host);
      host.readFile = (file) => {
        const text = readFile(file);
        if (text !== undefined && file.includes('/node_modules/') && file.endsWith('/package.json')) {
          const pkg = JSON.parse(text) as Record<string, unknown>;
          const fields = ['name', 'version', 'types', 'typings', 'typesVersions', 'main'];
          read.set(file, JSON.stringify(Object.fromEntries(fields.filter((f) => f in pkg).map((f) => [f, pkg[f]]))));
        }
        return text;
      };
      const getSourceFile = host.getSourceFile.bind(host);
      host.getSourceFile = (file, lang) =>
        file === entry
          ? ts.createSourceFile(file, SDK_PACKAGES.map((p) => `import '${p}';`).join('\n'), lang)
          : getSourceFile(file, lang);
      const fileExists = host.fileExists.bind(host);
      host.fileExists = (file) => file === entry || fileExists(file);
      const program = ts.createProgram({
        rootNames: [entry],
        options: { module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10, types: [] },
        host,
      });
      const modules = resolve(root, 'node_modules');
      const files: [string, string][] = [];
      for (const sf of program.getSourceFiles()) {
        if (sf.fileName.startsWith(modules + '/') && !sf.fileName.startsWith(join(modules, 'typescript') + '/')) {
          files.push([sf.fileName, sf.text]);
        }
      }
      for (const [file, text] of read) if (file.startsWith(modules + '/')) files.push([file, text]);
      for (const sdk of SDK_PACKAGES) {
        if (!files.some(([f]) => f.endsWith(`${sdk}/dist-types/index.d.ts`))) {
          this.error(`The declarations of ${sdk} were not found: is it installed?`);
        }
      }
      const entries = files.map(([file, text]) => [`file:///node_modules/${relative(modules, file)}`, text]);
      return `export default ${JSON.stringify(entries)};`;
    },
  };
}

/**
 * The SDK's browser build parses XML responses (IAM's and STS's Query protocol) with
 * DOMParser, which workers do not have; the package's other parser is plain JavaScript and
 * runs anywhere, so the runner worker gets that one.
 */
function sdkXmlParserPlugin(): Plugin {
  const browserParser = /[\\/]@aws-sdk[\\/]xml-builder[\\/]dist-es[\\/]xml-parser\.browser\.js$/;
  return {
    name: 'kms-study:sdk-xml-parser',
    enforce: 'pre',
    load: (id) => (browserParser.test(id) ? readFileSync(id.replace(/\.browser\.js$/, '.js'), 'utf8') : undefined),
  };
}

export default defineConfig({
  root: join(root, 'renderer'),
  base: './',
  publicDir: false,
  plugins: [react(), securityHeadersPlugin(), kmsSdkTypesPlugin()],
  worker: {
    format: 'es',
    plugins: () => [sdkXmlParserPlugin()],
    // The learner-code runner's policy allows no script loads at all, so each worker must be
    // one self-contained file (the AWS SDK loads some of its code lazily otherwise).
    rolldownOptions: { output: { codeSplitting: false } },
  },
  build: {
    outDir,
    emptyOutDir: true,
    manifest: true,
    target: 'es2022',
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 8000,
    reportCompressedSize: false,
    // Monaco's size makes some plugin steps slow; that is expected, not worth a warning each build.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  server: {
    // `vite` (development only) serves the UI with hot reload; the host API comes from a
    // `kms-study serve` on its default port.
    proxy: { '/api': 'http://127.0.0.1:4599' },
  },
});
