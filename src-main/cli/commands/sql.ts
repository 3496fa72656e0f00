import { UserError } from '../../../src-shared/errors';
import { runReadOnlySql } from '../../core/sql/read-only';
import { WORKSPACE, str, withWorkspace, type Command } from '../command';
import { checkFormat, renderResult } from '../format';

export const sqlCommand: Command = {
  name: 'sql',
  summary: 'run read-only SQL over the datasets (each dataset is a table of its name)',
  usage: 'sql -w WS [--format json|csv|table] "SELECT ..."',
  options: { ...WORKSPACE, format: { type: 'string' } },
  async run({ values, positionals, io }) {
    const format = checkFormat(str(values, 'format'), 'table');
    const sql = positionals.join(' ');
    if (!sql.trim()) throw new UserError('bad_request', 'missing the SQL to run', 'e.g. tallybook sql -w ws.tallybook "SELECT count(*) FROM events"');
    const result = await withWorkspace(values, (ws) => runReadOnlySql(ws.db, sql));
    io.out(renderResult(result, format));
    return 0;
  },
};
