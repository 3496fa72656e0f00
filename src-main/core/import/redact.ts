/**
 * Optional redaction of events' attributes and context (seed 004 privacy): e-mail addresses,
 * phone numbers and IPv4 addresses are replaced, URLs are reduced to their path.
 */
export function redactJson(expr: string): string {
  let s = `${expr}::VARCHAR`;
  s = `regexp_replace(${s}, '[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}', '[email]', 'g')`;
  s = `regexp_replace(${s}, '\\b(?:[0-9]{1,3}\\.){3}[0-9]{1,3}\\b', '[ip]', 'g')`;
  // Phone numbers need a + prefix or the (123) 456-7890 shape, so plain numbers stay numbers.
  s = `regexp_replace(${s}, '\\+[0-9][0-9 ().-]{6,}[0-9]|\\(?\\b[0-9]{3}\\)?[ .-][0-9]{3}[ .-][0-9]{4}\\b', '[phone]', 'g')`;
  s = `regexp_replace(${s}, 'https?://[^/"\\s]+(/[^"?#\\s]*)?[^"\\s]*', '\\1', 'g')`;
  return `(${s})::JSON`;
}
