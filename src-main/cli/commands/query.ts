import { readFileSync } from 'node:fs';
import { UserError } from '../../../src-shared/errors';
import { runQuery } from '../../core/query/run-query';
import { WORKSPACE, required, str, withWorkspace, type Command } from '../command';
import { checkFormat, renderResult } from '../format';

/** --spec takes JSON text or @file. */
export function readSpec(text: string): unknown {
  let source = text;
  if (text.startsWith('@')) {
    try {
      source = readFileSync(text.slice(1), 'utf8');
    } catch {
      throw new UserError('not_found', `cannot read the spec file ${text.slice(1)}`, 'check the path after @');
    }
  }
  try {
    return JSON.parse(source);
  } catch (e) {
    throw new UserError('bad_spec', `the query spec is not valid JSON (${(e as Error).message})`, 'pass a JSON object, e.g. --spec \'{"dataset":"events","measures":["count"]}\'');
  }
}

export const queryCommand: Command = {
  name: 'query',
  summary: 'run a JSON query spec (measures × dimensions × grain × filters)',
  usage: 'query -w WS --spec JSON|@file [--format json|csv|table]',
  options: { ...WORKSPACE, spec: { type: 'string' }, format: { type: 'string' } },
  async run({ values, io }) {
    const format = checkFormat(str(values, 'format'), 'table');
    const spec = readSpec(required(values, 'spec', '--spec JSON|@file'));
    const result = await withWorkspace(values, (ws) => runQuery(ws, spec));
    io.out(renderResult(result, format));
    return 0;
  },
};
