/**
 * The tallybook command (PRODUCT.md "CLI contract", stable): results on stdout (alone with
 * --json), one clear line on stderr for any error, non-zero exit. No stack traces unless
 * TALLYBOOK_DEBUG=1.
 */
import { parseArgs } from 'node:util';
import { UserError, describeError, toErrorShape } from '../../src-shared/errors';
import type { Command } from './command';
import { benchCommand } from './commands/bench';
import { checkCommand } from './commands/check';
import { demoCommand } from './commands/demo';
import { exportCommand } from './commands/export';
import { funnelCommand } from './commands/funnel';
import { importCommand } from './commands/import';
import { presetCommand } from './commands/preset';
import { queryCommand } from './commands/query';
import { rebuildCommand } from './commands/rebuild';
import { reportCommand } from './commands/report';
import { retentionCommand } from './commands/retention';
import { serveCommand } from './commands/serve';
import { sqlCommand } from './commands/sql';
import { processIo, type Io } from './io';

export const COMMANDS: readonly Command[] = [
  importCommand, sqlCommand, queryCommand, presetCommand, funnelCommand, retentionCommand, exportCommand, checkCommand, demoCommand, serveCommand,
  reportCommand, rebuildCommand,
  benchCommand,
];

function help(): string {
  const lines = ['tallybook — local, offline analytics workbench', '', 'Usage: tallybook <command> [options]', '', 'Commands:'];
  for (const c of COMMANDS) lines.push(`  ${c.name.padEnd(10)} ${c.summary}`);
  lines.push('', 'Run `tallybook help <command>` for its options.', '');
  return lines.join('\n');
}

function commandHelp(c: Command): string {
  return `Usage: tallybook ${c.usage}\n\n${c.summary}\n`;
}

export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    const target = name === 'help' ? COMMANDS.find((c) => c.name === rest[0]) : undefined;
    io.out(target ? commandHelp(target) : help());
    return 0;
  }
  if (name === '--version' || name === '-v') {
    io.out('tallybook 0.1.0\n');
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`tallybook: unknown command "${name}" — run tallybook --help for the list\n`);
    return 2;
  }
  try {
    let parsed;
    try {
      parsed = parseArgs({ args: [...rest], options: { ...command.options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
    } catch (e) {
      throw new UserError('bad_request', (e as Error).message.split('\n')[0]!.replace(/^TypeError( \[[A-Z_]+\])?: /, ''), `usage: tallybook ${command.usage}`);
    }
    if (parsed.values.help) {
      io.out(commandHelp(command));
      return 0;
    }
    return await command.run({ values: parsed.values, positionals: parsed.positionals, io });
  } catch (e) {
    const shape = toErrorShape(e);
    io.err(`tallybook ${name}: ${describeError(shape)}\n`);
    if (process.env.TALLYBOOK_DEBUG && e instanceof Error) io.err(`${e.stack}\n`);
    return shape.code === 'internal' ? 70 : 2;
  }
}
