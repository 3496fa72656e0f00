/**
 * The SQL editor (CodeMirror 6): DuckDB highlighting, completions, undo history, and
 * Ctrl/Cmd+Enter to run the selection or the statement under the cursor. The parent loads text
 * (from the history) by changing `load`; the editor owns the document otherwise.
 */
import { autocompletion, closeBrackets, closeBracketsKeymap, closeCompletion, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { sql } from '@codemirror/lang-sql';
import { bracketMatching } from '@codemirror/language';
import { EditorState, Prec } from '@codemirror/state';
import { EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers, placeholder } from '@codemirror/view';
import { useEffect, useRef, type ReactElement } from 'react';
import type { DatasetInfo } from '../../../src-shared/datasets';
import { sqlCompletionSource } from './completion-source';
import { duckdbDialect } from './duckdb-dialect';
import { sqlEditorTheme } from './editor-theme';
import { sqlToRun } from '../../../src-shared/sql-statements';

export interface EditorLoad {
  readonly text: string;
  /** Bumped on every load, so loading the same text twice still replaces the document. */
  readonly seq: number;
}

export interface SqlEditorProps {
  readonly initial: string;
  readonly load: EditorLoad | null;
  readonly datasets: readonly DatasetInfo[];
  /** Called with the SQL to run (selection or statement at the cursor). */
  readonly onRun: (sql: string) => void;
  /** The whole document after each change (kept as the draft). */
  readonly onChange?: (doc: string) => void;
  /** Receives the editor's "run" (for a Run button): it calls onRun as Ctrl+Enter does. */
  readonly registerRun?: (run: () => void) => void;
}

/** The SQL a Run button would run now. */
export function sqlToRunIn(view: EditorView): string {
  const sel = view.state.selection.main;
  return sqlToRun(view.state.doc.toString(), sel.from, sel.to);
}

export function SqlEditor({ initial, load, datasets, onRun, onChange, registerRun }: SqlEditorProps): ReactElement {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latest = useRef({ datasets, onRun, onChange });
  latest.current = { datasets, onRun, onChange };

  useEffect(() => {
    if (!host.current) return;
    const run = (v: EditorView) => {
      closeCompletion(v);
      latest.current.onRun(sqlToRunIn(v));
      return true;
    };
    const v = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: initial,
        extensions: [
          lineNumbers(),
          highlightActiveLine(),
          highlightActiveLineGutter(),
          history(),
          bracketMatching(),
          closeBrackets(),
          sql({ dialect: duckdbDialect, upperCaseKeywords: true }),
          autocompletion({ override: [sqlCompletionSource(() => latest.current.datasets)], activateOnTyping: true, icons: false }),
          Prec.highest(keymap.of([{ key: 'Mod-Enter', run, preventDefault: true }])),
          keymap.of([...closeBracketsKeymap, ...completionKeymap, ...historyKeymap, ...defaultKeymap, indentWithTab]),
          placeholder('SELECT * FROM … — Ctrl+Enter runs the statement under the cursor (or the selection)'),
          EditorView.lineWrapping,
          EditorView.contentAttributes.of({ 'aria-label': 'SQL editor', 'data-testid': 'sql-editor' }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) latest.current.onChange?.(u.state.doc.toString());
          }),
          sqlEditorTheme,
        ],
      }),
    });
    view.current = v;
    registerRun?.(() => run(v));
    return () => {
      v.destroy();
      view.current = null;
    };
    // The editor is created once; `initial` only seeds it.
  }, []);

  useEffect(() => {
    const v = view.current;
    if (!v || !load) return;
    v.dispatch({ changes: { from: 0, to: v.state.doc.length, insert: load.text }, selection: { anchor: load.text.length } });
    v.focus();
  }, [load]);

  return <div ref={host} className="sql-editor" />;
}
