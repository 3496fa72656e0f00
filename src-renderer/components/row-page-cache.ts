/**
 * The pages of rows behind DataGrid. Invariants: a page is fetched at most once at a time (an
 * in-flight page is never requested again), at most MAX_IN_FLIGHT requests run together, pages
 * far from the rows in view are dropped once more than `keepPages` are cached, and answers that
 * arrive after `reset()` (new sort, new source) are ignored. The first answer tells the columns
 * and the total row count.
 */
import type { CellValue, ColumnInfo } from '../../src-shared/columnar';

export interface RowsChunk {
  readonly columns: readonly ColumnInfo[];
  readonly data: readonly (readonly CellValue[])[];
  readonly rowCount: number;
  readonly totalRows: number;
}

export type LoadPage = (offset: number, limit: number) => Promise<RowsChunk>;

const MAX_IN_FLIGHT = 2;

export class RowPageCache {
  private pages = new Map<number, RowsChunk>();
  private inFlight = new Set<number>();
  private wanted: number[] = [];
  private generation = 0;
  columns: readonly ColumnInfo[] = [];
  totalRows: number | null = null;
  error: unknown = null;

  constructor(
    private load: LoadPage,
    private readonly onChange: () => void,
    readonly pageSize = 200,
    private readonly keepPages = 40,
  ) {}

  /** Forgets every page (a new sort or source); answers still on their way are ignored. */
  reset(load: LoadPage): void {
    this.load = load;
    this.generation++;
    this.pages.clear();
    this.inFlight.clear();
    this.wanted = [];
    this.error = null;
  }

  /** The grid is gone: answers still on their way are ignored. */
  dispose(): void {
    this.generation++;
    this.pages.clear();
    this.inFlight.clear();
  }

  /** After an error: forget it and load the wanted pages again. */
  retry(): void {
    this.error = null;
    this.onChange();
  }

  /** The value at a row and column, or undefined while its page is not loaded. */
  cell(row: number, column: number): CellValue | undefined {
    const page = this.pages.get(Math.floor(row / this.pageSize));
    if (!page) return undefined;
    return page.data[column]?.[row % this.pageSize];
  }

  hasRow(row: number): boolean {
    return this.pages.has(Math.floor(row / this.pageSize));
  }

  /** Makes sure the pages covering rows [from, to] are loaded or on their way. */
  ensure(from: number, to: number): void {
    if (this.error) return;
    const first = Math.max(0, Math.floor(from / this.pageSize));
    const last = Math.max(first, Math.floor(Math.max(from, to) / this.pageSize));
    const lastPage = this.totalRows === null ? first : Math.max(0, Math.ceil(this.totalRows / this.pageSize) - 1);
    const needed: number[] = [];
    for (let p = first; p <= Math.min(last, lastPage); p++) if (!this.pages.has(p)) needed.push(p);
    this.wanted = needed;
    this.evict(first, last);
    this.pump();
  }

  private pump(): void {
    while (this.inFlight.size < MAX_IN_FLIGHT) {
      const next = this.wanted.find((p) => !this.inFlight.has(p) && !this.pages.has(p));
      if (next === undefined) return;
      this.fetch(next);
    }
  }

  private fetch(page: number): void {
    const generation = this.generation;
    this.inFlight.add(page);
    this.load(page * this.pageSize, this.pageSize).then(
      (chunk) => {
        if (generation !== this.generation) return;
        this.inFlight.delete(page);
        this.pages.set(page, chunk);
        this.columns = chunk.columns;
        this.totalRows = chunk.totalRows;
        this.onChange();
        this.pump();
      },
      (e: unknown) => {
        if (generation !== this.generation) return;
        this.inFlight.delete(page);
        this.error = e;
        this.onChange();
      },
    );
  }

  /** Drops the pages farthest from [first, last] when more than keepPages are cached. */
  private evict(first: number, last: number): void {
    if (this.pages.size <= this.keepPages) return;
    const distance = (p: number) => (p < first ? first - p : p > last ? p - last : 0);
    const byDistance = [...this.pages.keys()].sort((a, b) => distance(b) - distance(a));
    for (const p of byDistance.slice(0, this.pages.size - this.keepPages)) this.pages.delete(p);
  }
}
