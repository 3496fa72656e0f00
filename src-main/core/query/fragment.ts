/**
 * SQL fragments that carry their own bound parameters, so that parameters stay in the order of
 * their `?` however fragments are nested. Values only ever enter SQL as `?`; text enters only
 * through `raw()` (the engine's own keywords and whitelisted constants) and `ident()`
 * (quoteIdent, after the name was checked against the dataset's real columns).
 */
import { quoteIdent } from '../identifiers';

export type SqlParam = string | number | boolean | null;

export class Fragment {
  private constructor(
    readonly sql: string,
    readonly params: readonly SqlParam[],
  ) {}

  static of(text: string, params: readonly SqlParam[]): Fragment {
    return new Fragment(text, params);
  }
}

/** Trusted SQL text: keywords, whitelisted function names and constants chosen by the engine. */
export function raw(text: string): Fragment {
  return Fragment.of(text, []);
}

export function ident(name: string): Fragment {
  return Fragment.of(quoteIdent(name), []);
}

/** Template tag: interpolated fragments are spliced in, anything else becomes a bound `?`. */
export function sql(strings: TemplateStringsArray, ...values: readonly (Fragment | SqlParam)[]): Fragment {
  let text = strings[0] ?? '';
  const params: SqlParam[] = [];
  values.forEach((v, i) => {
    if (v instanceof Fragment) {
      text += v.sql;
      params.push(...v.params);
    } else {
      text += '?';
      params.push(v);
    }
    text += strings[i + 1] ?? '';
  });
  return Fragment.of(text, params);
}

export function join(parts: readonly Fragment[], separator: string): Fragment {
  return Fragment.of(parts.map((p) => p.sql).join(separator), parts.flatMap((p) => p.params));
}
