/**
 * DuckDB-flavoured SQL for CodeMirror: lang-sql with DuckDB's keywords and type names (from
 * duckdb_keywords() and duckdb_types() of the bundled DuckDB), double-quoted identifiers and
 * FROM-first, PIVOT, QUALIFY, SUMMARIZE, DESCRIBE highlighted as keywords.
 */
import { SQLDialect } from '@codemirror/lang-sql';

const KEYWORDS =
  'abort absolute access action add admin after aggregate all also alter always analyse analyze and ' +
  'any array as asc assertion assignment asymmetric attach attribute backward before begin between ' +
  'bigint bit boolean both cache call called cascade cascaded case cast catalog centuries century ' +
  'chain char character characteristics check checkpoint class close cluster coalesce collate ' +
  'column comment comments commit committed compression configuration conflict connection ' +
  'constraint constraints content continue conversion copy cost create csv cube current cursor ' +
  'cycle data database day days deallocate dec decade decades decimal declare default defaults ' +
  'deferrable deferred definer delete delimiter delimiters depends desc describe detach dictionary ' +
  'disable discard distinct do document domain double drop each else enable encoding encrypted end ' +
  'enum error escape event except exclude excluding exclusive execute exists explain export ' +
  'export_state extension extensions external extract false family fetch filter first float ' +
  'following for force foreign forward from function functions global grant granted group grouping ' +
  'grouping_id groups handler having header hold hour hours identity if ignore immediate immutable ' +
  'implicit import in include including increment index indexes inherit inherits initially inline ' +
  'inout input insensitive insert install instead int integer intersect interval into invoker ' +
  'isolation json key label lambda language large last lateral leading leakproof level limit listen ' +
  'load local location lock locked logged macro mapping match matched materialized maxvalue merge ' +
  'method microsecond microseconds millennia millennium millisecond milliseconds minute minutes ' +
  'minvalue mode month months move name names national nchar new next no none not nothing notify ' +
  'nowait null nullif nulls numeric object of off offset oids old on only operator option options ' +
  'or order ordinality others out over overlay overriding owned owner parallel parser partial ' +
  'partition partitioned passing password percent persistent pivot pivot_longer pivot_wider placing ' +
  'plans policy position pragma preceding precision prepare prepared preserve primary prior ' +
  'privileges procedural procedure program publication qualify quarter quarters quote range read ' +
  'real reassign recheck recursive ref references referencing refresh reindex relative release ' +
  'rename repeatable replace replica reset respect restart restrict returning returns revoke role ' +
  'rollback rollup row rows rule sample savepoint schema schemas scope scroll search second seconds ' +
  'secret security select sequence sequences serializable server session set setof sets share show ' +
  'simple skip smallint snapshot some sorted source sql stable standalone start statement ' +
  'statistics stdin stdout storage stored strict strip subscription substring summarize symmetric ' +
  'sysid system table tables tablespace target temp template temporary text then ties time ' +
  'timestamp to trailing transaction transform treat trigger trim true truncate trusted type types ' +
  'unbounded uncommitted unencrypted union unique unknown unlisten unlogged unpivot until update ' +
  'use user using vacuum valid validate validator value values varchar variable variadic varying ' +
  'version view views virtual volatile week weeks when where whitespace window with within without ' +
  'work wrapper write xml xmlattributes xmlconcat xmlelement xmlexists xmlforest xmlnamespaces ' +
  'xmlparse xmlpi xmlroot xmlserialize xmltable year years yes zone summarize describe show pivot ' +
  'unpivot qualify ';

const TYPES =
  'array bigint bignum binary bit bitstring blob bool boolean bpchar bytea char date datetime dec ' +
  'decimal double enum float float4 float8 geometry guid hugeint int int1 int128 int16 int2 int32 ' +
  'int4 int64 int8 integer integral interval json list logical long map null numeric nvarchar oid ' +
  'real row short signed smallint string struct text time time_ns timestamp timestamp_ms ' +
  'timestamp_ns timestamp_s timestamp_us timestamptz timetz tinyint type ubigint uhugeint uint128 ' +
  'uint16 uint32 uint64 uint8 uinteger union usmallint utinyint uuid varbinary varchar variant ' +
  'varint ';

/** Reserved words duckdb_keywords() files under other categories. */
const CORE = 'select by where join left right inner outer full cross natural semi anti asof positional using when then is like ilike similar glob with recursive union as and or not';

export const duckdbDialect = SQLDialect.define({
  keywords: `${KEYWORDS.trim()} ${CORE}`,
  types: TYPES.trim(),
  doubleQuotedStrings: false,
  hashComments: false,
  slashComments: false,
  spaceAfterDashes: false,
  operatorChars: '*+-%<>!=&|~^/:',
  specialVar: '?',
  doubleDollarQuotedStrings: true,
});
