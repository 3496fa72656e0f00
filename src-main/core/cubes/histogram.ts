/**
 * Log-bucketed, mergeable histograms of numeric values (DDSketch's mapping): a value v ≠ 0 falls
 * in bucket i = ceil(ln|v| / ln γ) of its sign, covering (γ^(i−1), γ^i]; the bucket's
 * representative 2γ^i / (γ + 1) is within α of every value in it, relative, where
 * γ = (1 + α) / (1 − α). Zero has its own bucket (sign 0); ±infinity bucket INF_BUCKET of their
 * sign; NaN sign 2 (DuckDB orders NaN above every number). Counts of the same bucket simply add,
 * so hours merge into days, ranges and imports.
 */

/** Relative error of a representative value; kept below the 1% the query layer promises. */
export const HISTOGRAM_ALPHA = 0.0075;
const GAMMA = (1 + HISTOGRAM_ALPHA) / (1 - HISTOGRAM_ALPHA);
const LN_GAMMA = Math.log(GAMMA);
export const INF_BUCKET = 99_999;

/** sign of a DOUBLE expression: -1, 0, 1, or 2 for NaN. */
export const signOf = (v: string): string => `(CASE WHEN isnan(${v}) THEN 2 WHEN ${v} > 0 THEN 1 WHEN ${v} < 0 THEN -1 ELSE 0 END)`;

/** Bucket index of a DOUBLE expression (0 for zero and NaN). */
export const bucketOf = (v: string): string =>
  `(CASE WHEN ${v} = 0 OR isnan(${v}) THEN 0 WHEN isinf(${v}) THEN ${INF_BUCKET} ELSE CAST(ceil(ln(abs(${v})) / ${LN_GAMMA}) AS INTEGER) END)`;

/** The value a (sign, bucket) pair stands for. */
export const representative = (sign: string, bucket: string): string =>
  `(CASE ${sign} WHEN 0 THEN 0::DOUBLE WHEN 2 THEN 'NaN'::DOUBLE ELSE ${sign} * (CASE ${bucket} WHEN ${INF_BUCKET} THEN 'Infinity'::DOUBLE ELSE ${2 / (GAMMA + 1)} * pow(${GAMMA}, ${bucket}) END) END)`;

/** Sort key terms putting buckets in the order of their values. */
export const valueOrder = (sign: string, bucket: string): string => `${sign}, ${sign} * ${bucket}`;
