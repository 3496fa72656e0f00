import { UserError } from '../../../src-shared/errors';
import type { Command } from '../command';

/** A command of the contract that this build does not have yet: it says so in one line. */
export function notYetCommand(name: string, summary: string, usage: string): Command {
  return {
    name,
    summary: `${summary} (not in this build yet)`,
    usage,
    options: {},
    async run() {
      throw new UserError('bad_request', `${name} is not available in this build yet`, 'see the README for what works today');
    },
  };
}
