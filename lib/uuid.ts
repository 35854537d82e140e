/** Whether an id from a URL or a form can be a row id at all (a malformed one would make PostgreSQL raise, not answer "not found"). */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}
