/**
 * Runs playground programs in Node as the runner worker does (renderer/sandbox/runtime.ts),
 * against an in-process sandbox through the host's `aws.send`: compiled with TypeScript the
 * way the editor compiles them (CommonJS, source map). The sandbox runs on real time: the
 * SDK signs its requests with the real clock, and SigV4 refuses skewed ones.
 */
import ts from 'typescript';
import { HostService } from '../../core/app/service';
import type { WireResponse } from '../../core/app/contract';
import { execute, type ExecuteResult } from '../../renderer/sandbox/runtime';
import type { CallRecord, RunConfig } from '../../renderer/sandbox/protocol';
import { LineMapper, type SourceMapV3 } from '../../renderer/sandbox/source-map';
import { Sandbox } from '../../core/app/sandbox';
import { LEARNER_CREDENTIALS } from './server';

export function compile(source: string): { code: string; map: LineMapper } {
  const out = ts.transpileModule(source, {
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      sourceMap: true,
    },
    fileName: 'playground.ts',
  });
  return {
    code: out.outputText.replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n'),
    map: new LineMapper(JSON.parse(out.sourceMapText!) as SourceMapV3),
  };
}

export interface PlaygroundRun {
  result: ExecuteResult;
  /** The error's line in the TypeScript source, when it has one. */
  line?: number;
  logs: string[];
  calls: CallRecord[];
}

export interface PlaygroundHost {
  sandbox: Sandbox;
  service: HostService;
  run(source: string, config?: Partial<RunConfig>): Promise<PlaygroundRun>;
  close(): void;
}

export function playgroundHost(): PlaygroundHost {
  // Quotas off: tests make calls far faster than AWS's control-plane rates, and the SDK
  // would retry the throttled ones.
  const sandbox = new Sandbox({ path: ':memory:', quotas: { enabled: false, scale: 1 } });
  const service = new HostService(sandbox);
  return {
    sandbox,
    service,
    async run(source, config = {}) {
      const { code, map } = compile(source);
      const logs: string[] = [];
      const calls: CallRecord[] = [];
      const result = await execute(
        code,
        { region: 'us-east-1', credentials: LEARNER_CREDENTIALS, ...config },
        {
          async send(request) {
            const r = await service.dispatch('aws.send', request);
            if (!r.ok) throw Object.assign(new Error(r.error.message), { name: r.error.code });
            return r.data as WireResponse;
          },
          log: (level, text) => logs.push(`${level}: ${text}`),
          call: (record) => calls.push(record),
        },
      );
      const run: PlaygroundRun = { result, logs, calls };
      if (!result.ok && result.error.line !== undefined) {
        const at = map.original(result.error.line, result.error.column ?? 1);
        if (at) run.line = at.line;
      }
      return run;
    },
    close: () => sandbox.close(),
  };
}
