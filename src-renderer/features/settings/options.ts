/** The choices Settings offers: every IANA time zone and ISO 4217 currency the runtime knows, common ones first. */
const COMMON_CURRENCIES = ['USD', 'EUR', 'GBP', 'SEK', 'NOK', 'DKK', 'CHF', 'JPY', 'CNY', 'INR', 'CAD', 'AUD'];

function supported(kind: 'timeZone' | 'currency'): string[] {
  try {
    return Intl.supportedValuesOf(kind);
  } catch {
    return [];
  }
}

/** Every time zone, with UTC and the current value always present. */
export function timeZones(current: string): string[] {
  return [...new Set(['UTC', current, ...supported('timeZone')])];
}

export function currencies(current: string): { common: string[]; other: string[] } {
  const common = [...new Set([current, ...COMMON_CURRENCIES])];
  return { common, other: supported('currency').filter((c) => !common.includes(c)) };
}

const names = typeof Intl.DisplayNames === 'function' ? new Intl.DisplayNames(undefined, { type: 'currency' }) : null;

/** "SEK — Swedish Krona". */
export function currencyLabel(code: string): string {
  const name = names?.of(code);
  return name && name !== code ? `${code} — ${name}` : code;
}
